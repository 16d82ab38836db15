"""Does a window fit a station's 1366x768 laptop? What the fit test and the screenshot script
check on every page and dialog: the window within 1366x728 (768 less the taskbar), no label
narrower than its text, no button narrower than its words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QListView,
    QToolButton,
    QWidget,
)

BUDGET_W, BUDGET_H = 1366, 728


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def _name(widget: QWidget) -> str:
    return widget.windowTitle() or type(widget).__name__


def fit_problems(window: QWidget, where: str = "") -> list[str]:
    """What does not fit in `window` as it is shown now (only visible widgets count)."""
    name = f"{where or _name(window)}"
    out: list[str] = []
    size, least = window.size(), window.minimumSizeHint()
    for what, s in (("size", size), ("least size", least)):
        if s.width() > BUDGET_W or s.height() > BUDGET_H:
            out.append(f"{name}: {what} {s.width()}x{s.height()} > {BUDGET_W}x{BUDGET_H}")
    for label in window.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text().strip():
            continue
        if label.sizeHint().width() > label.width() + 1:
            out.append(
                f"{name}: label {label.text()[:40]!r} cut "
                f"({label.width()} < {label.sizeHint().width()})"
            )
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or isinstance(button, QToolButton) or not button.text():
            continue
        if button.sizeHint().width() > button.width() + 1:
            out.append(
                f"{name}: button {button.text()!r} cut "
                f"({button.width()} < {button.sizeHint().width()})"
            )
    for view in window.findChildren(QListView):  # a list that cannot scroll sideways
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if not view.isVisible() or view.horizontalScrollBarPolicy() != off:
            continue
        if view.sizeHintForColumn(0) > view.viewport().width():
            out.append(
                f"{name}: list {view.objectName()!r} cut "
                f"({view.viewport().width()} < {view.sizeHintForColumn(0)})"
            )
    return out
