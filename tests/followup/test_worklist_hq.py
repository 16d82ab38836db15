"""The loop with the suggester against the reference HQ server over loopback: a reply arrives
by sync, the item is on the worklist with its working-day due date, the contact is recorded,
and HQ holds the feedback event."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from station_app.clock import CHINA_TZ
from station_app.errors import PermissionDenied, StationError, ValidationError
from station_app.followup.worklist import (
    WorklistCounts,
    on_time_rate,
    record_contact,
    undo_contact,
    work_item,
    worklist,
    worklist_counts,
)
from station_app.services.retention import is_closed_for_retention
from station_app.store.models import Operator, Suggestion
from sync.client import sync_now
from sync.server.testing import HQServer
from tests.sync.client.conftest import StationUnderTest

from .helpers import hq_feedback, record

D = dt.date


def _at(day: D, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CHINA_TZ)


def _status(sut: StationUnderTest, sid: int) -> str:
    with sut.station.db.read() as s:
        sug = s.get(Suggestion, sid)
        assert sug is not None
        return sug.status


def test_reply_before_national_day_feedback_reaches_hq(
    hq: HQServer, sut: StationUnderTest, helper: Operator
) -> None:
    sut.clock.set(_at(D(2026, 9, 28)))
    sut.enrol(hq)
    rec = record(sut.station, helper)
    other = record(sut.station, helper, title="不需要回复的建议", wants=False)
    assert sync_now(sut.station).sent == 2
    # HQ replies without a due date; the reply reaches the station on Tuesday 29 September,
    # just before the 1-7 October holiday (make-up working day: Saturday 10 October)
    hq.admin.reply(rec.uuid, "已协调增设夜间停车位30个，12月起开放。")
    hq.admin.reply(other.uuid, "已转交区建管委。")
    sut.clock.set(_at(D(2026, 9, 29)))
    assert sync_now(sut.station).pulled == 2

    items = worklist(sut.station, helper)
    assert [i.receipt_no for i in items] == [rec.receipt_no]  # the other wants no reply
    item = items[0]
    assert item.reply_text == "已协调增设夜间停车位30个，12月起开放。"
    # 5 working days: 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休), Mon 12 Oct (Mon-Fri: 6 Oct)
    assert item.due == D(2026, 10, 12) and not item.due_from_hq and not item.due_estimated
    assert item.due_state == "ok" and item.feedback_method == "phone"
    assert _status(sut, rec.id) == "feedback_due"
    assert worklist_counts(sut.station) == WorklistCounts(1, 0, 0)  # open, overdue, due soon

    # last day of the holiday: 8, 9, 10 (Sat) and 12 October are still to come
    sut.clock.set(_at(D(2026, 10, 7)))
    assert worklist(sut.station, helper)[0].due_state == "ok"
    sut.clock.set(_at(D(2026, 10, 9)))  # Friday: the 调休 Saturday and Monday are left
    assert worklist(sut.station, helper)[0].due_state == "due_soon"

    sut.clock.set(_at(D(2026, 10, 10), 15))  # the 调休 Saturday
    result = record_contact(
        sut.station, helper, rec.id, method="phone", at=D(2026, 10, 10),
        satisfaction="basically_satisfied", comment="希望早点开放", reached=True,
    )  # fmt: skip
    assert result.outcome == "feedback_given" and result.event_uuid
    assert worklist(sut.station, helper) == []
    done = worklist(sut.station, helper, include_done=True)[0]
    assert done.feedback is not None and not done.feedback.sent
    assert _status(sut, rec.id) == "feedback_given"

    report = sync_now(sut.station)
    assert report.ok and report.events_sent == 1
    sent = hq_feedback(hq, rec.uuid)
    assert len(sent) == 1
    body = sent[0]
    assert body["event_uuid"] == result.event_uuid and body["method"] == "phone"
    assert body["satisfaction"] == "basically_satisfied" and body["comment"] == "希望早点开放"
    assert body["at"].startswith("2026-10-10") and body["attempts"] == 1
    # HQ has it: the loop is closed, and retention may purge the personal data later
    assert _status(sut, rec.id) == "closed"
    assert is_closed_for_retention("closed", "x", True)
    rate = on_time_rate(sut.station)
    assert (rate.on_time, rate.late, rate.open_overdue, rate.rate) == (1, 0, 0, 1.0)
    # HQ's later outcome is recorded but does not reopen the station's loop
    hq.admin.outcome(rec.uuid, "adopted")
    sync_now(sut.station)
    assert _status(sut, rec.id) == "closed"


def test_due_date_from_hq_and_overdue_as_the_clock_moves(
    hq: HQServer, sut: StationUnderTest, helper: Operator
) -> None:
    sut.enrol(hq)
    rec = record(sut.station, helper)
    sync_now(sut.station)
    hq.admin.reply(rec.uuid, "已答复：将于年内完成改造。", due_date="2026-12-03")
    sync_now(sut.station)
    item = worklist(sut.station, helper)[0]
    assert item.due == D(2026, 12, 3) and item.due_from_hq and item.due_state == "ok"

    sut.clock.set(_at(D(2026, 12, 1)))  # Tue: Wed 2 and Thu 3 are the two working days left
    assert worklist(sut.station, helper)[0].due_state == "due_soon"
    assert worklist_counts(sut.station) == WorklistCounts(1, 0, 1)

    sut.clock.set(_at(D(2026, 12, 4)))
    assert worklist(sut.station, helper)[0].due_state == "overdue"
    assert worklist_counts(sut.station) == WorklistCounts(1, 1, 0)
    rate = on_time_rate(sut.station)
    assert (rate.on_time, rate.late, rate.open_overdue, rate.rate) == (0, 0, 1, 0.0)
    assert on_time_rate(sut.station, since=D(2026, 12, 4)).rate is None  # nothing due since

    # HQ extends the deadline: no longer overdue
    hq.admin.deadline(rec.uuid, "2026-12-10")
    sync_now(sut.station)
    assert worklist(sut.station, helper)[0].due == D(2026, 12, 10)
    assert worklist_counts(sut.station).overdue == 0

    sut.clock.set(_at(D(2026, 12, 14)))
    record_contact(
        sut.station, helper, rec.id, method="visit", at=D(2026, 12, 14),
        satisfaction="satisfied", reached=True,
    )  # fmt: skip
    rate = on_time_rate(sut.station)
    assert (rate.on_time, rate.late, rate.open_overdue) == (0, 1, 0)


def test_unreachable_after_three_tries_is_sent(
    hq: HQServer, sut: StationUnderTest, helper: Operator
) -> None:
    sut.enrol(hq)
    rec = record(sut.station, helper)
    sync_now(sut.station)
    hq.admin.reply(rec.uuid, "已答复。")
    sync_now(sut.station)
    today = sut.clock.now().date()

    with pytest.raises(ValidationError) as bad:
        record_contact(sut.station, helper, rec.id, method="phone", at=today, reached=True)
    assert "satisfaction" in bad.value.problems  # reached by phone: ask how satisfied
    with pytest.raises(ValidationError) as bad:
        record_contact(
            sut.station, helper, rec.id, method="phone", at=today,
            satisfaction="satisfied", reached=False,
        )  # fmt: skip
    assert "满意度" in bad.value.message()
    with pytest.raises(ValidationError) as bad:
        record_contact(
            sut.station, helper, rec.id, method="fax", at=today + dt.timedelta(days=1),
            reached=False,
        )  # fmt: skip
    assert set(bad.value.problems) == {"method"}  # the date is checked after the fields
    with pytest.raises(ValidationError, match="晚于今天"):
        record_contact(
            sut.station, helper, rec.id, method="phone", at=today + dt.timedelta(days=1),
            reached=False,
        )  # fmt: skip
    assert work_item(sut.station, helper, rec.id).attempts == 0  # nothing half-written

    first = record_contact(sut.station, helper, rec.id, method="phone", at=today, reached=False)
    assert (first.outcome, first.tries, first.limit) == ("not_reached", 1, 3)
    assert sync_now(sut.station).events_sent == 0  # a try alone is not sent
    record_contact(sut.station, helper, rec.id, method="phone", at=today, reached=False)
    assert worklist(sut.station, helper)[0].misses == 2
    third = record_contact(
        sut.station, helper, rec.id, method="visit", at=today, comment="上门两次无人", reached=False
    )
    assert third.outcome == "unreachable" and third.event_uuid
    assert worklist(sut.station, helper) == []
    with pytest.raises(StationError, match="已经记录过"):
        record_contact(sut.station, helper, rec.id, method="phone", at=today, reached=False)

    assert sync_now(sut.station).events_sent == 1
    (body,) = hq_feedback(hq, rec.uuid)
    assert body["method"] == "unreachable" and body["attempts"] == 3
    assert body["satisfaction"] is None and body["comment"] == "上门两次无人"


def test_volunteer_sees_masked_contact_admin_unmasks_with_reason(
    hq: HQServer, sut: StationUnderTest, helper: Operator
) -> None:
    from station_app.followup.worklist import contact_for
    from station_app.services.audit_view import list_audit

    sut.enrol(hq)
    rec = record(sut.station, helper, name="张建国", phone="13912345678")
    sync_now(sut.station)
    hq.admin.reply(rec.uuid, "已答复。")
    sync_now(sut.station)
    item = worklist(sut.station, helper)[0]
    assert item.phone == "139****5678" and item.name == "张**"
    assert "13912345678" not in repr(item) and "张建国" not in repr(item)
    with pytest.raises(PermissionDenied):
        contact_for(sut.station, helper, rec.id, "回访建议人")
    person = contact_for(sut.station, sut.admin, rec.id, "回访建议人")
    assert person is not None and person.phone == "13912345678" and person.name == "张建国"
    audit = list_audit(sut.station, sut.admin)
    assert any(e.action == "view_unmasked" and e.entity_id == str(rec.id) for e in audit)


def test_undo_before_sending_only(hq: HQServer, sut: StationUnderTest, helper: Operator) -> None:
    sut.enrol(hq)
    rec = record(sut.station, helper)
    sync_now(sut.station)
    hq.admin.reply(rec.uuid, "已答复。")
    sync_now(sut.station)
    today = sut.clock.now().date()
    wrong = record_contact(
        sut.station, helper, rec.id, method="phone", at=today, satisfaction="satisfied",
        reached=True,
    )  # fmt: skip
    undo_contact(sut.station, helper, wrong.attempt_id)
    item = worklist(sut.station, helper)[0]  # back on the list, nothing queued
    assert item.attempts == 0 and item.feedback is None
    assert _status(sut, rec.id) == "feedback_due"
    with sut.station.db.read() as s:
        queued = s.connection().execute(text("SELECT count(*) FROM outbox WHERE kind='feedback'"))
        assert queued.scalar() == 0
    assert sync_now(sut.station).events_sent == 0 and hq_feedback(hq, rec.uuid) == []

    right = record_contact(
        sut.station, helper, rec.id, method="phone", at=today,
        satisfaction="not_satisfied", reached=True,
    )  # fmt: skip
    assert sync_now(sut.station).events_sent == 1
    with pytest.raises(StationError, match="已经发送"):
        undo_contact(sut.station, helper, right.attempt_id)
    assert [b["satisfaction"] for b in hq_feedback(hq, rec.uuid)] == ["not_satisfied"]
