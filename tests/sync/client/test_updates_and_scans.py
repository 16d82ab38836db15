"""HQ's change feed and lists coming back, scans going up first, withdrawals going up."""

from __future__ import annotations

import hashlib

import requests
from sqlalchemy import text

from station_app.services.common import set_setting
from station_app.services.hq_link import SETTING_CURSOR
from station_app.services.outbox import sync_status
from sync.client import sync_now
from sync.client.token import get_token
from sync.server.testing import HQServer

from .conftest import StationUnderTest, check_invariant


def _history(sut: StationUnderTest) -> list[tuple[str, str, str | None]]:
    with sut.station.db.read() as s:
        return list(
            s.connection().execute(
                text("SELECT hq_event_id, status, note FROM status_event WHERE source = 'hq'")
            )
        )


def test_change_feed_is_applied_once(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    a, b, c = sut.record(3)
    assert sync_now(sut.station).sent == 3
    hq.admin.set_status(a, "accepted")
    hq.admin.set_status(a, "in_progress", note="转交区建管委")
    hq.admin.reply(a, "已安排增设停车位，预计下月完成。", due_date="2026-12-10")
    hq.admin.outcome(a, "adopted")
    hq.admin.award(a, note="年度优秀建议")
    hq.admin.set_status(b, "merged_duplicate")
    hq.admin.deadline(c, "2026-12-31")
    report = sync_now(sut.station)
    assert report.ok and report.pulled == 7
    history = _history(sut)
    assert len(history) == 7 and len({h[0] for h in history}) == 7
    with hq.admin.engine.connect() as conn:
        hq_events = {r[0] for r in conn.execute(text("SELECT event_id FROM hq_change_event"))}
    assert {h[0] for h in history} <= hq_events
    with sut.station.db.read() as s:
        rows = {
            r[0]: (r[1], r[2])
            for r in s.connection().execute(text("SELECT uuid, status, due_date FROM suggestion"))
        }
    assert rows[a] == ("adopted", "2026-12-10")
    assert rows[b] == ("merged_duplicate", None)
    assert rows[c] == ("sent", "2026-12-31")
    notes = [h[2] or "" for h in history]
    assert any("已安排增设停车位" in n for n in notes)
    # a re-pull applies nothing twice, even from the start of the feed
    assert sync_now(sut.station).pulled == 0
    with sut.station.db.write() as s:
        set_setting(s, SETTING_CURSOR, "")
    assert sync_now(sut.station).pulled == 0
    with sut.station.db.write() as s:
        set_setting(s, SETTING_CURSOR, "not-a-cursor")  # HQ answers 422: start again
    again = sync_now(sut.station)
    assert again.ok and again.pulled == 0
    assert len(_history(sut)) == 7
    check_invariant(sut, hq)


def test_lists_by_version(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    hq.admin.load_lists(
        {
            "categories": [{"code": "NEWCAT", "name_zh": "新类别", "name_en": "New"}],
            "campaigns": [
                {
                    "code": "C2026",
                    "title": "15分钟生活圈",
                    "starts_on": "2026-11-01",
                    "ends_on": "2026-12-31",
                    "questions": [{"key": "q1", "label": "?", "type": "text", "required": False}],
                }
            ],
        }
    )
    report = sync_now(sut.station)
    assert report.ok and report.lists_updated == 2
    with sut.station.db.read() as s:
        conn = s.connection()
        assert (
            conn.execute(text("SELECT name_zh FROM category WHERE code='NEWCAT'")).scalar()
            == "新类别"
        )
        assert conn.execute(text("SELECT title FROM campaign WHERE code='C2026'")).scalar()
    assert sync_now(sut.station).lists_updated == 0  # nothing new since that version


def _add_letter_scan(sut: StationUnderTest, content: bytes) -> tuple[int, str]:
    """A postbox letter with one scan file (stored as the station stores it, unencrypted here)."""
    sha = hashlib.sha256(content).hexdigest()
    path = sut.station.data.scans / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with sut.station.db.write() as s:
        conn = s.connection()
        coll = conn.execute(
            text(
                "INSERT INTO postbox_collection(postbox_code, opened_at, opened_by, witness, "
                "letter_count) VALUES ('PB1', '2026-11-25T09:00:00+08:00', :op, '李', 1)"
            ),
            {"op": sut.admin.id},
        ).lastrowid
        letter = conn.execute(
            text("INSERT INTO letter(collection_id, seq) VALUES (:c, 1)"), {"c": coll}
        ).lastrowid
        conn.execute(
            text(
                "INSERT INTO scan(sha256, mime, original_name, size, letter_id, imported_at) "
                "VALUES (:sha, 'image/png', 'a.png', :n, :l, '2026-11-25T09:00:00+08:00')"
            ),
            {"sha": sha, "n": len(content), "l": letter},
        )
    return letter, sha


def test_scans_go_first_and_resume(hq: HQServer, sut: StationUnderTest, monkeypatch) -> None:
    import sync.client.scans as scans

    monkeypatch.setattr(scans, "CHUNK", 1000)
    sut.enrol(hq)
    content = bytes(range(256)) * 20  # 5120 bytes: six chunks
    letter, sha = _add_letter_scan(sut, content)
    # an earlier attempt left 1000 bytes at HQ
    token = get_token(sut.station.data)
    resp = requests.put(
        f"{hq.url}/api/v1/scans/{sha}",
        data=content[:1000],
        headers={**hq.auth(token or ""), "Content-Range": f"bytes 0-999/{len(content)}"},
        timeout=5,
    )
    assert resp.status_code == 202
    [uuid] = sut.record(1, letter_id=letter)
    report = sync_now(sut.station)
    assert report.ok and report.sent == 1 and report.scans_sent == 1
    assert hq.admin.suggestion(uuid)["scans"] and sha in hq.admin.suggestion(uuid)["scans"]
    head = requests.head(f"{hq.url}/api/v1/scans/{sha}", headers=hq.auth(token or ""), timeout=5)
    assert head.status_code == 200 and int(head.headers["Content-Length"]) == len(content)
    check_invariant(sut, hq)


def test_withdrawal_goes_up_and_comes_back(hq: HQServer, sut: StationUnderTest) -> None:
    from station_app.services.withdrawal import withdraw_suggestion

    sut.enrol(hq)
    [uuid] = sut.record(1)
    assert sync_now(sut.station).sent == 1
    with sut.station.db.read() as s:
        sug_id = (
            s.connection()
            .execute(text("SELECT id FROM suggestion WHERE uuid = :u"), {"u": uuid})
            .scalar()
        )
    withdraw_suggestion(sut.station, sut.admin, sug_id, "本人要求撤回")
    assert sync_status(sut.station).queued == 1
    report = sync_now(sut.station)
    assert report.ok and report.events_sent == 1 and report.pulled == 1
    assert hq.admin.suggestion(uuid)["suggester"] is None
    assert hq.admin.suggestion(uuid)["hq_status"] == "withdrawn"
    assert sync_status(sut.station).queued == 0
    check_invariant(sut, hq)
