"""What the read-only lists of the screens share: a table model over a Python list, and the
view settings of a list the user picks one row from (keyboard first: Tab leaves the table,
arrows move in it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

ROOT = QModelIndex()


class ListTableModel(QAbstractTableModel):
    """Rows from `items`, one column per header; subclasses give `data`."""

    def __init__(self, parent: QObject, headers: list[str]) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self._headers = headers

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def pick_one_row(table: QTableView, accessible_name: str) -> None:
    """A read-only list where one row is chosen at a time; Tab moves on to the next widget."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.setAccessibleName(accessible_name)
