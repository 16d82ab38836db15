"""Adopted, implemented and awarded suggestions from HQ's change feed, and the notice data."""

from __future__ import annotations

import pytest

from station_app.errors import StationError
from station_app.followup.awards import outcomes
from station_app.followup.printouts import outcome_notice
from station_app.services.audit_view import list_audit
from station_app.store.models import Operator
from sync.client import sync_now
from sync.server.testing import HQServer
from tests.sync.client.conftest import StationUnderTest

from .helpers import record


def test_outcomes_from_hq(hq: HQServer, sut: StationUnderTest, helper: Operator) -> None:
    sut.enrol(hq)
    adopted = record(sut.station, helper, title="增设公交站", name="陈美华")
    awarded = record(sut.station, helper, title="垃圾分类点改造", wants=False)
    plain = record(sut.station, helper, title="路灯不亮")
    sync_now(sut.station)
    hq.admin.outcome(adopted.uuid, "partially_adopted", note="部分采纳")
    hq.admin.outcome(awarded.uuid, "adopted")
    hq.admin.set_status(awarded.uuid, "implemented", note="已落实")
    hq.admin.award(awarded.uuid, note="2026年度优秀建议")
    hq.admin.outcome(plain.uuid, "for_reference")
    sync_now(sut.station)

    every = outcomes(sut.station, helper)
    assert {i.receipt_no for i in every} == {adopted.receipt_no, awarded.receipt_no}
    by_no = {i.receipt_no: i for i in every}
    a = by_no[adopted.receipt_no]
    assert a.kinds == {"adopted"} and a.outcome == "partially_adopted"
    assert a.outcome_note == "部分采纳" and a.name == "陈**"
    w = by_no[awarded.receipt_no]
    assert w.kinds == {"adopted", "implemented", "awarded"}
    assert w.award_note == "2026年度优秀建议" and w.awarded_at
    assert [i.receipt_no for i in outcomes(sut.station, helper, "awarded")] == [awarded.receipt_no]
    assert [i.receipt_no for i in outcomes(sut.station, helper, "implemented")] == [
        awarded.receipt_no
    ]
    with pytest.raises(StationError):
        outcomes(sut.station, helper, "famous")

    notice = outcome_notice(sut.station, helper, adopted.id)
    assert notice.addressee.name == "陈美华"  # printed for the suggester: the full name
    assert notice.outcome.outcome == "partially_adopted" and notice.station_name == "测试工作站"
    entries = list_audit(sut.station, sut.admin)
    assert any(e.action == "prepare_print" and e.entity_id == str(adopted.id) for e in entries)
