"""座谈会: the session entry mode. What the session shares is typed once (Enter moves on;
Ctrl+Enter, or Enter on the campaign, starts the session; the time is filled in with now);
then each speaker is one row typed in sequence:

    category (pinyin initials) Enter, title Enter, what was said, then
    - Ctrl+S saves the row as an anonymous speaker (or Enter, Enter on the empty name);
    - a name Enter, phone Enter, reply wanted (Space) Enter, consent (Space) Enter saves.

A row being typed is autosaved as a draft of that session (as the entry form's drafts: a
crash loses about a second; offered back at the next login, it reopens the session with the
row as typed). Each row is saved durably through `sessions.record_speaker` (the single
entry's validation: consent when a name or phone is given) and gets its own receipt number;
Ctrl+P prints the session's receipts on one sheet. The signed attendee sheet is attached as
a scan (Ctrl+O).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import FeedbackMethod
from station_app.errors import ValidationError
from station_app.i18n import current_language
from station_app.masking import mask_name
from station_app.services.campaigns import Campaign, active_campaigns
from station_app.services.drafts import discard_draft, save_draft, start_draft
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.sessions import (
    SessionForm,
    SessionInfo,
    SpeakerReceipt,
    get_session,
    list_sessions,
    record_session,
    record_speaker,
    session_receipts,
)
from station_app.services.setup import StationInfo, categories, station_info
from station_app.services.suggestions import Recorded
from station_app.store.models import Category
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.screens.session_paper import SessionPaper
from ui.theme import follow_font
from ui.widgets.autosave import DraftAutosaver
from ui.widgets.category_box import CategoryBox
from ui.widgets.enter_acts import EnterActs
from ui.widgets.fields import ErrorLabel, enter_advances, with_error


class SessionScreen(QWidget):
    session_started = Signal(object)  # SessionInfo
    speaker_saved = Signal(object)  # Recorded

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: SessionInfo | None = None
        self.info: StationInfo | None = None
        self.ready = False
        self.saving = False
        self.draft_uuid: str | None = None  # the speaker's row being typed, once changed
        self._filling = False  # the row is being filled or cleared by the program
        # a speaker's draft to reopen (session id, uuid, row), once the lists have loaded
        self._pending_draft: tuple[int, str, SuggestionForm] | None = None
        # the shared fields
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(self.tr("e.g. 老旧小区加装电梯议事会"))
        self.held_at = QLineEdit(ctx.station.clock.now().strftime("%Y-%m-%d %H:%M"))
        self.place = QLineEdit()
        self.host = QLineEdit()
        self.officials = QLineEdit()
        self.officials.setPlaceholderText(self.tr("Names or offices, e.g. 区建管委 王科长"))
        self.attendees = QLineEdit()
        self.attendees.setPlaceholderText(self.tr("Residents on the sign-in sheet"))
        self.campaign = QComboBox()
        self.campaign.addItem(self.tr("(none)"), "")
        self.start_button = QPushButton(self.tr("Start the session (Ctrl+Enter)"))
        self.start_button.clicked.connect(self.start)
        self.errors = {
            k: ErrorLabel()
            for k in (
                "topic",
                "held_at",
                "place",
                "host",
                "officials",
                "attendees",
                "campaign_code",
            )
        }
        # one speaker's row
        self.category = CategoryBox()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short title"))
        self.content = QLineEdit()
        self.content.setPlaceholderText(self.tr("What the speaker suggests"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Optional; Enter with no name saves the row"))
        self.phone = QLineEdit()
        self.reply = QCheckBox(self.tr("Wants a reply by phone"))
        self.consent = QCheckBox(self.tr("Agreed to the personal data notice"))
        self.row_error = ErrorLabel()
        self.save_button = QPushButton(self.tr("Save speaker (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_row)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Receipt number"), self.tr("Title"), self.tr("Name")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.header = QLabel(self.tr("Type what the session shares, then each speaker."))
        self.header.setWordWrap(True)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.paper = SessionPaper(self)  # the receipts sheet and the signed sign-in sheet
        self.print_button = QPushButton(self.tr("Print receipts (Ctrl+P)"))
        self.print_button.clicked.connect(self.paper.print_receipts)
        self.pdf_button = QPushButton(self.tr("Receipts as PDF…"))
        self.pdf_button.clicked.connect(self.paper.ask_pdf)
        self.sheet_button = QPushButton(self.tr("Attach sign-in sheet… (Ctrl+O)"))
        self.sheet_button.clicked.connect(self.paper.ask_sheet)
        self.questionnaire_button = QPushButton(self.tr("Type in its questionnaires…"))
        self.questionnaire_button.clicked.connect(self.paper.enter_questionnaires)
        self.new_button = QPushButton(self.tr("New session"))
        self.new_button.clicked.connect(self.new_session)
        # after a restart, or for a speaker who comes late: carry on with an earlier session
        self.earlier = QComboBox()
        self.earlier.setAccessibleName(self.tr("Continue an earlier session"))
        self.continue_button = QPushButton(self.tr("Continue this session"))
        self.continue_button.clicked.connect(self.continue_chosen)
        self._build_layout()

        enter_advances(
            self, self.topic, self.place, self.host, self.attendees, self.officials, self.held_at
        )
        enter_advances(self, self.category, self.title, self.content)
        self.keys = EnterActs(self)
        self.keys.watch(self.campaign, self.start)
        self.keys.watch(self.name, self._after_name)
        self.keys.watch(self.phone, self.reply.setFocus)
        self.keys.watch(self.reply, self.consent.setFocus)
        self.keys.watch(self.consent, self.save_row)
        chain = [self.topic, self.place, self.host, self.attendees, self.officials, self.held_at,
                 self.campaign, self.start_button, self.category, self.title, self.content,
                 self.name, self.phone, self.reply, self.consent, self.save_button]  # fmt: skip
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Print, self, self.paper.print_receipts, context=context)
        QShortcut(QKeySequence.StandardKey.Open, self, self.paper.ask_sheet, context=context)
        QShortcut(QKeySequence("Ctrl+Return"), self.shared_box, self.start, context=context)
        QShortcut(QKeySequence("Ctrl+Enter"), self.shared_box, self.start, context=context)
        QShortcut(QKeySequence.StandardKey.Save, self.row_box, self.save_row, context=context)
        self.autosaver = DraftAutosaver(self._draft_job, self)
        for edit in (self.title, self.content, self.name, self.phone):
            edit.textChanged.connect(self._row_changed)
        for box in (self.reply, self.consent):
            box.toggled.connect(self._row_changed)
        self.category.currentIndexChanged.connect(self._row_changed)
        self._set_started(False)
        self._load_lists()

    def _build_layout(self) -> None:
        shared = QGroupBox(self.tr("The session"))
        form = QFormLayout(shared)
        for key, label, widget in (
            ("topic", self.tr("Topic"), self.topic),
            ("place", self.tr("Place"), self.place),
            ("host", self.tr("Host"), self.host),
            ("attendees", self.tr("Residents attending"), self.attendees),
            ("officials", self.tr("Officials present"), self.officials),
            ("held_at", self.tr("Date and time"), self.held_at),
            ("campaign_code", self.tr("Campaign"), self.campaign),
        ):
            form.addRow(label, with_error(widget, self.errors[key]))
        form.addRow(self.start_button)
        self.shared_box = shared
        row = QGroupBox(self.tr("Next speaker"))
        rf = QFormLayout(row)
        rf.addRow(self.tr("Category"), self.category)
        rf.addRow(self.tr("Title"), self.title)
        rf.addRow(self.tr("Suggestion"), self.content)
        rf.addRow(self.tr("Name"), self.name)
        rf.addRow(self.tr("Phone"), self.phone)
        rf.addRow(self.reply)
        rf.addRow(self.consent)
        rf.addRow(self.row_error)
        rf.addRow(self.save_button)
        self.row_box = row
        left = QVBoxLayout()
        left.addWidget(shared)
        actions = QGroupBox(self.tr("Receipts and sign-in sheet"))
        av = QGridLayout(actions)
        buttons = (self.print_button, self.pdf_button, self.sheet_button,
                   self.questionnaire_button, self.new_button)  # fmt: skip
        for n, b in enumerate(buttons):
            av.addWidget(b, n // 2, n % 2)
        self._action_grid, self._action_buttons = av, buttons
        left.addWidget(actions)
        earlier = QGroupBox(self.tr("Continue an earlier session"))
        ev = QHBoxLayout(earlier)
        ev.addWidget(self.earlier, 1)
        ev.addWidget(self.continue_button)
        left.addWidget(earlier)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.header)
        right.addWidget(row)
        right.addWidget(self.status)  # "saved: receipt number …" under the row just saved
        right.addWidget(self.table, 1)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        follow_font(self.table, self._size_columns)

    def fit_width(self, room: int) -> None:
        """The paper buttons two to a row, or one per row where two side by side would make
        the page wider than `room` (English at 150% on a 1366 px screen): the main window
        asks, a page never scrolls sideways."""
        for per_row in (2, 1):
            for n, b in enumerate(self._action_buttons):
                self._action_grid.removeWidget(b)
                self._action_grid.addWidget(b, n // per_row, n % per_row)
            self.layout().activate()
            if self.minimumSizeHint().width() <= room:
                break

    def _size_columns(self) -> None:
        """The receipt number whole (it is what the speaker quotes), the title next."""
        fm = self.table.fontMetrics()
        self.table.setColumnWidth(0, fm.horizontalAdvance("PT-CSL01-20261125-0000") + 16)
        self.table.setColumnWidth(1, fm.horizontalAdvance("中") * 10 + 16)

    # lists ----------------------------------------------------------------------------------
    def _load_lists(self) -> None:
        station = self.ctx.station

        def load() -> tuple[list[Category], StationInfo | None, list[Campaign], list[SessionInfo]]:
            return (
                categories(station),
                station_info(station),
                active_campaigns(station),
                list_sessions(station, limit=30),
            )

        QueryOp(self, op=load, success=self._lists_loaded).run_in_background()

    def _lists_loaded(
        self,
        result: tuple[list[Category], StationInfo | None, list[Campaign], list[SessionInfo]],
    ) -> None:
        cats, self.info, campaigns, sessions = result
        self.category.set_categories(cats, english=current_language() == "en")
        for c in campaigns:
            self.campaign.addItem(c.title, c.code)
        self._fill_earlier(sessions)
        self.ready = True
        if self._pending_draft is not None:  # offered back before the lists had loaded
            self._load_pending_draft()

    def _fill_earlier(self, sessions: list[SessionInfo]) -> None:
        self.earlier.clear()
        for info in sessions:
            self.earlier.addItem(f"{info.held_at[:10]} {info.topic}", info.id)
        self.continue_button.setEnabled(bool(sessions))

    def continue_chosen(self) -> None:
        sid = self.earlier.currentData()
        if sid is None:
            return
        station = self.ctx.station

        def load() -> tuple[SessionInfo, list[SpeakerReceipt]]:
            return get_session(station, sid), session_receipts(station, sid)

        QueryOp(self, op=load, success=self._continue).run_in_background()

    def load_draft(self, session_id: int, uuid: str, form: SuggestionForm) -> None:
        """Reopen `session_id` with a speaker's row as it was typed (offered back at login)."""
        self._pending_draft = (session_id, uuid, form)
        if self.ready:  # else when the categories and campaigns have loaded
            self._load_pending_draft()

    def _load_pending_draft(self) -> None:
        assert self._pending_draft is not None
        station, session_id = self.ctx.station, self._pending_draft[0]

        def load() -> tuple[SessionInfo, list[SpeakerReceipt]]:
            return get_session(station, session_id), session_receipts(station, session_id)

        QueryOp(self, op=load, success=self._continue).run_in_background()

    def _continue(self, result: tuple[SessionInfo, list[SpeakerReceipt]]) -> None:
        info, receipts = result
        self.table.setRowCount(0)
        for r in receipts:
            n = self.table.rowCount()
            self.table.insertRow(n)
            self.table.setItem(n, 0, QTableWidgetItem(r.receipt_no))
            self.table.setItem(n, 1, QTableWidgetItem(r.title))
        for w, value in ((self.topic, info.topic), (self.place, info.place),
                         (self.host, info.host), (self.officials, info.officials),
                         (self.attendees, str(info.attendees)),
                         (self.held_at, info.held_at[:16].replace("T", " "))):  # fmt: skip
            w.setText(value)
        self.campaign.setCurrentIndex(max(self.campaign.findData(info.campaign_code), 0))
        self._clear_row()
        self.show_session(info)
        self.category.setFocus()
        if self._pending_draft is not None and self._pending_draft[0] == info.id:
            (_sid, uuid, form), self._pending_draft = self._pending_draft, None
            self._fill_row(form)
            self.draft_uuid = uuid
            self.status.setText(self.tr("Draft restored"))

    # the session -------------------------------------------------------------------------------
    def _set_started(self, started: bool) -> None:
        for w in (self.topic, self.held_at, self.place, self.host, self.officials,
                  self.attendees, self.campaign, self.start_button):  # fmt: skip
            w.setEnabled(not started)
        self.row_box.setEnabled(started)
        for b in (self.print_button, self.pdf_button, self.sheet_button):
            b.setEnabled(started)
        has_campaign = started and self.session is not None and bool(self.session.campaign_code)
        self.questionnaire_button.setEnabled(has_campaign)

    def session_form(self) -> SessionForm:
        return SessionForm(
            topic=self.topic.text(),
            held_at=self.held_at.text(),
            place=self.place.text(),
            host=self.host.text(),
            officials=self.officials.text(),
            attendees=self.attendees.text(),
            campaign_code=self.campaign.currentData() or "",
        )

    def start(self) -> None:
        if self.session is not None or not self.start_button.isEnabled():
            return
        for label in self.errors.values():
            label.show_message("")
        station, actor, form = self.ctx.station, self.ctx.require_operator(), self.session_form()
        WriteOp(self, op=lambda: record_session(station, actor, form), success=self._started,
                changes=Change.SUGGESTIONS, notifier=self.ctx.notifier)\
            .failure(self._start_failed).run_in_background()  # fmt: skip

    def _started(self, info: SessionInfo) -> None:
        self.show_session(info)
        self.earlier.insertItem(0, f"{info.held_at[:10]} {info.topic}", info.id)
        self.continue_button.setEnabled(True)
        self.category.setFocus()
        self.session_started.emit(info)

    def show_session(self, info: SessionInfo) -> None:
        self.session = info
        self._set_started(True)
        self.header.setText(
            self.tr("%1 · %2 · %3 · %4 residents · %5 speakers recorded")
            .replace("%1", info.topic)
            .replace("%2", info.held_at[:16].replace("T", " "))
            .replace("%3", info.place)
            .replace("%4", str(info.attendees))
            .replace("%5", str(info.speakers))
        )

    def _start_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        messages = exc.field_messages()
        first = None
        for key, label in self.errors.items():
            if messages.get(key):
                label.show_message(messages[key])
                first = first or key
        widgets = {"topic": self.topic, "held_at": self.held_at, "place": self.place,
                   "host": self.host, "officials": self.officials,
                   "attendees": self.attendees, "campaign_code": self.campaign}  # fmt: skip
        if first:
            widgets[first].setFocus()

    def new_session(self) -> None:
        self.autosaver.flush()  # the row being typed stays a draft of the session it was for
        self.session = None
        self.table.setRowCount(0)
        for w in (self.topic, self.place, self.host, self.officials, self.attendees):
            w.clear()
        self.held_at.setText(self.ctx.station.clock.now().strftime("%Y-%m-%d %H:%M"))
        self.header.setText(self.tr("Type what the session shares, then each speaker."))
        self.status.clear()
        self._clear_row()
        self._set_started(False)
        self.topic.setFocus()

    # a speaker's row -----------------------------------------------------------------------------
    def _after_name(self) -> None:
        if self.name.text().strip():
            self.phone.setFocus()
        else:
            self.save_row()

    def _row_changed(self) -> None:
        if self._filling or self.session is None:
            return
        if self.draft_uuid is None:
            self.draft_uuid = start_draft()  # the speaker's suggestion's uuid from now on
        self.autosaver.changed()

    def _draft_job(self) -> Callable[[], None] | None:
        if self.draft_uuid is None or self.session is None:
            return None
        station, actor = self.ctx.station, self.ctx.require_operator()
        uuid, sid, form = self.draft_uuid, self.session.id, self.row_form()
        if not (form.title.strip() or form.content.strip() or not form.suggester.is_empty()):
            return lambda: discard_draft(station, actor, uuid)  # typed and then cleared
        return lambda: save_draft(station, actor, uuid, form, session_id=sid)

    def flush_draft(self) -> None:
        """Save the row's draft now and wait (before logout or closing)."""
        self.autosaver.flush()
        self.autosaver.wait_idle()

    def _fill_row(self, form: SuggestionForm) -> None:
        self._filling = True
        try:
            index = self.category.findData(form.category_code)
            if index >= 0:
                self.category.setCurrentIndex(index)
            self.title.setText(form.title)
            self.content.setText(form.content)
            self.name.setText(form.suggester.name)
            self.phone.setText(form.suggester.phone)
            self.reply.setChecked(form.suggester.wants_feedback)
            self.consent.setChecked(form.suggester.consent_given)
        finally:
            self._filling = False

    def row_form(self) -> SuggestionForm:
        wants = self.reply.isChecked()
        return SuggestionForm(
            category_code=self.category.currentData() or "",
            title=self.title.text(),
            content=self.content.text(),
            suggester=SuggesterForm(
                name=self.name.text(),
                phone=self.phone.text(),
                wants_feedback=wants,
                feedback_method=FeedbackMethod.PHONE if wants else FeedbackMethod.NONE,
                consent_given=self.consent.isChecked(),
            ),
        )

    def save_row(self) -> None:
        if self.session is None or self.saving:
            return
        self.saving = True
        self.row_error.show_message("")
        station, actor = self.ctx.station, self.ctx.require_operator()
        sid, form, uuid = self.session.id, self.row_form(), self.draft_uuid
        self.autosaver.cancel()
        # on the autosave's serial pool: a draft save still running finishes first, and the
        # saved row takes the draft's uuid (its draft goes in the same transaction)
        WriteOp(self, op=lambda: record_speaker(station, actor, sid, form, uuid=uuid),
                success=lambda rec: self._row_saved(rec, form),
                changes=Change.SUGGESTIONS, notifier=self.ctx.notifier)\
            .failure(self._row_failed).run_in_background(self.autosaver.pool)  # fmt: skip

    def _row_saved(self, rec: Recorded, form: SuggestionForm) -> None:
        self.saving = False
        n = self.table.rowCount()
        self.table.insertRow(n)
        name = mask_name(form.suggester.name.strip()) if form.suggester.name.strip() else ""
        for col, text in enumerate((rec.receipt_no, form.title.strip(), name)):
            self.table.setItem(n, col, QTableWidgetItem(text))
        self.table.scrollToBottom()
        self.status.setText(self.tr("Saved: receipt number %1").replace("%1", rec.receipt_no))
        self.autosaver.cancel()  # its uuid is the saved suggestion's now: no draft under it
        self.draft_uuid = None
        self._clear_row()
        self.category.setFocus()
        if self.session is not None:
            info = self.session
            self.show_session(dataclasses.replace(info, speakers=info.speakers + 1))
        self.speaker_saved.emit(rec)

    def _row_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.autosaver.changed()  # the row stays; so does its draft
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        messages = exc.field_messages()
        self.row_error.show_message("\n".join(m for m in messages.values() if m))
        widgets = {"category_code": self.category, "title": self.title, "content": self.content,
                   "name": self.name, "phone": self.phone, "feedback_method": self.reply,
                   "consent": self.consent}  # fmt: skip
        for key, widget in widgets.items():
            if key in messages:
                widget.setFocus()
                break

    def _clear_row(self) -> None:
        """An empty row for the next speaker (a draft of the row, if any, is left in the
        database: it is offered back at the next login)."""
        self.autosaver.flush()
        self.draft_uuid = None
        self._filling = True
        try:
            for w in (self.title, self.content, self.name, self.phone):
                w.clear()
            self.reply.setChecked(False)
            self.consent.setChecked(False)
        finally:
            self._filling = False
        self.row_error.show_message("")
