"""The main window: each role sees its pages; replies to pass on are counted in the
navigation and, when overdue or due soon, shown in words above every page until done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from station_app.clock import FixedClock
from station_app.store import Station
from station_app.store.models import Operator
from tests.ui.test_worklist import seed
from ui.context import AppContext

pytestmark = pytest.mark.gui


def window_for(qtbot, station: Station, operator: Operator):
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    w = MainWindow(AppContext(station=station, operator=operator), UiSettings(), "长寿路工作站")
    qtbot.addWidget(w)
    w.show()
    return w


def nav_labels(w) -> list[str]:
    return [w.nav.item(i).text() for i in range(w.nav.count())]


def test_pages_by_role(qtbot, station: Station, volunteer, scanner, admin) -> None:  # noqa: F811
    vol = window_for(qtbot, station, volunteer)
    assert "信箱来信" not in nav_labels(vol) and "操作员管理" not in nav_labels(vol)
    scan = window_for(qtbot, station, scanner)
    assert "信箱来信" in nav_labels(scan)
    adm = window_for(qtbot, station, admin)
    assert {"信箱来信", "操作员管理"} <= set(nav_labels(adm))
    for w in (vol, scan, adm):
        assert nav_labels(w)[:3] == ["登记建议", "建议列表", "待告知"]
        assert {"主动征集", "采纳与表彰", "统计报表", "与总部同步", "设置"} <= set(nav_labels(w))
        w._shutdown_screens()
    # every page is in the Go menu (Alt+G), the first ten with Ctrl+1..9 and Ctrl+0: 设置
    # and 操作员管理 too, the tenth and eleventh pages of an administrator
    go = adm.menuBar().actions()[1].menu().actions()
    assert [a.text() for a in go] == nav_labels(adm)
    keys = [f"Ctrl+{i}" for i in (*range(1, 10), 0)] + [""] * (len(go) - 10)
    assert [a.shortcut().toString() for a in go] == keys[: len(go)]
    assert go[9].text() == "设置" and len(go) == 11


def test_campaign_page_opens_the_entry_form_with_it(qtbot, station: Station, volunteer) -> None:
    from station_app.services.hq_updates import apply_list
    from tests.station_app.test_campaigns import campaign

    apply_list(station, "campaigns", 1, [campaign()])  # C15, active on 25 Nov 2026
    w = window_for(qtbot, station, volunteer)
    qtbot.waitUntil(lambda: w.entry.ready)
    w.record_for_campaign("C15")
    assert w.stack.currentWidget() is w.entry
    qtbot.waitUntil(lambda: w.entry.campaign.currentData() == "C15")
    w._shutdown_screens()


def test_due_banner_counts_and_leads_to_the_worklist(
    qtbot, station: Station, volunteer: Operator, clock: FixedClock
) -> None:
    seed(station, volunteer)  # one overdue, one due soon, one within policy (25 Nov 2026)
    w = window_for(qtbot, station, volunteer)
    qtbot.waitUntil(lambda: w.due_banner.isVisible())
    assert "1 件已逾期" in w.due_banner.text() and "1 件" in w.due_banner.text()
    assert nav_labels(w)[2] == "待告知（3）"
    assert w.stack.currentWidget() is w.entry  # the banner does not take the volunteer away
    qtbot.mouseClick(w.due_banner, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.worklist_screen

    # ten days later, all three are overdue: the timer's check says so without a click
    clock.advance(days=10)
    w.check_due()
    qtbot.waitUntil(lambda: "3 件已逾期" in w.due_banner.text())
    w._shutdown_screens()


def test_no_banner_when_nothing_is_due(qtbot, station: Station, volunteer: Operator) -> None:
    w = window_for(qtbot, station, volunteer)
    qtbot.waitUntil(lambda: w.due_counts is not None)
    assert not w.due_banner.isVisible() and nav_labels(w)[2] == "待告知"
    w._shutdown_screens()
