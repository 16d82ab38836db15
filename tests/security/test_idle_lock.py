"""The window locks after the idle time and opens again with the operator's PIN."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QMainWindow  # noqa: E402

from station_app.store import Station  # noqa: E402
from station_app.store.models import Operator  # noqa: E402


def test_idle_lock_and_unlock(qtbot, sstation: Station, svolunteer: Operator) -> None:
    from ui.context import AppContext
    from ui.widgets.idle_lock import install_idle_lock

    window = QMainWindow()
    editor = QLineEdit()
    window.setCentralWidget(editor)
    qtbot.addWidget(window)
    window.show()
    ctx = AppContext(station=sstation, operator=svolunteer)
    lock = install_idle_lock(window, ctx)
    assert lock.timer.interval() == 10 * 60_000  # the default setting
    lock.set_idle_ms(150)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert lock.panel.isVisible()
    qtbot.keyClicks(editor, "abc")  # swallowed while locked
    assert editor.text() == ""
    qtbot.keyClicks(lock.panel.pin, "0000")
    qtbot.keyClick(lock.panel.pin, Qt.Key.Key_Return)
    assert lock.locked and lock.panel.message.text()
    qtbot.keyClicks(lock.panel.pin, "1357")
    qtbot.keyClick(lock.panel.pin, Qt.Key.Key_Return)
    assert not lock.locked and not lock.panel.isVisible()
    lock.set_idle_ms(60_000)
    qtbot.keyClicks(editor, "ok")
    assert editor.text() == "ok"


def test_a_changed_idle_time_reaches_the_open_window(
    qtbot, sstation: Station, svolunteer: Operator, sadmin: Operator
) -> None:
    """The lock reads its time again when a write announces Change.SETTINGS (before, it
    listened for a "settings" notice that nothing sent)."""
    from station_app.services import policy
    from ui.context import AppContext, Change
    from ui.widgets.idle_lock import install_idle_lock

    window = QMainWindow()
    qtbot.addWidget(window)
    ctx = AppContext(station=sstation, operator=svolunteer)
    lock = install_idle_lock(window, ctx)
    assert lock.timer.interval() == 10 * 60_000
    policy.set_idle_minutes(sstation, sadmin, 3)
    ctx.notifier.announce(Change.SETTINGS)
    assert lock.timer.interval() == 3 * 60_000
