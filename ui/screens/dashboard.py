"""统计: the station's figures for one month, and the monthly report as XLSX or PDF.

At the top the month (the current month by the station's clock; the list, or the earlier /
later buttons, or PgUp/PgDn change it), then the headline figures (received in the month,
the on-time feedback rate, postbox letters still open, people to inform now: overdue and
due soon), then bar charts: the last 12 months, and the month by channel, category, status
and campaign. Every chart prints its labels and values and carries them as its accessible
description, so nothing is told by a bar's length alone.

Figures come from `station_app.followup.reports.station_stats` (counts only, any logged-in
operator) and `worklist_counts`; the exports are the same service calls as the CLI
(`export_month_xlsx`) and `ui.printing.report_pdf.export_report_pdf`, both admin-only and
audit-logged by the service. Loading and exporting run off the UI thread; a month changed
again before its figures arrive drops the older answer.
"""

from __future__ import annotations

import datetime as dt
import errno
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import StationError
from station_app.followup.reports import (
    Bucket,
    StationStats,
    export_month_xlsx,
    month_bounds,
    month_label,
    percent,
    station_stats,
)
from station_app.followup.worklist import WorklistCounts, worklist_counts
from station_app.services.common import can
from ui.context import AppContext, Change
from ui.errors import error_text
from ui.ops import QueryOp
from ui.printing.report_pdf import export_report_pdf
from ui.theme import relative_font
from ui.widgets.bar_chart import Bar, BarChart

MONTHS_BACK = 36  # how far back the month list goes (three years of monthly reports)
FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class DashboardData:
    year: int
    month: int
    stats: StationStats
    counts: WorklistCounts


def _months_back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - n
    return index // 12, index % 12 + 1


class Figure(QWidget):
    """A big number with its caption under it, read out as "caption: number"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.number = QLabel("—", self)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        relative_font(self.number, 1.8, bold=True)
        self.text = QLabel(caption, self)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(2)
        lay.addWidget(self.number)
        lay.addWidget(self.text)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def set_value(self, value: str, note: str = "") -> None:
        self.number.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        spoken = f"{self.caption}：{value}" + (f"（{note}）" if note else "")
        self.setAccessibleName(spoken)
        self.setToolTip(spoken)


class DashboardScreen(QWidget):
    """The dashboard for any logged-in operator; the exports need the "export" right
    (admins). `loaded` fires when figures are shown, `exported(path)` when a report is
    written, `export_failed(message)` when it could not be."""

    loaded = Signal()
    exported = Signal(str)
    export_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None
        self._asked = 0  # generation of the latest reload; older answers are dropped
        self._exporting = False
        self._latest: tuple[int, int] | None = None  # the newest month in the list
        self.may_export = can(ctx.operator, "export")

        # --- the month and the exports ---------------------------------------------------
        self.month_box = QComboBox(self)
        self.month_box.setAccessibleName(self.tr("Month"))
        self.month_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        month_label_ = QLabel(self.tr("&Month:"), self)
        month_label_.setBuddy(self.month_box)
        self.earlier_button = QPushButton(self.tr("◀ &Earlier"), self)
        self.earlier_button.setToolTip(self.tr("The month before (PgUp)"))
        self.later_button = QPushButton(self.tr("&Later ▶"), self)
        self.later_button.setToolTip(self.tr("The month after (PgDn)"))
        self.xlsx_button = QPushButton(self.tr("Export &XLSX…"), self)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"), self)
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(self.may_export)
            if not self.may_export:
                button.setToolTip(self.tr("Only an administrator can export the monthly report."))
        self.xlsx_button.clicked.connect(lambda: self.ask_export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.ask_export("pdf"))
        top = QHBoxLayout()
        top.addWidget(month_label_)
        top.addWidget(self.month_box)
        top.addWidget(self.earlier_button)
        top.addWidget(self.later_button)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._say(
            ""
            if self.may_export
            else self.tr("The station administrator exports the monthly report.")
        )

        # --- headline figures --------------------------------------------------------------
        self.figures_box = QGroupBox(self)
        grid = QGridLayout(self.figures_box)
        self.received = Figure(self.tr("Suggestions received"), self.figures_box)
        self.on_time = Figure(self.tr("On-time feedback rate"), self.figures_box)
        self.letters = Figure(self.tr("Postbox letters still open"), self.figures_box)
        self.overdue = Figure(self.tr("Overdue to inform"), self.figures_box)
        self.due_soon = Figure(self.tr("Due soon to inform"), self.figures_box)
        self.figures = [self.received, self.on_time, self.letters, self.overdue, self.due_soon]
        for col, figure in enumerate(self.figures):
            grid.addWidget(figure, 0, col)
            grid.setColumnStretch(col, 1)
        self.detail = QLabel(self.figures_box)
        self.detail.setWordWrap(True)
        grid.addWidget(self.detail, 1, 0, 1, len(self.figures))

        # --- charts ------------------------------------------------------------------------
        self.trend_chart = BarChart(self.tr("The last 12 months"), self)
        self.channel_chart = BarChart(self.tr("By channel"), self)
        self.category_chart = BarChart(self.tr("By category"), self)
        self.status_chart = BarChart(self.tr("By status"), self)
        self.campaign_chart = BarChart(self.tr("By campaign"), self)
        self.charts = [
            self.channel_chart,
            self.category_chart,
            self.status_chart,
            self.campaign_chart,
            self.trend_chart,
        ]
        board = QWidget(self)
        columns = QHBoxLayout(board)
        left, right = QVBoxLayout(), QVBoxLayout()
        # the month's own breakdowns first (right: channel, status, category), the year left
        for chart in (self.trend_chart, self.campaign_chart):
            left.addWidget(chart)
        for chart in (self.channel_chart, self.status_chart, self.category_chart):
            right.addWidget(chart)
        for column in (left, right):
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(board)
        self.scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(self.figures_box)
        lay.addWidget(self.scroll, 1)

        self._fill_months()
        self.month_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.earlier_button.clicked.connect(lambda: self.step(-1))
        self.later_button.clicked.connect(lambda: self.step(1))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.step(-1), context=context)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.step(1), context=context)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload, context=context)
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC | Change.POSTBOX, self.reload)
        self.reload()

    # --- the month ---------------------------------------------------------------------------
    def _today(self) -> dt.date:
        return self.ctx.station.clock.now().date()

    def _fill_months(self) -> None:
        """The months from MONTHS_BACK ago to this one, newest first; keeps the choice."""
        today = self._today()
        latest = (today.year, today.month)
        if latest == self._latest:
            return
        keep = self.month()
        self._latest = latest
        self.month_box.blockSignals(True)
        self.month_box.clear()
        for n in range(MONTHS_BACK):
            year, month = _months_back(*latest, n)
            self.month_box.addItem(month_label(year, month), (year, month))
        index = self.month_box.findData(keep) if keep is not None else 0
        self.month_box.setCurrentIndex(max(index, 0))
        self.month_box.blockSignals(False)
        self._steps_enabled()

    def month(self) -> tuple[int, int] | None:
        data = self.month_box.currentData()
        return (int(data[0]), int(data[1])) if data else None

    def set_month(self, year: int, month: int) -> bool:
        """Choose a month in the list (False if it is not there: in the future or too old)."""
        index = self.month_box.findData((year, month))
        if index < 0:
            return False
        self.month_box.setCurrentIndex(index)
        return True

    def step(self, months: int) -> None:
        """Earlier (-1) or later (+1) month; the list is newest first."""
        index = self.month_box.currentIndex() - months
        if 0 <= index < self.month_box.count():
            self.month_box.setCurrentIndex(index)

    def _steps_enabled(self) -> None:
        index = self.month_box.currentIndex()
        self.later_button.setEnabled(index > 0)
        self.earlier_button.setEnabled(index < self.month_box.count() - 1)

    # --- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the chosen month's figures off the UI thread."""
        self._fill_months()
        self._steps_enabled()
        chosen = self.month()
        if chosen is None:
            return
        year, month = chosen
        station, actor = self.ctx.station, self.ctx.require_operator()
        self._asked += 1
        asked = self._asked
        self.figures_box.setTitle(self.tr("%1: loading…").replace("%1", month_label(year, month)))

        def op() -> DashboardData:
            start, end = month_bounds(year, month)
            stats = station_stats(station, actor, start=start, end=end)
            return DashboardData(year, month, stats, worklist_counts(station))

        QueryOp(self, op, lambda data: self._loaded(asked, data)).failure(
            lambda exc: self._failed(asked, exc)
        ).run_in_background()

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.figures_box.setTitle(self.tr("The figures could not be loaded"))
        self._say(error_text(exc), error=True)

    def _loaded(self, asked: int, data: DashboardData) -> None:
        if asked != self._asked:
            return  # the month was changed again meanwhile; its own answer follows
        self.data = data
        stats, counts = data.stats, data.counts
        month = month_label(data.year, data.month)
        self.figures_box.setTitle(self.tr("Figures for %1").replace("%1", month))
        self.received.set_value(str(stats.total))
        rate = stats.on_time
        due = rate.on_time + rate.late + rate.open_overdue
        self.on_time.set_value(
            percent(rate.rate),
            self.tr("%1 of %2 on time").replace("%1", str(rate.on_time)).replace("%2", str(due))
            if due
            else self.tr("no feedback was due in this month"),
        )
        now = self.tr("as of today")  # not only the chosen month
        self.letters.set_value(str(stats.open_postbox_letters), now)
        self.overdue.set_value(str(counts.overdue), now)
        self.due_soon.set_value(str(counts.due_soon), now)
        self.detail.setText(
            self.tr("Taken by HQ: %1 · waiting to go to HQ: %2 · in campaigns: %3")
            .replace("%1", str(stats.hq_acknowledged))
            .replace("%2", str(stats.waiting_for_hq))
            .replace("%3", str(stats.in_campaigns))
        )
        # newest first: this month is in sight without scrolling
        self.trend_chart.set_bars(_bars(stats.trend)[::-1])
        self.channel_chart.set_bars(_bars(stats.by_channel))
        self.category_chart.set_bars(_bars(stats.by_category))
        self.status_chart.set_bars(_bars(stats.by_status))
        self.campaign_chart.set_bars(_bars(stats.by_campaign))
        self.loaded.emit()

    def text_summary(self) -> str:
        """Everything the screen shows, in words (headline figures, then each chart)."""
        lines = [f.accessibleName() for f in self.figures]
        lines += [f"{c.title}：{c.text_summary()}" for c in self.charts]
        return "\n".join(lines)

    # --- exports -----------------------------------------------------------------------------
    def default_path(self, fmt: str) -> Path:
        """Documents/<station>-月报-2026-11.xlsx (or the home folder)."""
        chosen = self.month() or (self._today().year, self._today().month)
        code = self.data.stats.station_code if self.data is not None else ""
        name = "-".join(
            p for p in (code, self.tr("monthly report"), f"{chosen[0]:04d}-{chosen[1]:02d}") if p
        )
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        return base / f"{name}.{fmt}"

    def ask_export(self, fmt: str) -> None:
        if not self.may_export or self._exporting:
            return
        title = {
            "xlsx": self.tr("Export the monthly report as XLSX"),
            "pdf": self.tr("Export the monthly report as PDF"),
        }[fmt]
        kinds = {
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "pdf": self.tr("PDF files (*.pdf)"),
        }[fmt]
        path, _ = QFileDialog.getSaveFileName(self, title, str(self.default_path(fmt)), kinds)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the chosen month's report to `path` off the UI thread (the service checks
        the right to export and audit-logs it)."""
        chosen = self.month()
        if chosen is None or fmt not in FORMATS:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        year, month = chosen
        station, actor = self.ctx.station, self.ctx.require_operator()
        write = export_month_xlsx if fmt == "xlsx" else export_report_pdf
        self._set_exporting(True)
        writing = self.tr("Writing the report for %1…").replace("%1", month_label(year, month))
        self._say(writing)
        QueryOp(
            self,
            lambda: write(station, actor, year, month, path),
            lambda stats: self._exported(path, year, month, stats),
        ).failure(lambda exc: self._export_error(path, exc)).with_progress(
            writing
        ).run_in_background()

    def _exported(self, path: Path, year: int, month: int, stats: StationStats) -> None:
        self._set_exporting(False)
        self._say(
            self.tr("Saved the report for %1 (%2 suggestions) to %3")
            .replace("%1", month_label(year, month))
            .replace("%2", str(stats.total))
            .replace("%3", str(path))
        )
        self.exported.emit(str(path))

    def _export_error(self, path: Path, exc: BaseException) -> None:
        self._set_exporting(False)
        text = self.export_error_text(path, exc)
        self._say(text, error=True)
        self.export_failed.emit(text)

    def export_error_text(self, path: Path, exc: BaseException) -> str:
        if isinstance(exc, StationError):
            return error_text(exc)  # e.g. not allowed to export, in the service's words
        if isinstance(exc, OSError):
            if exc.errno == errno.ENOSPC:
                return self.tr(
                    "The report was not saved: the disk is full. Free some space or choose "
                    "another place (for example a USB stick)."
                )
            return self.tr(
                "The report was not saved: the folder %1 cannot be written to. Choose "
                "another folder, for example Documents, and try again."
            ).replace("%1", str(path.parent))
        return error_text(exc)

    def _set_exporting(self, busy: bool) -> None:
        self._exporting = busy
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(self.may_export and not busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("role", "error" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def _bars(buckets: list[Bucket]) -> list[Bar]:
    return [Bar(b.label, b.count) for b in buckets]
