"""Enter runs a widget's own action (an event filter): for keyboard rows whose Enter does more
than move on, such as the session entry's "Enter on an empty name saves the row"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterActs(QObject):
    """Enter on a watched widget runs its action instead of moving on."""

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.actions: dict[QObject, Callable[[], object]] = {}

    def watch(self, widget: QWidget, action: Callable[[], object]) -> None:
        self.actions[widget] = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress:
            return False
        key: QKeyEvent = event  # type: ignore[assignment]
        if key.key() not in _ENTER or key.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False
        action = self.actions.get(watched)
        if action is None:
            return False
        action()
        return True
