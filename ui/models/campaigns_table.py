"""The campaigns' rows: state (active green, ended grey), title, period, what this station
collected."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from station_app.domain import Channel
from station_app.i18n import tr as catalogue
from station_app.services.campaigns import Campaign, CampaignCount
from ui.widgets.tables import ListTableModel

COLUMNS = ("state", "title", "period", "collected")
ACTIVE_FG, ENDED_FG = QColor("#1b5e20"), QColor("#6b6b6b")
CHANNELS = (Channel.FACE_TO_FACE, Channel.PHONE, Channel.POSTBOX, Channel.OTHER)


class CampaignsModel(ListTableModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, [])
        self.today = dt.date.today()
        # self.tr, not parent.tr: lupdate files strings under the class they are written in
        self._headers = [self.tr("State"), self.tr("Campaign"), self.tr("Period"),
                         self.tr("Collected here")]  # fmt: skip

    def period_text(self, c: Campaign) -> str:
        start, end = c.starts_on[:10], c.ends_on[:10]
        if start and end:
            return f"{start} – {end}"
        if end:
            return self.tr("until %1").replace("%1", end)
        if start:
            return self.tr("from %1").replace("%1", start)
        return self.tr("no fixed dates")

    def show_rows(self, rows: list[CampaignCount], today: dt.date) -> None:
        self.today = today
        self.set_items(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, col = self.items[index.row()], COLUMNS[index.column()]
        state = row.campaign.state(self.today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == "state":
                return catalogue(f"campaign.state.{state}")
            if col == "title":
                return row.campaign.title
            if col == "period":
                return self.period_text(row.campaign)
            return str(row.collected)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = {"active": ACTIVE_FG, "ended": ENDED_FG}.get(state)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "collected":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
