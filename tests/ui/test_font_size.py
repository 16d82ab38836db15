"""A new text size applies at once to every open page and dialog, without logging out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from station_app.store import Station
from tests.ui.fit_check import settle
from ui.theme import UiSettings, apply_font, apply_style

pytestmark = pytest.mark.gui


def _sizes(widget) -> set[float]:
    return {
        round(lbl.font().pointSizeF(), 1)
        for lbl in widget.findChildren(QLabel)
        if lbl.property("relativeFontSize") is None
    }


def test_choosing_150_percent_applies_to_open_pages_and_dialogs(
    qtbot, station: Station, volunteer
) -> None:
    from ui.app import AppController
    from ui.context import AppContext
    from ui.main_window import LIST
    from ui.screens.suggestion_detail import SuggestionDetailDialog

    from .test_detail_actions import _record

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app)
    try:
        sid = _record(station, volunteer)
        controller = AppController(station, UiSettings(), None)
        controller.ctx = AppContext(station=station, operator=volunteer)
        controller.show_main()
        window = controller.main
        assert window is not None
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.entry.ready)
        window.show_page(LIST)
        detail = SuggestionDetailDialog(controller.ctx, sid, window)
        with qtbot.waitSignal(detail.loaded, timeout=5000):
            detail.show()
        settle()
        assert _sizes(window.entry) == {11.0} and _sizes(detail) == {11.0}
        nav_before = window.nav.width()
        row_before = window.list_screen.table.verticalHeader().defaultSectionSize()
        big_before = window.dashboard.findChildren(QLabel)[0].font().pointSizeF()

        settings = window.settings_screen
        settings.font_scale.setCurrentIndex(settings.font_scale.findData(1.5))
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
        settle()

        assert controller.main is window  # the same window: nothing retyped, nothing lost
        assert _sizes(window.entry) == {16.5}
        assert _sizes(window.list_screen) == {16.5}
        assert _sizes(detail) == {16.5}  # an open dialog too
        assert window.nav.width() > nav_before  # page names still whole
        assert window.list_screen.table.verticalHeader().defaultSectionSize() > row_before
        numbers = [
            lbl for lbl in window.dashboard.findChildren(QLabel) if lbl.property("relativeFontSize")
        ]
        assert numbers and all(lbl.font().pointSizeF() == 16.5 * 1.8 for lbl in numbers)
        assert big_before < 16.5 * 1.8
        assert settings.note.text() == "已保存。"
        detail.close()
        window._shutdown_screens()
    finally:
        app.setStyleSheet("")
        apply_font(app, 1.0)
