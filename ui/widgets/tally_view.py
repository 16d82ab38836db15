"""A questionnaire campaign's tally: one bar chart per question (`BarChart`, QPainter, each
bar labelled with its count), the mean of a scale, the latest short-text answers. Used on the
campaign page and on the dashboard; `load(code)` reads the tally off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from station_app.services.questionnaires import CampaignTally, tally
from ui.context import AppContext
from ui.errors import error_text
from ui.ops import QueryOp
from ui.widgets.bar_chart import Bar, BarChart


class TallyView(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: CampaignTally | None = None
        self.charts: list[BarChart] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.addWidget(self.summary)
        self._extra: list[QWidget] = []

    def load(self, code: str) -> None:
        station = self.ctx.station
        QueryOp(self, op=lambda: tally(station, code), success=self.show_tally).failure(
            lambda exc: self.summary.setText(error_text(exc))
        ).run_in_background()

    def show_tally(self, result: CampaignTally | None) -> None:
        self.result = result
        for w in self._extra:
            self._lay.removeWidget(w)
            w.deleteLater()
        self._extra, self.charts = [], []
        if result is None or not result.campaign.questions:
            self.summary.setText(self.tr("This campaign has no questionnaire questions."))
            self.loaded.emit()
            return
        self.summary.setText(
            self.tr("%1 answered: %2 questionnaires, %3 with a suggestion")
            .replace("%1", str(result.total))
            .replace("%2", str(result.responses))
            .replace("%3", str(result.with_suggestions))
        )
        for n, qt in enumerate(result.questions, start=1):
            title = f"{n}. {qt.question.label}"
            if qt.counts:
                chart = BarChart(title, self)
                chart.set_bars([Bar(option, count) for option, count in qt.counts])
                self.charts.append(chart)
                self._add(chart)
                note = self.tr("%1 answered").replace("%1", str(qt.answered))
                if qt.mean is not None:
                    note += " · " + self.tr("mean %1").replace("%1", f"{qt.mean:g}")
                self._add(self._hint(note))
            else:
                head = QLabel(title, self)
                head.setWordWrap(True)
                self._add(head)
                lines = [self.tr("%1 answered").replace("%1", str(qt.answered))]
                if qt.mean is not None:
                    lines.append(self.tr("mean %1").replace("%1", f"{qt.mean:g}"))
                lines += [f"· {t}" for t in qt.texts]
                self._add(self._hint("\n".join(lines)))
        self.loaded.emit()

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setProperty("role", "hint")
        return label

    def _add(self, widget: QWidget) -> None:
        self._lay.addWidget(widget)
        self._extra.append(widget)

    def text_summary(self) -> str:
        """What the charts say, in words (for screen readers and tests)."""
        return "\n".join([self.summary.text(), *(c.text_summary() for c in self.charts)])
