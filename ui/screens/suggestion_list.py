"""The suggestion list screen: search box, filter bar and a lazily paged results table."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.context import AppContext


class SuggestionListScreen(QWidget):
    open_suggestion = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        pass
