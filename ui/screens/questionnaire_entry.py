"""Typing in questionnaires (问卷征): a campaign's questions without a free-text suggestion.

The dialog stays open for a stack of paper forms: Ctrl+S saves one (durable when the service
returns), clears the answers and goes back to the first question; Esc closes (asking first
when the form on screen has answers not yet saved: 放弃 / 继续填写). Answers are checked by
the service (`questionnaires.record_response`), every problem shown at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from station_app.errors import ValidationError
from station_app.services.campaigns import Campaign
from station_app.services.questionnaires import (
    QuestionnaireForm,
    ResponseRecorded,
    record_response,
)
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.theme import fit_to_screen
from ui.widgets.ask import ask
from ui.widgets.campaign_questions import CampaignQuestions
from ui.widgets.fields import ErrorLabel, enter_advances


class QuestionnaireDialog(QDialog):
    saved = Signal(object)  # ResponseRecorded

    def __init__(
        self,
        ctx: AppContext,
        campaign: Campaign,
        parent: QWidget | None = None,
        *,
        session_id: int | None = None,  # handed out at this group session
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign = campaign
        self.session_id = session_id
        self.count = 0
        self.setWindowTitle(self.tr("Questionnaire: %1").replace("%1", campaign.title))
        self.source = QComboBox()
        self.source.addItem(self.tr("On paper"), "paper")
        self.source.addItem(self.tr("At the station"), "station")
        self.questions = CampaignQuestions()
        self.questions.set_campaign(campaign)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close (Esc)"))
        close.clicked.connect(self.reject)
        top = QFormLayout()
        top.addRow(self.tr("Came"), self.source)
        inner = QWidget()
        iv = QVBoxLayout(inner)
        iv.addWidget(self.questions)
        iv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        enter_advances(self, self.source, *self.questions.focus_chain())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WindowShortcut)  # fmt: skip
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 36, line * 30)
        fit_to_screen(self)
        self._first()

    def reject(self) -> None:
        """Esc, Close or the window's ×: a form with answers typed and not saved is given
        up only when the volunteer says so (the safe answer is the default)."""
        unsaved = self.save_button.isEnabled() and self.questions.answers()
        question = self.tr("Close without saving this form? Its answers will be lost.")
        if unsaved and not ask(
            self, self.tr("Discard"), question, self.tr("Discard"), self.tr("Keep typing")
        ):
            return
        super().reject()

    def _first(self) -> None:
        chain = self.questions.focus_chain()
        (chain[0] if chain else self.source).setFocus()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self.error.show_message("")
        self.questions.clear_errors()
        station, actor = self.ctx.station, self.ctx.require_operator()
        form = QuestionnaireForm(
            self.campaign.code,
            self.questions.answers(),
            self.source.currentData(),
            session_id=self.session_id,
        )
        WriteOp(self, op=lambda: record_response(station, actor, form), success=self._saved,
                changes=Change.SUGGESTIONS, notifier=self.ctx.notifier)\
            .failure(self._failed).run_in_background()  # fmt: skip

    def _saved(self, rec: ResponseRecorded) -> None:
        self.save_button.setEnabled(True)
        self.count += 1
        self.questions.set_answers({})
        self.status.setText(
            self.tr("Saved: %1 this time. Next form.").replace("%1", str(self.count))
        )
        self.saved.emit(rec)
        self._first()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        messages = exc.field_messages()
        shown = self.questions.show_problems(messages)
        rest = [m for k, m in messages.items() if k not in shown and m]
        self.error.show_message("\n".join(rest))
        if shown and (widget := self.questions.field_widget(shown[0])) is not None:
            widget.setFocus()
