"""Small dialogs of the postbox screen: a new collection (chain of custody: which postbox,
when, by whom, with which witness, how many letters) and "not a suggestion" with its reason.

Both check nothing themselves beyond what a widget enforces: the service validates, and its
messages are shown beside the fields they are about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import ValidationError
from station_app.i18n import tr as msg
from station_app.postbox.collections import (
    NOT_SUGGESTION_REASONS,
    CollectionInfo,
    mark_not_suggestion,
    open_collection,
)
from ui.context import AppContext, Change
from ui.errors import error_text
from ui.ops import WriteOp
from ui.widgets.fields import ErrorLabel, enter_advances, with_error

FIELDS = ("postbox_code", "opened_at", "witness", "letter_count", "note")


def _qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime.fromString(moment.strftime("%Y-%m-%dT%H:%M:%S"), Qt.DateFormat.ISODate)


class NewCollectionDialog(QDialog):
    """Record a postbox opening. `created` holds the CollectionInfo once the service took it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: CollectionInfo | None = None
        self.setWindowTitle(self.tr("New postbox collection"))
        now = ctx.station.clock.now()
        self._tz = now.tzinfo

        self.postbox_code = QLineEdit()
        self.postbox_code.setPlaceholderText(self.tr("The number on the postbox, e.g. PB-01"))
        self.opened_at = QDateTimeEdit(_qdatetime(now))
        self.opened_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.opened_at.setCalendarPopup(True)
        self.opened_at.setToolTip(
            self.tr("←/→ choose year, month, day, hour or minute; ↑/↓ change it; Tab leaves")
        )
        self.opened_by = QLabel(ctx.require_operator().name)
        self.witness = QLineEdit()
        self.witness.setPlaceholderText(self.tr("Who watched the postbox being opened"))
        self.letter_count = QSpinBox()
        self.letter_count.setRange(0, 9999)
        self.letter_count.setAccessibleName(self.tr("Number of letters"))
        self.note = QLineEdit()
        self.errors = {k: ErrorLabel() for k in FIELDS}
        self.general = ErrorLabel()

        form = QFormLayout()
        form.addRow(self.tr("Postbox"), with_error(self.postbox_code, self.errors["postbox_code"]))
        form.addRow(self.tr("Opened at"), with_error(self.opened_at, self.errors["opened_at"]))
        form.addRow(self.tr("Opened by"), self.opened_by)
        form.addRow(self.tr("Witness"), with_error(self.witness, self.errors["witness"]))
        form.addRow(
            self.tr("Number of letters"),
            with_error(self.letter_count, self.errors["letter_count"]),
        )
        form.addRow(self.tr("Note"), with_error(self.note, self.errors["note"]))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record the collection"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addWidget(self.buttons)
        # wide enough for the hints in the empty fields (and the messages under them)
        self.setMinimumWidth(self.fontMetrics().lineSpacing() * 24)
        # Enter moves on through the fields; Enter on the last one (or Ctrl+Enter) submits
        enter_advances(self, self.postbox_code, self.witness)
        # a date-time edit's own "next" walks its sections: Enter goes to the next field here
        self._enter_next = {self.opened_at: self.witness, self.letter_count: self.note}
        for w in self._enter_next:
            w.installEventFilter(self)
        self.postbox_code.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and watched in self._enter_next
        ):
            self._enter_next[watched].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if (
            watched is self.opened_at
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # a date-time edit walks its own sections (year, month, …) with Tab, which kept
            # the cursor there: the witness's name was typed into the date. Tab leaves it;
            # the sections are reached with the arrow keys, as the hint says.
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(forward)
            return True
        return super().eventFilter(watched, event)

    def opened_at_value(self) -> dt.datetime:
        text = self.opened_at.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
        return dt.datetime.fromisoformat(text).replace(tzinfo=self._tz)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        for label in (*self.errors.values(), self.general):
            label.show_message("")
        station, actor = self.ctx.station, self.ctx.require_operator()
        values: dict[str, Any] = {
            "postbox_code": self.postbox_code.text().strip(),
            "opened_at": self.opened_at_value(),
            "witness": self.witness.text().strip(),
            "letter_count": self.letter_count.value(),
            "note": self.note.text().strip() or None,
        }
        self.ok_button.setEnabled(False)
        WriteOp(
            self,
            op=lambda: open_collection(station, actor, **values),
            success=self._done,
            changes=Change.POSTBOX,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _done(self, info: CollectionInfo) -> None:
        self.ok_button.setEnabled(True)
        self.created = info
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        show_field_errors(exc, self.errors, self.general, self._focus_field)

    def _focus_field(self, key: str) -> None:
        widgets = {
            "postbox_code": self.postbox_code,
            "opened_at": self.opened_at,
            "witness": self.witness,
            "letter_count": self.letter_count,
            "note": self.note,
        }
        if key in widgets:
            widgets[key].setFocus()


def show_field_errors(
    exc: BaseException,
    labels: dict[str, ErrorLabel],
    general: ErrorLabel,
    focus: Callable[[str], None] | None = None,
) -> None:
    """A service error beside the fields it names; anything else in the general line."""
    if isinstance(exc, ValidationError):
        messages = exc.field_messages()
        rest = []
        for key, text in messages.items():
            if key in labels:
                labels[key].show_message(text)
            else:
                rest.append(text)
        general.show_message("\n".join(rest))
        first = next((k for k in labels if k in messages), None)
        if first and focus is not None:
            focus(first)
        return
    general.show_message(error_text(exc))


class NotSuggestionDialog(QDialog):
    """Why a letter is not a suggestion: blank, duplicate, a matter for another channel, or
    other (with a note). Arrow keys choose, Enter records."""

    def __init__(self, ctx: AppContext, letter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.letter_id = letter_id
        self.setWindowTitle(self.tr("Not a suggestion"))
        self.group = QButtonGroup(self)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Why is this letter not a suggestion?")))
        self.radios: dict[str, QRadioButton] = {}
        for i, code in enumerate(NOT_SUGGESTION_REASONS):
            radio = QRadioButton(msg(f"postbox.reason.{code}"))
            self.group.addButton(radio, i)
            self.radios[code] = radio
            lay.addWidget(radio)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for “other”)"))
        self.errors = {"reason_code": ErrorLabel(), "note": ErrorLabel()}
        self.general = ErrorLabel()
        lay.addWidget(self.errors["reason_code"])
        lay.addWidget(with_error(self.note, self.errors["note"]))
        lay.addWidget(self.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.radios[NOT_SUGGESTION_REASONS[0]].setChecked(True)
        self.radios[NOT_SUGGESTION_REASONS[0]].setFocus()

    def reason(self) -> str:
        checked = self.group.checkedId()
        return NOT_SUGGESTION_REASONS[checked] if checked >= 0 else ""

    def choose(self, code: str, note: str = "") -> None:
        self.radios[code].setChecked(True)
        self.note.setText(note)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        for label in (*self.errors.values(), self.general):
            label.show_message("")
        station, actor = self.ctx.station, self.ctx.require_operator()
        letter_id, reason, note = self.letter_id, self.reason(), self.note.text().strip() or None
        self.ok_button.setEnabled(False)
        WriteOp(
            self,
            op=lambda: mark_not_suggestion(station, actor, letter_id, reason, note),
            success=lambda _r: self.accept(),
            changes=Change.POSTBOX,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        show_field_errors(exc, self.errors, self.general, lambda _k: self.note.setFocus())
