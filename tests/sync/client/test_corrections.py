"""A correction (typo put right after saving) reaches the reference HQ over loopback."""

from __future__ import annotations

from sqlalchemy import text

from station_app.services.corrections import correct_suggestion
from station_app.services.outbox import sync_status
from station_app.store.models import Suggestion
from sync.client import sync_now
from sync.server.testing import HQServer

from .conftest import StationUnderTest, check_invariant


def _id(sut: StationUnderTest, uuid: str) -> int:
    with sut.station.db.read() as s:
        return int(
            s.connection()
            .execute(text("SELECT id FROM suggestion WHERE uuid = :u"), {"u": uuid})
            .scalar_one()
        )


def test_correction_after_sending_reaches_hq(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    [uuid] = sut.record(1)
    assert sync_now(sut.station).sent == 1
    before = hq.admin.suggestion(uuid)
    sid = _id(sut, uuid)
    done = correct_suggestion(
        sut.station,
        sut.admin,
        sid,
        title="关于小区加装电梯的建议（更正）",
        content="建议在3号楼加装电梯，方便老人上下楼。",
        location="曹杨新村3号楼",
        reason="楼号写错了",
    )
    assert done.version == 2 and done.queued_event is not None
    assert sync_status(sut.station).queued == 1
    report = sync_now(sut.station)
    assert report.ok and report.events_sent == 1
    after = hq.admin.suggestion(uuid)
    assert after["title"] == "关于小区加装电梯的建议（更正）"
    assert after["content"] == "建议在3号楼加装电梯，方便老人上下楼。"
    assert after["location"] == "曹杨新村3号楼"
    assert after["content_hash"] == done.content_hash != before["content_hash"]
    assert after["hq_id"] == before["hq_id"]  # the same record, not a second one
    with sut.station.db.read() as s:
        sug = s.get(Suggestion, sid)
        assert sug is not None and sug.status == "sent" and sug.version == 2
    assert sync_status(sut.station).queued == 0
    check_invariant(sut, hq)  # HQ's hash is the station's: no conflict on a resend


def test_correction_before_sending_goes_in_the_first_send(
    hq: HQServer, sut: StationUnderTest
) -> None:
    sut.enrol(hq)
    [uuid] = sut.record(1)
    done = correct_suggestion(
        sut.station,
        sut.admin,
        _id(sut, uuid),
        title="路灯不亮",
        content="长寿路120弄门口的路灯坏了一周。",
        location="",
        reason="错别字",
    )
    assert done.queued_event is None  # the waiting suggestion carries the corrected text
    assert sync_status(sut.station).queued == 1
    assert sync_now(sut.station).sent == 1
    stored = hq.admin.suggestion(uuid)
    assert stored["content"] == "长寿路120弄门口的路灯坏了一周。"
    assert stored["location"] is None
    assert stored["content_hash"] == done.content_hash
    check_invariant(sut, hq)
