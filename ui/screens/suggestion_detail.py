"""The detail dialog of one suggestion: its fields, the masked suggester and its history."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ui.context import AppContext


class SuggestionDetailDialog(QDialog):
    def __init__(self, ctx: AppContext, suggestion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.suggestion_id = suggestion_id
