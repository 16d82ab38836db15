"""The detail dialog of one suggestion: every field, the suggester with personal data masked
(as `get_detail` gives it, e.g. 138****5678) and the full status history, local and from HQ.
The record is read on a worker thread; the dialog shows "Loading…" until it arrives.

The fields scroll (so rows never squeeze into each other at a large text size) while the
action row stays in sight: reprint the receipt, correct a typo (its recorder or an admin),
withdraw at the suggester's request, close."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Status
from station_app.i18n import tr as catalogue
from station_app.services.audit_view import audit_print
from station_app.services.common import can
from station_app.services.corrections import NOT_CORRECTABLE, may_correct
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.setup import StationInfo, station_info
from station_app.services.suggestions import (
    PersonView,
    Recorded,
    SuggestionDetail,
    get_detail,
)
from ui.context import AppContext, Change
from ui.ops import QueryOp, WriteOp
from ui.theme import UiSettings, fit_to_screen, follow_font


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
        self.action_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Suggestion details"))

        self.status_line = QLabel(self.tr("Loading…"), self)
        self.status_line.setWordWrap(True)
        body = QWidget(self)
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.content = QPlainTextEdit(body)
        self.content.setReadOnly(True)
        self.content.setAccessibleName(self.tr("Content"))
        self.person_box = QGroupBox(self.tr("Suggester"), body)
        self.person_fields = QFormLayout(self.person_box)
        self.history = QTableWidget(0, 4, body)
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
        history_box = QGroupBox(self.tr("Status history"), body)
        QVBoxLayout(history_box).addWidget(self.history)
        inner = QVBoxLayout(body)
        inner.addLayout(self.fields)
        inner.addWidget(self.content, 1)
        inner.addWidget(self.person_box)
        inner.addWidget(history_box, 2)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)

        self.reprint_button = QPushButton(self.tr("Reprint receipt…"), self)
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)
        for button in (self.reprint_button, self.correct_button, self.withdraw_button):
            button.setEnabled(False)  # until the record is here
        self.reprint_button.clicked.connect(self.reprint)
        self.correct_button.clicked.connect(self.correct)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.close_button.clicked.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.reprint_button, self.correct_button, self.withdraw_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_line)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(actions)
        follow_font(self, self._fit_heights)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 38, line * 34)
        fit_to_screen(self)
        self._load()

    def _fit_heights(self) -> None:
        line = self.fontMetrics().lineSpacing()
        self.content.setMinimumHeight(line * 3 + 12)
        self.content.setMaximumHeight(line * 7 + 12)
        # enough for the usual history (recorded, sent, accepted, replied, feedback) at once
        self.history.setMinimumHeight(line * 8)

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
        self.status_line.setText(f"<b>{html.escape(s.title)}</b>")
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
        while self.fields.rowCount():
            self.fields.removeRow(0)
        for label, value in rows:
            self.fields.addRow(label, self._value(value))
        self.content.setPlainText(s.content)
        while self.person_fields.rowCount():
            self.person_fields.removeRow(0)
        self._show_person(detail.person)
        self._show_history(detail)
        self._enable_actions(detail)
        self.loaded.emit()

    # --- actions -------------------------------------------------------------------------
    def _enable_actions(self, detail: SuggestionDetail) -> None:
        actor, s = self.ctx.operator, detail.suggestion
        self.reprint_button.setVisible(can(actor, "print"))
        self.reprint_button.setEnabled(True)
        self.correct_button.setVisible(may_correct(actor, s.recorded_by))
        self.correct_button.setEnabled(s.status not in NOT_CORRECTABLE)
        self.withdraw_button.setVisible(can(actor, "withdraw"))
        self.withdraw_button.setEnabled(s.status != Status.WITHDRAWN)

    def reload(self) -> None:
        self._load()

    def correct(self) -> None:
        from ui.screens.suggestion_actions import CorrectionDialog

        assert self.detail is not None
        dialog = CorrectionDialog(self.ctx, self.detail.suggestion, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.reload)
        self.action_dialog = dialog
        dialog.open()

    def withdraw(self) -> None:
        from ui.screens.suggestion_actions import WithdrawDialog

        assert self.detail is not None
        dialog = WithdrawDialog(self.ctx, self.detail.suggestion, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.reload)
        self.action_dialog = dialog
        dialog.open()

    def reprint(self) -> None:
        """The receipt as it was printed, with the current text (after a correction)."""
        station = self.ctx.station
        root = Path(station.data.root)
        QueryOp(
            self, lambda: (station_info(station), UiSettings.load(root)), self._show_receipt
        ).run_in_background()

    def _show_receipt(self, found: tuple[StationInfo | None, UiSettings]) -> None:
        from ui.printing.receipt import ReceiptData
        from ui.printing.receipt_dialog import ReceiptDialog

        assert self.detail is not None
        info, settings = found
        s, p = self.detail.suggestion, self.detail.person
        form = SuggestionForm(
            channel=s.channel,
            category_code=s.category_code,
            title=s.title,
            content=s.content,
            location=s.location or "",
            suggester=SuggesterForm(
                wants_feedback=bool(p and p.wants_feedback),
                feedback_method=(p.feedback_method if p else None) or "none",
            ),
        )
        rec = Recorded(
            id=s.id or 0, uuid=s.uuid, receipt_no=s.receipt_no, received_at=s.received_at
        )
        data = ReceiptData.build(rec, form, info, self.detail.recorded_by_name, settings)
        dialog = ReceiptDialog(data, self, reprint=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(self._audit_reprint)
        self.action_dialog = dialog
        dialog.open()

    def _audit_reprint(self, what: str) -> None:
        """A reprinted receipt leaves an audit line, as a reply letter's print does."""
        station, actor = self.ctx.station, self.ctx.require_operator()
        assert self.detail is not None
        sid = self.detail.suggestion.id or 0

        def op() -> None:
            audit_print(station, actor, sid, f"{what} reprint")

        WriteOp(self, op, lambda _r: None, changes=Change.NONE).run_in_background()

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
