"""UI fixtures: offscreen Qt, a fresh set-up station with a logged-in volunteer, the entry
form on it, and the language reset to zh_CN around each test."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402


@pytest.fixture(autouse=True)
def _chinese_ui(qapp) -> Iterator[None]:
    """zh_CN around each test; GC only on the main thread (as the app does), so a collection
    never starts on a QueryOp worker and deletes widgets there."""
    import gc

    from ui.i18n import install_language
    from ui.theme import apply_font

    install_language("zh_CN")
    apply_font(qapp, 1.0)
    gc.collect()
    gc.disable()
    yield
    install_language("zh_CN")
    gc.enable()
    gc.collect()


@pytest.fixture
def ctx(station: Station, volunteer: Operator):
    from ui.context import AppContext

    return AppContext(station=station, operator=volunteer)


@pytest.fixture
def entry_form(qtbot, ctx):
    from ui.screens.entry_form import EntryForm

    form = EntryForm(ctx)
    form.show_receipt = False
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.ready)
    yield form
    form.autosaver.cancel()
    form.autosaver.wait_idle()


@pytest.fixture
def data_root(station: Station) -> Path:
    return Path(station.data.root)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a volunteer: ASCII as key presses, Chinese as input-method commits (what an
    IME sends; QTest.keyClicks only knows ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
