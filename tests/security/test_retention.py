"""Retention purge (dry run, only what is due, files gone, audited) and withdrawal."""

from __future__ import annotations

import json

import pytest

from station_app.clock import FixedClock
from station_app.domain import OutboxKind, Status
from station_app.errors import InvalidState
from station_app.paths import DataDir
from station_app.security.scanstore import scan_path, store_scan
from station_app.services import policy
from station_app.services.audit_view import list_audit
from station_app.services.retention import purge, scheduled_purge
from station_app.services.sessions import (
    SessionForm,
    attach_sheet,
    get_session,
    load_sheet,
    record_session,
    record_speaker,
)
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.services.withdrawal import withdraw_suggestion
from station_app.store import Station
from station_app.store.models import Operator

from .helpers import MARK_PHONE, add_letter_scans, form, move, record


def _person(st: Station, sid: int) -> tuple:
    with st.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        return conn.execute(
            "SELECT p.name, p.phone, p.address, p.purged_at FROM suggestion s "
            "JOIN suggester p ON p.id = s.suggester_id WHERE s.id = ?",
            (sid,),
        ).fetchone()


def test_purge_only_what_is_due(
    sstation: Station,
    sadmin: Operator,
    svolunteer: Operator,
    clock: FixedClock,
    data: DataDir,
    key: bytes,
) -> None:
    closed = record(sstation, svolunteer)  # wants feedback; feedback given, then closed
    no_fb = record(sstation, svolunteer, wants_feedback=False)  # HQ replied, no feedback wanted
    open_fb = record(sstation, svolunteer)  # HQ replied but feedback still due
    unsent = record(sstation, svolunteer)  # HQ never acknowledged
    recent = record(sstation, svolunteer)  # closed, but only 10 days ago
    sha = store_scan(data, key, "信件扫描 ".encode() + MARK_PHONE.encode())
    letter = add_letter_scans(sstation, sadmin.id or 0, [sha])
    letter_sug = record_suggestion(
        sstation, svolunteer, form(wants_feedback=False), letter_id=letter
    ).id
    move(sstation, closed, Status.SENT, Status.REPLIED, Status.FEEDBACK_GIVEN, Status.CLOSED)
    move(sstation, no_fb, Status.SENT, Status.ACCEPTED, Status.REPLIED)
    move(sstation, letter_sug, Status.SENT, Status.ADOPTED)
    move(sstation, open_fb, Status.SENT, Status.REPLIED, Status.FEEDBACK_DUE)
    clock.advance(days=171)
    move(sstation, recent, Status.SENT, Status.CLOSED)
    clock.advance(days=10)  # 181 days after the first closings

    dry = purge(sstation, sadmin, dry_run=True)
    assert sorted(dry.suggestion_ids) == sorted([closed, no_fb, letter_sug])
    assert dry.scan_hashes == [sha]
    assert _person(sstation, closed)[1] == MARK_PHONE  # nothing changed by the dry run
    assert scan_path(data, sha).exists()

    done = purge(sstation, sadmin)
    assert sorted(done.suggestion_ids) == sorted(dry.suggestion_ids)
    for sid in (closed, no_fb, letter_sug):
        name, phone, address, purged_at = _person(sstation, sid)
        assert (name, phone, address) == (None, None, None) and purged_at
        assert get_detail(sstation, sadmin, sid, unmask_reason="核查").person.purged  # type: ignore[union-attr]
    for sid in (open_fb, unsent, recent):
        assert _person(sstation, sid)[1] == MARK_PHONE
    assert not scan_path(data, sha).exists()
    with sstation.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        row = conn.execute(
            "SELECT purged_at, ocr_text FROM scan WHERE sha256 = ?", (sha,)
        ).fetchone()
    assert row[0] and row[1] is None
    logged = {e.entity_id for e in list_audit(sstation, sadmin, action="purge")}
    assert logged == {str(i) for i in done.suggestion_ids}
    assert purge(sstation, sadmin).suggestion_ids == []  # nothing twice


def test_retention_period_is_a_setting_and_scheduled_purge_runs_daily(
    sstation: Station, sadmin: Operator, svolunteer: Operator, clock: FixedClock
) -> None:
    sid = record(sstation, svolunteer, wants_feedback=False)
    move(sstation, sid, Status.SENT, Status.REPLIED)
    policy.set_retention_days(sstation, sadmin, 30)
    clock.advance(days=29)
    assert scheduled_purge(sstation) is not None  # ran (nothing due yet)
    assert _person(sstation, sid)[1] == MARK_PHONE
    clock.advance(hours=12)
    assert scheduled_purge(sstation) is None  # ran less than a day ago
    clock.advance(days=2)
    report = scheduled_purge(sstation)
    assert report is not None and report.suggestion_ids == [sid]
    assert _person(sstation, sid)[1] is None


def test_withdrawal(
    sstation: Station, sadmin: Operator, svolunteer: Operator, data: DataDir, key: bytes
) -> None:
    sha = store_scan(data, key, b"letter with personal data")
    letter = add_letter_scans(sstation, sadmin.id or 0, [sha])
    rec = record_suggestion(sstation, svolunteer, form(), letter_id=letter)
    event_uuid = withdraw_suggestion(sstation, svolunteer, rec.id, "本人要求撤回")
    name, phone, address, purged_at = _person(sstation, rec.id)
    assert (name, phone, address) == (None, None, None) and purged_at
    assert not scan_path(data, sha).exists()
    detail = get_detail(sstation, sadmin, rec.id, unmask_reason="核查撤回")
    assert detail.suggestion.status == Status.WITHDRAWN
    assert detail.history[-1].status == Status.WITHDRAWN
    with sstation.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        rows = conn.execute(
            "SELECT kind, ref, payload_json, sent_at FROM outbox ORDER BY id"
        ).fetchall()
    assert rows[0][0] == OutboxKind.SUGGESTION and rows[0][3]  # unsent copy cancelled
    kind, ref, payload, sent_at = rows[-1]
    assert (kind, ref, sent_at) == (OutboxKind.WITHDRAWAL, event_uuid, None)
    assert json.loads(payload) == {
        "event_uuid": event_uuid,
        "suggestion_uuid": rec.uuid,
        "at": detail.suggestion.updated_at,
    }
    assert [e.entity_id for e in list_audit(sstation, sadmin, action="withdraw")] == [str(rec.id)]
    with pytest.raises(InvalidState):
        withdraw_suggestion(sstation, svolunteer, rec.id, "再次")


def test_a_sessions_sign_in_sheet_goes_when_every_speaker_is_due(
    sstation: Station, sadmin: Operator, svolunteer: Operator, clock: FixedClock, data: DataDir
) -> None:
    """The signed sheet (names, signatures) stays at the station: it is deleted once the
    session is `retention.days` old and each suggestion made at it is due (or withdrawn)."""
    sheet = b"\x89PNG\r\n\x1a\n" + "签到 张三 李四".encode()
    held = SessionForm(topic="加装电梯议事会", place="活动中心", host="李主任", attendees="12")
    session = record_session(sstation, svolunteer, held).id
    sha = attach_sheet(sstation, svolunteer, session, sheet, "签到表.png")
    quiet = record_session(sstation, svolunteer, held).id  # nobody spoke
    quiet_sha = attach_sheet(sstation, svolunteer, quiet, sheet + b"2", "签到表2.png")
    done = record_speaker(sstation, svolunteer, session, form(wants_feedback=False)).id
    waiting = record_speaker(sstation, svolunteer, session, form()).id
    move(sstation, done, Status.SENT, Status.REPLIED)
    move(sstation, waiting, Status.SENT, Status.REPLIED, Status.FEEDBACK_DUE)
    clock.advance(days=181)

    first = purge(sstation, sadmin)
    assert first.suggestion_ids == [done]
    assert first.scan_hashes == [quiet_sha]  # one speaker still waits for feedback
    assert load_sheet(sstation, svolunteer, session) == (sheet, "image/png")
    assert get_session(sstation, quiet).sheet_sha256 is None
    assert not scan_path(data, quiet_sha).exists()

    move(sstation, waiting, Status.FEEDBACK_GIVEN, Status.CLOSED)
    assert purge(sstation, sadmin).scan_hashes == []  # closed today: not due yet
    clock.advance(days=181)
    assert purge(sstation, sadmin).scan_hashes == [sha]
    assert get_session(sstation, session).sheet_sha256 is None
    assert load_sheet(sstation, svolunteer, session) is None
    assert not scan_path(data, sha).exists()
    # a sheet attached again after its purge is kept again (and its file with it)
    assert attach_sheet(sstation, svolunteer, session, sheet, "签到表.png") == sha
    assert load_sheet(sstation, svolunteer, session) == (sheet, "image/png")
