"""Correcting a saved suggestion: who may, what it leaves in history, search and the outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from station_app.domain import Channel
from station_app.errors import InvalidState, PermissionDenied, ValidationError
from station_app.services.corrections import correct_suggestion
from station_app.services.forms import SuggestionForm
from station_app.services.query import list_page
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.services.withdrawal import withdraw_suggestion
from station_app.store import Station
from station_app.store.models import Operator


def _record(station: Station, who: Operator) -> int:
    form = SuggestionForm(
        channel=Channel.FACE_TO_FACE,
        category_code="ELV",
        title="建议加装电梯",
        content="曹杨新村12号揂老人多，希望加装电梯。",
        location="曹杨新村12号楼",
    )
    return record_suggestion(station, who, form).id


def _correct(station: Station, who: Operator, sid: int, **kw: str) -> object:
    args = {
        "title": "建议加装电梯",
        "content": "曹杨新村12号楼老人多，希望加装电梯。",
        "location": "曹杨新村12号楼",
        "reason": "错别字：揂→楼",
    }
    args.update(kw)
    return correct_suggestion(station, who, sid, **args)


def test_recorder_corrects_a_typo_history_search_and_audit(
    station: Station, volunteer: Operator
) -> None:
    sid = _record(station, volunteer)
    before = get_detail(station, volunteer, sid).suggestion
    done = _correct(station, volunteer, sid)
    detail = get_detail(station, volunteer, sid)
    sug = detail.suggestion
    assert sug.content == "曹杨新村12号楼老人多，希望加装电梯。"
    assert sug.version == 2 and sug.content_hash != before.content_hash
    assert done.content_hash == sug.content_hash  # type: ignore[attr-defined]
    assert sug.status == "recorded"  # a correction is not a state change
    last = detail.history[-1]
    assert len(detail.history) == 2 and last.operator_id == volunteer.id
    assert "2" in (last.note or "") and "错别字" in (last.note or "")
    # the search index follows the corrected text
    assert [r.id for r in list_page(station, query="号楼老人")] == [sid]
    assert list_page(station, query="揂") == []
    with station.db.read() as s:
        actions = [
            r[0]
            for r in s.connection().execute(
                text("SELECT action FROM audit_log WHERE entity_id = :i"), {"i": str(sid)}
            )
        ]
    assert "correct" in actions


def test_only_the_recorder_or_an_admin_may_correct(
    station: Station, admin: Operator, volunteer: Operator, scanner: Operator
) -> None:
    sid = _record(station, volunteer)
    with pytest.raises(PermissionDenied):
        _correct(station, scanner, sid)
    _correct(station, admin, sid)  # admins may


def test_unchanged_empty_and_withdrawn_are_refused(station: Station, volunteer: Operator) -> None:
    sid = _record(station, volunteer)
    with pytest.raises(ValidationError) as unchanged:
        _correct(station, volunteer, sid, content="曹杨新村12号揂老人多，希望加装电梯。")
    assert "correction.unchanged" in str(unchanged.value.problems)
    with pytest.raises(ValidationError) as empty:
        _correct(station, volunteer, sid, title=" ", reason="")
    assert set(empty.value.problems) == {"title", "reason"}
    withdraw_suggestion(station, volunteer, sid, "本人要求撤回")
    with pytest.raises(InvalidState):
        _correct(station, volunteer, sid)
    assert get_detail(station, volunteer, sid).suggestion.version == 1


def test_demo_suggestions_corrected_or_withdrawn_send_nothing_to_hq(
    station: Station, admin: Operator
) -> None:
    """Practice data on a real station: HQ never had it, so it hears of no correction or
    withdrawal of it either; a real suggestion beside it still queues both."""
    from station_app.demo import load_demo

    load_demo(station, 2)
    with station.db.read() as s:
        demo_ids = [
            r[0]
            for r in s.execute(
                text("SELECT id FROM suggestion WHERE receipt_no LIKE 'DEMO-%' ORDER BY id")
            )
        ]
    assert len(demo_ids) == 2
    real = _record(station, admin)
    with station.db.write() as s:  # the real one has been sent: HQ must hear of a change
        s.execute(text("UPDATE outbox SET sent_at = '2026-11-25T09:31:00+08:00'"))
    for sid in (demo_ids[0], real):
        _correct(station, admin, sid)
    for sid in (demo_ids[1], real):
        withdraw_suggestion(station, admin, sid, "本人要求撤回")
    with station.db.read() as s:
        queued = s.execute(
            text("SELECT kind, payload_json FROM outbox WHERE sent_at IS NULL ORDER BY id")
        ).all()
        real_uuid = s.execute(text("SELECT uuid FROM suggestion WHERE id = :i"), {"i": real}).one()[
            0
        ]
    assert [kind for kind, _ in queued] == ["correction", "withdrawal"]
    assert all(real_uuid in payload for _, payload in queued)
