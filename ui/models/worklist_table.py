"""The worklist's rows: overdue red with a stop icon, due soon amber with a warning icon (never
by colour alone), the deadline in working days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QStyle, QWidget

from station_app.followup.deadlines import working_days_between
from station_app.followup.worklist import WorkItem
from station_app.i18n import tr as catalogue
from ui.widgets.tables import ListTableModel

RED_BG, RED_FG = QColor("#fde0dc"), QColor("#9b1c1c")
AMBER_BG, AMBER_FG = QColor("#fff0c2"), QColor("#6b4700")
REACH_METHODS = ("phone", "visit", "letter")  # how a suggester may ask to be told
COLUMNS = ("state", "due", "title", "contact", "reach", "tries", "receipt")


class WorklistModel(ListTableModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, [])
        self.today = dt.date.today()
        self._style = parent.style()
        # self.tr, not parent.tr: lupdate files the strings under this class's name, which is
        # also the context Qt looks them up in
        self._headers = [
            self.tr("State"), self.tr("Due"), self.tr("Title"), self.tr("Contact"),
            self.tr("Reach by"), self.tr("Tries"), self.tr("Receipt no."),
        ]  # fmt: skip
        self._state_text = {
            "overdue": self.tr("Overdue"),
            "due_soon": self.tr("Due soon"),
            "ok": self.tr("On time"),
            "done": self.tr("Done"),
        }

    def show_items(self, items: list[WorkItem], today: dt.date) -> None:
        self.today = today
        self.set_items(items)

    def state(self, item: WorkItem) -> str:
        return "done" if item.done else item.due_state

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        item, col = self.items[index.row()], COLUMNS[index.column()]
        state = self.state(item)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, col, state)
        if role == Qt.ItemDataRole.DecorationRole and col == "state":
            icon = {
                "overdue": QStyle.StandardPixmap.SP_MessageBoxCritical,
                "due_soon": QStyle.StandardPixmap.SP_MessageBoxWarning,
                "done": QStyle.StandardPixmap.SP_DialogApplyButton,
            }.get(state)
            return self._style.standardIcon(icon) if icon is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and col == "title":
            return item.title  # the column may cut a long title short
        if role == Qt.ItemDataRole.BackgroundRole:
            color = {"overdue": RED_BG, "due_soon": AMBER_BG}.get(state)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            color = {"overdue": RED_FG, "due_soon": AMBER_FG}.get(state)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._state_text[state]} {self._text(item, col, state)}"
        return None

    def days_left(self, item: WorkItem) -> str:
        """The deadline in working days from today (weekends and holidays not counted)."""
        if item.due < self.today:
            n = working_days_between(item.due, self.today)
            if n <= 1:
                return self.tr("1 working day late")
            return self.tr("%1 working days late").replace("%1", str(n))
        n = working_days_between(self.today, item.due)
        if n == 0:
            return self.tr("due today")
        if n == 1:
            return self.tr("1 working day left")
        return self.tr("%1 working days left").replace("%1", str(n))

    def _text(self, item: WorkItem, col: str, state: str) -> str:
        if col == "state":
            return self._state_text[state]
        if col == "due":
            due = item.due.isoformat() + (" ≈" if item.due_estimated else "")
            return due if item.done else f"{due}  {self.days_left(item)}"
        if col == "receipt":
            return item.receipt_no
        if col == "title":
            return item.title
        if col == "reach":
            return catalogue(f"feedback.{item.feedback_method or 'none'}")
        if col == "contact":
            return " ".join(p for p in (item.name, item.phone) if p) or "—"
        return str(item.attempts)
