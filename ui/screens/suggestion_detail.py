"""The detail dialog of one suggestion: every field, the suggester with personal data masked
(as `get_detail` gives it, e.g. 138****5678) and the full status history, local and from HQ.
The record is read on a worker thread; the dialog shows "Loading…" until it arrives."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.i18n import tr as catalogue
from station_app.services.suggestions import PersonView, SuggestionDetail, get_detail
from ui.context import AppContext
from ui.ops import QueryOp


def short_time(iso: str | None) -> str:
    """'2026-11-25T09:30:12+08:00' -> '2026-11-25 09:30' (times are stored in China time)."""
    if not iso:
        return ""
    return iso[:16].replace("T", " ")


class SuggestionDetailDialog(QDialog):
    """Read-only view of one suggestion. `loaded` fires once the record is shown."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, suggestion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.suggestion_id = suggestion_id
        self.detail: SuggestionDetail | None = None
        self.setWindowTitle(self.tr("Suggestion details"))
        self.setMinimumSize(640, 560)

        self.status_line = QLabel(self.tr("Loading…"), self)
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.content = QPlainTextEdit(self)
        self.content.setReadOnly(True)
        self.content.setAccessibleName(self.tr("Content"))
        line = self.fontMetrics().lineSpacing()
        self.content.setMinimumHeight(line * 3 + 12)
        self.content.setMaximumHeight(line * 7 + 12)
        self.person_box = QGroupBox(self.tr("Suggester"), self)
        self.person_fields = QFormLayout(self.person_box)
        self.history = QTableWidget(0, 4, self)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Status"), self.tr("Source"), self.tr("Note")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.setAccessibleName(self.tr("Status history"))
        # enough for the usual history (recorded, sent, accepted, replied, feedback) at once
        self.history.setMinimumHeight(line * 8)
        history_box = QGroupBox(self.tr("Status history"), self)
        QVBoxLayout(history_box).addWidget(self.history)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_line)
        layout.addLayout(self.fields)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.person_box)
        layout.addWidget(history_box, 2)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        station, actor, sid = self.ctx.station, self.ctx.operator, self.suggestion_id
        # actor only matters for unmasking, which this read never asks for
        QueryOp(self, lambda: get_detail(station, actor, sid), self._show).failure(  # type: ignore[arg-type]
            self._failed
        ).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        from ui.errors import error_text

        self.status_line.setText(error_text(exc))

    def _value(self, text: str | None) -> QLabel:
        label = QLabel(text or "—", self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def _show(self, detail: SuggestionDetail) -> None:
        self.detail = detail
        s = detail.suggestion
        self.setWindowTitle(self.tr("Suggestion %1").replace("%1", s.receipt_no))
        self.status_line.setText(f"<b>{s.title}</b>")
        self.status_line.setTextFormat(Qt.TextFormat.RichText)
        self.status_line.setWordWrap(True)
        rows = [
            (self.tr("Receipt no."), s.receipt_no),
            (self.tr("Status"), catalogue("status." + s.status)),
            (self.tr("Channel"), catalogue("channel." + s.channel)),
            (self.tr("Category"), detail.category_name),
            (self.tr("Location"), s.location),
            (self.tr("Received"), short_time(s.received_at)),
            (self.tr("Recorded by"), detail.recorded_by_name),
            (self.tr("Campaign"), s.campaign_code),
            (self.tr("HQ number"), s.hq_id or self.tr("Not sent yet")),
        ]
        for label, value in rows:
            self.fields.addRow(label, self._value(value))
        self.content.setPlainText(s.content)
        self._show_person(detail.person)
        self._show_history(detail)
        self.loaded.emit()

    def _show_person(self, p: PersonView | None) -> None:
        add = self.person_fields.addRow
        if p is None:
            add(self._value(self.tr("No suggester recorded (e.g. an anonymous letter)")))
            return
        if p.purged:
            add(self._value(self.tr("Personal data has been deleted")))
            return
        if p.anonymous:
            add(self._value(self.tr("Anonymous")))
        else:
            add(self.tr("Name"), self._value(p.name))
            add(self.tr("Phone"), self._value(p.phone))
            add(self.tr("Address"), self._value(p.address))
        reply = catalogue("feedback." + (p.feedback_method or "none"))
        add(self.tr("Wants a reply"), self._value(reply if p.wants_feedback else self.tr("No")))
        consent = (
            self.tr("Version %1, %2")
            .replace("%1", p.consent_version)
            .replace("%2", short_time(p.consent_at))
            if p.consent_version and p.consent_at
            else self.tr("Not given")
        )
        add(self.tr("Consent to notice"), self._value(consent))
        if p.masked:
            self.person_box.setToolTip(self.tr("Personal data is masked"))

    def _show_history(self, detail: SuggestionDetail) -> None:
        events = detail.history
        self.history.setRowCount(len(events))
        for row, ev in enumerate(events):
            source = self.tr("HQ") if ev.source == "hq" else self.tr("This station")
            cells = [short_time(ev.at), catalogue("status." + ev.status), source, ev.note or ""]
            for col, text in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(text))
