"""A question with verb buttons (放弃 / 继续填写), not Yes/No: the button says what happens.
The safe answer is the default, so Enter or Esc never loses anything."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget | None, title: str, question: str, act: str, keep: str) -> bool:
    """True when the user chose `act` (the button that does something); `keep` is the
    default and what Esc or closing the box means."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    act_button = box.addButton(act, QMessageBox.ButtonRole.DestructiveRole)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    return box.clickedButton() is act_button
