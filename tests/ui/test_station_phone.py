"""The station's phone is kept in one place: the wizard sets it, 设置 shows and (for an
administrator) changes it, and receipts and reply letters print that same number."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station_app.followup.printouts import _station
from station_app.services.setup import station_info
from station_app.store import Station
from station_app.store.models import Operator
from tests.ui.conftest import type_text
from ui.context import AppContext
from ui.screens.settings import SettingsScreen
from ui.theme import UiSettings


def _screen(qtbot, station: Station, who: Operator) -> SettingsScreen:
    screen = SettingsScreen(AppContext(station=station, operator=who), UiSettings())
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.station_phone.text() == "021-62761234")  # read off-thread
    return screen


def test_admin_changes_the_phone_and_printouts_follow(
    qtbot, station: Station, admin: Operator
) -> None:
    screen = _screen(qtbot, station, admin)
    assert not screen.station_phone.isReadOnly()
    screen.station_phone.clear()
    type_text(qtbot, screen.station_phone, "12345")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.phone_error.isVisible())
    assert "电话" in screen.phone_error.text()
    assert station_info(station).phone == "021-62761234"  # nothing changed

    screen.station_phone.clear()
    type_text(qtbot, screen.station_phone, "021-62660000")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.note.text() == "已保存。")
    assert not screen.phone_error.isVisible()
    assert station_info(station).phone == "021-62660000"
    assert _station(station)[3] == "021-62660000"  # what reply letters and notices print


def test_a_volunteer_sees_the_phone_and_cannot_change_it(
    qtbot, station: Station, volunteer: Operator
) -> None:
    screen = _screen(qtbot, station, volunteer)
    assert screen.station_phone.isReadOnly()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)  # language etc. still save
    qtbot.waitUntil(lambda: screen.note.text() == "已保存。")
    assert station_info(station).phone == "021-62761234"
