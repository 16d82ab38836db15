"""What can be done to a saved suggestion from its detail dialog: correct a typo (a new
version, sent to HQ) and withdraw it at the suggester's request. Each is a small dialog whose
buttons say what they do; the work runs off the UI thread and `saved` fires once it is stored."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import ValidationError
from station_app.services.corrections import correct_suggestion
from station_app.services.withdrawal import withdraw_suggestion
from station_app.store.models import Suggestion
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.widgets.fields import ContentEdit, ErrorLabel, with_error


def _button_row(go: QPushButton, stay: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(stay)
    row.addWidget(go)
    return row


class CorrectionDialog(QDialog):
    """Put right the title, content or location; a reason is asked (it goes in the history)."""

    saved = Signal()

    def __init__(self, ctx: AppContext, suggestion: Suggestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.suggestion_id = suggestion.id or 0
        self.setWindowTitle(self.tr("Correct suggestion %1").replace("%1", suggestion.receipt_no))
        hint = QLabel(
            self.tr(
                "Correct a typing mistake. The first version stays in the history and HQ "
                "receives the corrected text at the next sync."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.title = QLineEdit(suggestion.title)
        self.content = ContentEdit()
        self.content.setPlainText(suggestion.content)
        line = self.fontMetrics().lineSpacing()
        self.content.setMinimumHeight(line * 5)
        self.location = QLineEdit(suggestion.location or "")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. wrong building number"))
        self.errors = {k: ErrorLabel() for k in ("title", "content", "location", "reason")}
        form = QFormLayout()
        form.addRow(self.tr("Title"), with_error(self.title, self.errors["title"]))
        form.addRow(self.tr("Content"), with_error(self.content, self.errors["content"]))
        form.addRow(self.tr("Location"), with_error(self.location, self.errors["location"]))
        form.addRow(self.tr("Reason"), with_error(self.reason, self.errors["reason"]))
        self.save_button = QPushButton(self.tr("Save the correction"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Leave unchanged"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addLayout(form, 1)
        lay.addLayout(_button_row(self.save_button, self.cancel_button))
        self.resize(line * 34, self.sizeHint().height())

    def save(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), self.suggestion_id
        title, content = self.title.text(), self.content.toPlainText()
        location, reason = self.location.text(), self.reason.text()
        self.save_button.setEnabled(False)
        WriteOp(
            self,
            lambda: correct_suggestion(
                station,
                actor,
                sid,
                title=title,
                content=content,
                location=location,
                reason=reason,
            ),
            self._saved,
            changes=Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _saved(self, _result: object) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        for key, text in exc.field_messages().items():
            self.errors.get(key, self.errors["title"]).show_message(text)


class WithdrawDialog(QDialog):
    """A suggester withdraws: say what happens, ask the reason, confirm with a verb."""

    saved = Signal()

    def __init__(self, ctx: AppContext, suggestion: Suggestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.suggestion_id = suggestion.id or 0
        self.setWindowTitle(self.tr("Withdraw suggestion %1").replace("%1", suggestion.receipt_no))
        what = QLabel(
            self.tr(
                "Only at the suggester's own request. Their name, phone, address and any "
                "scanned letter are deleted from this computer at once, and HQ is told at the "
                "next sync. This cannot be undone."
            )
        )
        what.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. the suggester asked at the desk"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Reason"), with_error(self.reason, self.error))
        self.withdraw_button = QPushButton(self.tr("Withdraw this suggestion"))
        self.keep_button = QPushButton(self.tr("Keep it"))
        # no default button: Enter after typing the reason neither withdraws nor throws the
        # reason away; a click (or Tab to the button and Space) decides, Esc keeps it
        for button in (self.withdraw_button, self.keep_button):
            button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.keep_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(what)
        lay.addLayout(form)
        lay.addLayout(_button_row(self.withdraw_button, self.keep_button))
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 30, self.sizeHint().height())

    def withdraw(self) -> None:
        self.error.show_message("")
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), self.suggestion_id
        reason = self.reason.text()
        self.withdraw_button.setEnabled(False)
        WriteOp(
            self,
            lambda: withdraw_suggestion(station, actor, sid, reason),
            self._withdrawn,
            changes=Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _withdrawn(self, _event_uuid: str) -> None:
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.withdraw_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.error.show_message(self.tr("Please give the reason the suggester gave."))
            self.reason.setFocus()
            return
        show_error(self, exc)
