"""The outcomes' rows: what HQ decided in words, title, the suggester's masked name, the
latest result's date, the receipt number."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ui.printing.reply_letter import outcome_lines
from ui.widgets.tables import ListTableModel

COLUMNS = ("result", "title", "suggester", "date", "receipt")


def day(iso_text: str | None) -> str:
    return (iso_text or "")[:10]


class OutcomesModel(ListTableModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, [])
        # self.tr, not parent.tr: lupdate files strings under the class they are written in
        self._anonymous = self.tr("Anonymous")
        self._headers = [self.tr("Result"), self.tr("Title"), self.tr("Suggester"),
                         self.tr("Result date"), self.tr("Receipt no.")]  # fmt: skip

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        item, col = self.items[index.row()], COLUMNS[index.column()]
        if col == "result":
            return " · ".join(text for text, _day in outcome_lines(item))
        if col == "receipt":
            return item.receipt_no
        if col == "title":
            return item.title
        if col == "suggester":
            return self._anonymous if item.anonymous else (item.name or "—")
        return day(item.latest_at)
