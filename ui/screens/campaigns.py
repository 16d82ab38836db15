"""主动征集: HQ's active solicitation campaigns and what this station collected for each.

Left, every campaign HQ sent (active first, then not started, then ended), with its state in
words, its period and how many suggestions the station recorded for it. Right, the chosen
campaign: topic, period, HQ's guidance, the extra questions the entry form will ask, the
station's count by channel, and "Record a suggestion for this campaign", which emits
`record_for(code)` (the main window opens the entry form with the campaign chosen).

Keyboard: Enter on a row goes to the record button; Alt+R records; F5 reloads.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station_app.i18n import tr as catalogue
from station_app.services.campaigns import Campaign, CampaignCount, Question, campaign_counts
from ui.context import AppContext, Change
from ui.errors import error_text
from ui.models.campaigns_table import CHANNELS, CampaignsModel
from ui.ops import QueryOp
from ui.theme import follow_font, relative_font
from ui.widgets.list_detail import detail_scroll, list_detail_splitter
from ui.widgets.tables import pick_one_row


class CampaignsScreen(QWidget):
    """Every operator may look; recording goes through the entry form (`record_for`)."""

    record_for = Signal(str)  # campaign code
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: CampaignCount | None = None
        self.today = ctx.station.clock.now().date()
        self.header = QLabel(self.tr("Loading…"), self)
        self.header.setWordWrap(True)
        self.header.setAccessibleName(self.tr("Campaigns summary"))
        self.model = CampaignsModel(self)
        self.table = QTableView(self)
        self._setup_table()
        self.empty = QLabel(
            self.tr("HQ has not sent any campaign yet. Campaigns arrive with the next sync."), self
        )
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.splitter = list_detail_splitter(
            self, self.table, self.empty, self._build_detail(), stretch=(3, 2)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(self._row_activated)
        ctx.notifier.subscribe(self, Change.SUGGESTIONS | Change.SYNC, self.reload)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload, context=context)
        self._show(None)
        self.reload()

    # --- building ------------------------------------------------------------------------
    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        pick_one_row(t, self.tr("Campaigns"))
        follow_font(t, self._size_columns)

    def _size_columns(self) -> None:
        t = self.table
        fm, pad = t.fontMetrics(), 16
        em = fm.horizontalAdvance("中")
        period = fm.horizontalAdvance("2026-11-01 – 2026-12-31")
        header = t.horizontalHeader()
        hfm = header.fontMetrics()
        for col, width in enumerate((em * 3, em * 10, period, em * 3)):
            title = self.model.headerData(col, Qt.Orientation.Horizontal, 0)
            t.setColumnWidth(col, max(width, hfm.horizontalAdvance(title) + 8) + pad)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        t.verticalHeader().setDefaultSectionSize(fm.height() + 12)

    def _build_detail(self) -> QWidget:
        box = QWidget(self)
        v = QVBoxLayout(box)
        self.title = QLabel(box)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        relative_font(self.title, 1.25, bold=True)
        self.state_line = QLabel(box)
        self.state_line.setWordWrap(True)
        self.topic = QLabel(box)
        self.guidance = QLabel(box)
        for label in (self.topic, self.guidance):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QFormLayout()
        about.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        about.addRow(self.tr("Topic"), self.topic)
        about.addRow(self.tr("Guidance"), self.guidance)

        self.questions_box = QGroupBox(self.tr("Extra questions to ask"), box)
        self.questions = QLabel(self.questions_box)
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        self.questions_note = QLabel(self.questions_box)
        self.questions_note.setWordWrap(True)
        self.questions_note.setProperty("role", "error")
        qv = QVBoxLayout(self.questions_box)
        qv.addWidget(self.questions)
        qv.addWidget(self.questions_note)

        self.counts_box = QGroupBox(self.tr("Collected at this station"), box)
        cf = QFormLayout(self.counts_box)
        self.total = QLabel(self.counts_box)
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        cf.addRow(self.tr("In all"), self.total)
        self.by_channel: dict[str, QLabel] = {}
        for ch in CHANNELS:
            label = QLabel(self.counts_box)
            self.by_channel[str(ch)] = label
            cf.addRow(catalogue(f"channel.{ch}"), label)

        self.record_button = QPushButton(self.tr("&Record a suggestion for this campaign"), box)
        self.record_button.clicked.connect(self.record)
        self.record_hint = QLabel(box)
        self.record_hint.setWordWrap(True)
        self.record_hint.setProperty("role", "hint")
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addStretch(1)
        for w in (self.title, self.state_line):
            v.addWidget(w)
        v.addLayout(about)
        v.addWidget(self.questions_box)
        v.addWidget(self.counts_box)
        v.addLayout(actions)
        v.addWidget(self.record_hint)
        v.addStretch(1)
        return detail_scroll(self, box)

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        station = self.ctx.station
        today = station.clock.now().date()

        def op() -> tuple[list[CampaignCount], dt.date]:
            return campaign_counts(station, today), today

        QueryOp(self, op, self._loaded).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.header.setText(error_text(exc))

    def _loaded(self, result: tuple[list[CampaignCount], dt.date]) -> None:
        rows, self.today = result
        keep = self.current.campaign.code if self.current else None
        self.model.show_rows(rows, self.today)
        states = [r.campaign.state(self.today) for r in rows]
        self.header.setText(
            self.tr("Active: %1 · not started: %2 · ended: %3 · collected at this station: %4")
            .replace("%1", str(states.count("active")))
            .replace("%2", str(states.count("upcoming")))
            .replace("%3", str(states.count("ended")))
            .replace("%4", str(sum(r.collected for r in rows)))
        )
        self.empty.setVisible(not rows)
        codes = [r.campaign.code for r in rows]
        row = codes.index(keep) if keep in codes else (0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show(rows[row] if row >= 0 else None)
        self.loaded.emit()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rows = self.model.items
        self._show(rows[current.row()] if 0 <= current.row() < len(rows) else None)

    def _row_activated(self, _index: QModelIndex) -> None:
        if self.record_button.isEnabled():
            self.record_button.setFocus()

    # --- the chosen campaign -------------------------------------------------------------
    def _show(self, row: CampaignCount | None) -> None:
        self.current = row
        for w in (self.questions_box, self.counts_box, self.record_button):
            w.setVisible(row is not None)
        if row is None:
            self.title.setText(self.tr("Choose a campaign on the list."))
            for label in (self.state_line, self.topic, self.guidance, self.record_hint):
                label.clear()
            return
        c = row.campaign
        state = c.state(self.today)
        self.title.setText(c.title)
        self.state_line.setText(f"{catalogue(f'campaign.state.{state}')} · "
                                f"{self.model.period_text(c)}{self._days_text(c, state)}")  # fmt: skip
        self.topic.setText(c.topic or "—")
        self.guidance.setText(c.guidance or "—")
        self.questions.setText(self._questions_html(c.questions))
        self.questions_note.setText(c.note())
        self.questions_note.setVisible(bool(c.problems))
        self.total.setText(str(row.collected))
        for ch, label in self.by_channel.items():
            label.setText(str(row.by_channel.get(ch, 0)))
        self.record_button.setEnabled(state == "active")
        self.record_hint.setText(
            ""
            if state == "active"
            else self.tr("This campaign has ended: suggestions are recorded without it.")
            if state == "ended"
            else self.tr("This campaign has not started yet.")
        )

    def _days_text(self, c: Campaign, state: str) -> str:
        if state == "active" and c.ends_on:
            left = (dt.date.fromisoformat(c.ends_on[:10]) - self.today).days
            if left == 0:
                return " · " + self.tr("ends today")
            return " · " + self.tr("%1 days left").replace("%1", str(left))
        if state == "upcoming" and c.starts_on:
            wait = (dt.date.fromisoformat(c.starts_on[:10]) - self.today).days
            return " · " + self.tr("starts in %1 days").replace("%1", str(wait))
        return ""

    def _questions_html(self, questions: tuple[Question, ...]) -> str:
        if not questions:
            return self.tr("No extra questions: record the suggestion as usual.")
        items = []
        for q in questions:
            kind = {
                "number": self.tr("a number"),
                "yesno": self.tr("yes or no"),
                "choice": self.tr("one of: %1").replace("%1", " / ".join(q.choices)),
            }.get(q.type, self.tr("in words"))
            must = self.tr("must be answered") if q.required else self.tr("may be left empty")
            items.append(f"<li>{_esc(q.label)}<br><span style='color:#555555'>"
                         f"{_esc(must)} · {_esc(kind)}</span></li>")  # fmt: skip
        return "<ol style='margin-left:0'>" + "".join(items) + "</ol>"

    # --- actions -------------------------------------------------------------------------
    def select_code(self, code: str) -> None:
        codes = [r.campaign.code for r in self.model.items]
        if code in codes:
            self.table.selectRow(codes.index(code))

    def record(self) -> None:
        row = self.current
        if row is None or not self.record_button.isEnabled():
            return
        self.record_for.emit(row.campaign.code)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
