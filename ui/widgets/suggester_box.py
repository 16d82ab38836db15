"""The suggester part of the entry form: anonymous, name, phone, address, reply wanted and
how, and the personal-data notice with its consent box. Personal data stays in this box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import FeedbackMethod
from station_app.i18n import current_language
from station_app.i18n import tr as msg
from station_app.resources import CONSENT_VERSION, consent_text
from station_app.services.forms import SuggesterForm
from station_app.validation import is_valid_phone, normalize_phone
from ui.widgets.fields import ErrorLabel, with_error


class SuggesterBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Suggester"), parent)
        self.anonymous = QCheckBox(self.tr("Anonymous (no name or contact details)"))
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 13812345678 or 021-62345678"))
        self.address = QLineEdit()
        self.wants_feedback = QCheckBox(self.tr("Wants a reply"))
        self.feedback_method = QComboBox()
        for method, text in (
            (FeedbackMethod.PHONE, self.tr("Phone call")),
            (FeedbackMethod.VISIT, self.tr("Visit")),
            (FeedbackMethod.LETTER, self.tr("Letter")),
            (FeedbackMethod.NONE, self.tr("No reply needed")),
        ):
            self.feedback_method.addItem(text, str(method))
        self.notice = QPlainTextEdit(consent_text(current_language()))
        self.notice.setReadOnly(True)
        self.notice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notice.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.consent = QCheckBox(self.tr("The suggester has read and agrees"))

        self.errors = {k: ErrorLabel() for k in ("anonymous", "name", "phone", "address")}
        self.errors["feedback_method"] = ErrorLabel()
        self.errors["consent"] = ErrorLabel()
        form = QFormLayout()
        form.addRow(with_error(self.anonymous, self.errors["anonymous"]))
        form.addRow(self.tr("Name"), with_error(self.name, self.errors["name"]))
        form.addRow(self.tr("Phone"), with_error(self.phone, self.errors["phone"]))
        form.addRow(self.tr("Address"), with_error(self.address, self.errors["address"]))
        form.addRow(self.wants_feedback)
        form.addRow(
            self.tr("Reply by"), with_error(self.feedback_method, self.errors["feedback_method"])
        )
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.notice, 1)
        lay.addWidget(with_error(self.consent, self.errors["consent"]))

        for w in (self.name, self.phone, self.address):
            w.textChanged.connect(self.changed)
        for box in (self.anonymous, self.wants_feedback, self.consent):
            box.toggled.connect(self.changed)
        self.feedback_method.currentIndexChanged.connect(self.changed)
        self.anonymous.toggled.connect(self._sync_enabled)
        self.wants_feedback.toggled.connect(self._sync_enabled)
        self.wants_feedback.toggled.connect(self._reply_ticked)
        self.feedback_method.activated.connect(self._method_chosen)
        self._setting = False  # set_form is writing: no defaults, no unticking
        self.phone.installEventFilter(self)
        self._sync_enabled()

    def focus_chain(self) -> list[QWidget]:
        return [
            self.anonymous,
            self.name,
            self.phone,
            self.address,
            self.wants_feedback,
            self.feedback_method,
            self.consent,
        ]

    def field_widget(self, key: str) -> QWidget | None:
        return {
            "anonymous": self.anonymous,
            "name": self.name,
            "phone": self.phone,
            "address": self.address,
            "feedback_method": self.feedback_method,
            "consent": self.consent,
        }.get(key)

    def _sync_enabled(self) -> None:
        personal = not self.anonymous.isChecked()
        for w in (self.name, self.phone, self.address, self.wants_feedback, self.consent):
            w.setEnabled(personal)
        self.feedback_method.setEnabled(personal and self.wants_feedback.isChecked())

    def _reply_ticked(self, on: bool) -> None:
        """Ticking 需要回复 picks a way to reply (phone when a phone is given, a letter when
        only an address is), so a ticked box never goes with 不需要回复."""
        if self._setting or not on or self.method() != FeedbackMethod.NONE:
            return
        phone, address = self.phone.text().strip(), self.address.text().strip()
        method = FeedbackMethod.LETTER if address and not phone else FeedbackMethod.PHONE
        self.feedback_method.setCurrentIndex(self.feedback_method.findData(str(method)))

    def _method_chosen(self) -> None:
        """Choosing 不需要回复 unticks 需要回复: the two say the same thing."""
        if not self._setting and self.method() == FeedbackMethod.NONE:
            self.wants_feedback.setChecked(False)

    def method(self) -> str:
        return str(self.feedback_method.currentData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.phone and event.type() == QEvent.Type.FocusOut:
            self.check_phone()
        return False

    def check_phone(self) -> bool:
        """Live check when leaving the phone field (the service checks again on save)."""
        text = self.phone.text().strip()
        ok = not text or is_valid_phone(normalize_phone(text))
        self.errors["phone"].show_message("" if ok else msg("field.bad_phone"))
        return ok

    def to_form(self) -> SuggesterForm:
        anonymous = self.anonymous.isChecked()
        wants = self.wants_feedback.isChecked() and not anonymous
        method = self.feedback_method.currentData() if wants else str(FeedbackMethod.NONE)
        return SuggesterForm(
            name="" if anonymous else self.name.text(),
            phone="" if anonymous else self.phone.text(),
            address="" if anonymous else self.address.text(),
            anonymous=anonymous,
            wants_feedback=wants,
            feedback_method=method,
            consent_given=self.consent.isChecked() and not anonymous,
            consent_version=CONSENT_VERSION,
        )

    def set_form(self, sf: SuggesterForm) -> None:
        """Show `sf` as it is (a draft's contradiction is kept, for the save to point out)."""
        self._setting = True
        try:
            self.anonymous.setChecked(sf.anonymous)
            self.name.setText(sf.name)
            self.phone.setText(sf.phone)
            self.address.setText(sf.address)
            self.wants_feedback.setChecked(sf.wants_feedback)
            idx = self.feedback_method.findData(sf.feedback_method or str(FeedbackMethod.NONE))
            self.feedback_method.setCurrentIndex(max(idx, 0))
            self.consent.setChecked(sf.consent_given)
        finally:
            self._setting = False
        self._sync_enabled()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message("")
