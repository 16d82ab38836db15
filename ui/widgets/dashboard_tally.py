"""The dashboard's questionnaire tally (问卷征): choose a campaign with questions (the active
ones first), see its bars (`TallyView`)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from station_app.services.campaigns import Campaign, all_campaigns
from ui.context import AppContext
from ui.ops import QueryOp
from ui.widgets.tally_view import TallyView


class DashboardTally(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Questionnaire tally"))
        self.ctx = ctx
        self.campaign = QComboBox(self)
        self.campaign.setAccessibleName(self.tr("Questionnaire campaign"))
        label = QLabel(self.tr("&Campaign:"), self)
        label.setBuddy(self.campaign)
        self.tally = TallyView(ctx, self)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.campaign, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tally)
        self.campaign.currentIndexChanged.connect(self._chosen)
        self.hide()  # until a campaign with questions is known

    def reload(self) -> None:
        station = self.ctx.station
        QueryOp(
            self, op=lambda: all_campaigns(station), success=self._campaigns
        ).run_in_background()

    def _campaigns(self, campaigns: list[Campaign]) -> None:
        chosen = self.campaign.currentData()
        with_questions = [c for c in campaigns if c.questions]
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in with_questions:
            self.campaign.addItem(c.title, c.code)
        self.campaign.setCurrentIndex(max(self.campaign.findData(chosen), 0))
        self.campaign.blockSignals(False)
        self.setVisible(bool(with_questions))
        self._chosen()

    def _chosen(self) -> None:
        code = self.campaign.currentData()
        if code:
            self.tally.load(code)
