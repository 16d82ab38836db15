"""Idle lock: after the configured idle time the window is covered and asks for the current
operator's PIN (checked by `services.operators.login`, so wrong PINs count toward lockout).

    install_idle_lock(window, ctx)   # once, after login; returns the IdleLock

No polling: one single-shot QTimer, restarted by an application-wide event filter on user
input. While locked, input to anything but the lock panel is swallowed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import StationError
from station_app.services import policy
from station_app.services.operators import login
from ui.context import AppContext, Change

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.Shortcut,
    QEvent.Type.ShortcutOverride,
}


class LockPanel(QWidget):
    """Opaque cover over the window with a PIN field."""

    def __init__(self, window: QWidget, lock: IdleLock) -> None:
        super().__init__(window)
        self.lock = lock
        self.setObjectName("idleLockPanel")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#idleLockPanel { background: #f4f4f4; }")
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.returnPressed.connect(lock.try_unlock)
        self.button = QPushButton(self.tr("Unlock"), self)
        self.button.clicked.connect(lock.try_unlock)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        box = QVBoxLayout(self)
        box.addStretch(1)
        for w in (self.title, self.pin, self.button, self.message):
            box.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        self.hide()

    def show_over(self, name: str) -> None:
        self.title.setText(
            self.tr("The screen is locked. %1, enter your PIN to unlock.").replace("%1", name)
        )
        self.pin.clear()
        self.message.clear()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.pin.setFocus()


class IdleLock(QObject):
    def __init__(self, window: QWidget, ctx: AppContext, idle_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.panel = LockPanel(window, self)
        self.locked = False
        self.set_idle_ms(idle_ms if idle_ms is not None else self.configured_ms())
        QApplication.instance().installEventFilter(self)
        ctx.notifier.subscribe(
            self, Change.SETTINGS, lambda: self.set_idle_ms(self.configured_ms())
        )

    def configured_ms(self) -> int:
        return policy.idle_minutes(self.ctx.station) * 60_000

    def set_idle_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)
        if not self.locked:
            self.timer.start()

    def _inside_panel(self, obj: QObject) -> bool:
        while obj is not None:
            if obj is self.panel:
                return True
            obj = obj.parent()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() not in _INPUT:
            return False
        if not self.locked:
            self.timer.start()  # restart the countdown: cheap, no polling
            return False
        if self._inside_panel(obj):
            return False
        # while locked, the window underneath gets no input at all
        return isinstance(obj, QWidget) and obj.window() is self.window

    def lock(self) -> None:
        if self.locked or self.ctx.operator is None:
            return
        self.locked = True
        self.panel.show_over(self.ctx.operator.name)

    def try_unlock(self) -> None:
        operator = self.ctx.operator
        if operator is None:
            self.unlock()
            return
        try:
            # argon2 takes ~50 ms: acceptable here, the window is locked anyway
            self.ctx.operator = login(self.ctx.station, operator.name, self.panel.pin.text())
        except StationError as exc:
            self.panel.pin.clear()
            self.panel.message.setText(exc.message())
            return
        self.unlock()

    def unlock(self) -> None:
        self.locked = False
        self.panel.hide()
        self.timer.start()


def install_idle_lock(window: QWidget, ctx: AppContext, idle_ms: int | None = None) -> IdleLock:
    """Watch user input and lock `window` after the idle time (setting, default 10 min)."""
    lock = IdleLock(window, ctx, idle_ms)
    window._idle_lock = lock  # type: ignore[attr-defined]  # keep it alive with the window
    return lock
