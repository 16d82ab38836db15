"""Keyboard-first form helpers: Enter moves to the next field, a multi-line editor that
Tab and Ctrl+Enter leave, and a red message line under a field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterAdvances(QObject):
    """Event filter: Enter in a single-line field or combo moves focus on, like Tab."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.key() not in _ENTER:
            return False
        if key_event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False  # Ctrl+Enter is for the form's own shortcuts
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter picks the item in an open popup
        watched.focusNextChild()
        return True


def enter_advances(owner: QObject, *widgets: QWidget) -> EnterAdvances:
    flt = EnterAdvances(owner)
    for w in widgets:
        if isinstance(w, (QLineEdit, QComboBox, QAbstractButton)):
            w.installEventFilter(flt)
    return flt


class ContentEdit(QPlainTextEdit):
    """Multi-line text: Enter makes a new line; Tab and Ctrl+Enter move to the next field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in _ENTER and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class ErrorLabel(QLabel):
    """A red line under a field, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def with_error(field: QWidget, error: ErrorLabel) -> QWidget:
    """A field with its message line under it, for a QFormLayout row."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(field)
    lay.addWidget(error)
    box.setFocusProxy(field)
    return box
