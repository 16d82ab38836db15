"""The sync page against the real reference HQ over loopback: enrol with a one-time code,
sync now with counts, HQ's reply coming back, a wrong code in plain words, cancel while HQ is
overloaded (nothing lost), and the app's own timer (the main window's) syncing without a
click, with the sync page never opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from station_app.i18n import tr
from station_app.paths import DataDir
from station_app.security.keys import ensure_key
from station_app.services import hq_link, outbox
from sync.server.testing import HQServer, start_hq_server
from tests.sync.client.conftest import StationUnderTest, check_invariant, hq_rows
from ui import auto_sync
from ui.context import AppContext, Change
from ui.main_window import MainWindow
from ui.models.suggestion_table import Col
from ui.screens.suggestion_list import SuggestionListScreen
from ui.screens.sync_page import EnrolDialog, SyncScreen
from ui.theme import UiSettings

pytestmark = pytest.mark.gui
WAIT = 90_000


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    with start_hq_server(tmp_path_factory.mktemp("hq")) as server:
        yield server


@pytest.fixture
def sut(tmp_path: Path, hq: HQServer) -> Iterator[StationUnderTest]:
    root = tmp_path / "station"
    st = StationUnderTest(root, key=ensure_key(DataDir(root)))
    outbox.set_auto_sync_minutes(st.station, st.admin, 0)  # only the timer test turns it on
    yield st
    hq.faults()
    st.close()


def open_screen(qtbot, sut: StationUnderTest) -> SyncScreen:
    screen = SyncScreen(AppContext(sut.station, operator=sut.admin))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.status is not None)
    return screen


def enrol_by_dialog(qtbot, screen: SyncScreen, url: str, code: str) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EnrolDialog)
        dialog.url.setText(url)
        dialog.code.setFocus()
        qtbot.keyClicks(dialog.code, code)
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(screen.command.finished, timeout=WAIT):
        qtbot.mouseClick(screen.enrol_button, Qt.MouseButton.LeftButton)


def test_enrol_sync_now_and_reply_comes_back(qtbot, sut: StationUnderTest, hq: HQServer) -> None:
    screen = open_screen(qtbot, sut)
    assert not screen.sync_button.isEnabled()  # nothing to sync with yet
    assert hq.url not in screen.hq_label.text()

    enrol_by_dialog(qtbot, screen, hq.url, hq.admin.issue_code(sut.code, "测试工作站"))
    qtbot.waitUntil(lambda: hq.url in screen.hq_label.text())

    uuids = sut.record(3)
    screen.ctx.notifier.announce(Change.SUGGESTIONS)
    qtbot.waitUntil(lambda: screen.counts["queued"].text() == "3")
    listing = SuggestionListScreen(screen.ctx)  # an open list follows what the sync did
    qtbot.addWidget(listing)

    def statuses() -> set[str]:
        m = listing.model
        return {m.data(m.index(r, Col.STATUS)) for r in range(m.rowCount())}

    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    assert statuses() == {tr("status.recorded")}
    progress: list[tuple[str, int, int]] = []
    screen.command.progress.connect(lambda *p: progress.append(p))
    with qtbot.waitSignal(screen.synced, timeout=WAIT) as done:
        qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].ok, done.args[0]
    assert ("send", 3, 3) in progress
    qtbot.waitUntil(lambda: screen.counts["sent"].text() == "3")
    assert screen.counts["queued"].text() == "0"
    qtbot.waitUntil(lambda: statuses() == {tr("status.sent")})
    assert len(hq_rows(hq, sut.code)) == 3

    hq.admin.reply(uuids[0], "已转交区住建委，将于下月答复。")
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    with qtbot.waitSignal(screen.synced, timeout=WAIT) as done:
        qtbot.keyClick(screen, Qt.Key.Key_F5)
    assert done.args[0].report["pulled"] >= 1
    with sut.station.db.read() as s:
        status, wants = (
            s.connection()
            .exec_driver_sql(
                "SELECT s.status, p.wants_feedback FROM suggestion s "
                "LEFT JOIN suggester p ON p.id = s.suggester_id WHERE s.uuid = ?",
                (uuids[0],),
            )
            .fetchone()
        )
        # a suggester who wants to hear back: the reply waits on the worklist
        assert status == ("feedback_due" if wants else "replied")
    check_invariant(sut, hq)


def test_wrong_code_is_said_in_plain_words(qtbot, sut: StationUnderTest, hq: HQServer) -> None:
    screen = open_screen(qtbot, sut)
    enrol_by_dialog(qtbot, screen, hq.url, "WRONG-CODE-123")
    assert tr("sync.error.bad_code") in screen.run_text.text()
    assert hq_link.hq_settings(sut.station).url is None  # nothing half-done


def test_cancel_while_hq_is_busy_loses_nothing(qtbot, sut: StationUnderTest, hq: HQServer) -> None:
    sut.enrol(hq)
    sut.record(4)
    screen = open_screen(qtbot, sut)
    hq.faults({"kind": "status", "status": 503, "retry_after": 60, "count": 50, "path": ""})
    screen.sync_now()
    assert screen.cancel_button.isEnabled() and screen.bar.isVisible()
    # HQ has answered a 503: the child is now waiting out its Retry-After (a fixed 1.5 s
    # wait could end before the child had asked anything on a busy machine)
    qtbot.waitUntil(lambda: hq.pending_faults()[0]["remaining"] < 50, timeout=WAIT)
    with qtbot.waitSignal(screen.synced, timeout=WAIT) as done:
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args[0].cancelled
    assert screen.sync_button.isEnabled() and not screen.bar.isVisible()
    hq.faults()
    with qtbot.waitSignal(screen.synced, timeout=WAIT) as done:
        screen.sync_now()
    assert done.args[0].ok
    check_invariant(sut, hq)


def test_the_app_syncs_on_its_own_with_the_sync_page_never_opened(
    qtbot, sut: StationUnderTest, hq: HQServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    sut.enrol(hq)
    sut.record(2)
    outbox.set_auto_sync_minutes(sut.station, sut.admin, 5)
    monkeypatch.setattr(auto_sync, "FIRST_AUTO_SYNC_MS", 300)
    main = MainWindow(AppContext(sut.station, operator=sut.admin), UiSettings())
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.sync_command.finished, timeout=WAIT) as done:
        pass  # no click: the main window's timer starts it
    assert done.args[0].ok, done.args[0]
    assert not main.sync_page_built()  # the page was never opened, the timer ran anyway
    assert len(hq_rows(hq, sut.code)) == 2
    # the next one in about five minutes, moved at random by up to 30 s either way
    timer = main.auto_sync.timer
    assert timer.isActive()
    assert 5 * 60_000 - 30_000 <= timer.interval() <= 5 * 60_000 + 30_000
    # opening the page shows what the timer did, and a new interval reaches the timer
    screen = main.sync_screen
    qtbot.waitUntil(lambda: screen.counts["sent"].text() == "2")
    qtbot.waitUntil(lambda: screen.interval.value() == 5)
    screen.interval.setValue(0)
    screen.save_interval()
    qtbot.waitUntil(lambda: not timer.isActive())
    assert outbox.auto_sync_minutes(sut.station) == 0
    main.close()


def test_the_timer_spreads_a_city_of_stations() -> None:
    import random

    rng = random.Random(14)
    every_15 = [auto_sync.auto_sync_delay_ms(15, False, rng) for _ in range(1000)]
    assert min(every_15) >= 15 * 60_000 - 90_000 and max(every_15) <= 15 * 60_000 + 90_000
    # a thousand stations opened at the same minute do not come back in the same second
    assert len({ms // 1000 for ms in every_15}) > 150
    first = [auto_sync.auto_sync_delay_ms(15, True, rng) for _ in range(1000)]
    assert min(first) >= 54_000 and max(first) <= 66_000 and len(set(first)) > 500
