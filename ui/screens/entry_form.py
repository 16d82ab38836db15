"""登记建议: the keyboard-first entry form. Autosaves a draft while typing; Ctrl+S records the
suggestion through the service and shows the receipt; Esc asks before discarding; F6 goes to
the similar suggestions (Ctrl+L stays the window's log out)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Channel
from station_app.errors import ValidationError
from station_app.i18n import current_language
from station_app.i18n import tr as catalogue
from station_app.services.campaigns import Campaign, all_campaigns, get_campaign
from station_app.services.drafts import discard_draft, save_draft, start_draft
from station_app.services.forms import SuggestionForm
from station_app.services.setup import StationInfo, categories, station_info
from station_app.services.suggestions import Recorded, record_suggestion
from station_app.store.models import Category
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.theme import UiSettings, follow_font
from ui.widgets.ask import ask
from ui.widgets.autosave import DraftAutosaver
from ui.widgets.campaign_questions import CampaignQuestions
from ui.widgets.category_box import CategoryBox
from ui.widgets.fields import ContentEdit, ErrorLabel, enter_advances, with_error
from ui.widgets.similar_panel import SimilarPanel
from ui.widgets.suggester_box import SuggesterBox

# the order fields are checked and focused in: the first bad one gets the cursor
FOCUS_SIMILAR_KEY = "F6"

# each field's name in the message catalogue, for the save row's list of what to correct
FIELD_LABELS = {
    "channel": "label.channel",
    "campaign_code": "label.campaign",
    "category_code": "label.category",
    "title": "label.title",
    "content": "label.content",
    "location": "label.location",
    "anonymous": "label.anonymous",
    "name": "label.name",
    "phone": "label.phone",
    "address": "label.address",
    "feedback_method": "label.feedback_method",
    "consent": "label.consent",
}

FIELD_ORDER = (
    "channel",
    "campaign_code",
    "category_code",
    "title",
    "content",
    "location",
    "anonymous",
    "name",
    "phone",
    "address",
    "feedback_method",
    "consent",
)


class EntryForm(QWidget):
    saved = Signal(object)  # Recorded
    draft_saved = Signal(str)  # uuid

    def __init__(
        self, ctx: AppContext, settings: UiSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings or UiSettings()
        self.info: StationInfo | None = None
        self.draft_uuid: str | None = None
        self._loading = False
        self._pending: SuggestionForm | None = None
        self._pending_campaign: str | None = None
        self.ready = False
        # tests replace this to answer the "discard?" question without a modal box
        self.confirm: Callable[[str], bool] = self._ask
        self.show_receipt = True
        self.last_receipt: QWidget | None = None
        self._saving_form = SuggestionForm()

        self.channel = QComboBox()
        for ch, text in (
            (Channel.FACE_TO_FACE, self.tr("Face to face")),
            (Channel.PHONE, self.tr("Phone")),
            (Channel.OTHER, self.tr("Other")),
        ):
            self.channel.addItem(text, str(ch))
        self.campaign = QComboBox()
        self.campaign.addItem(self.tr("(none)"), "")
        self.campaigns: dict[str, Campaign] = {}
        self.campaign_box = CampaignQuestions()
        self.similar_panel = SimilarPanel(ctx.station, ctx.require_operator)
        self.category = CategoryBox()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short title, e.g. 小区停车难"))
        self.content = ContentEdit()
        self.content.setPlaceholderText(
            self.tr("What the suggester says (Tab or Ctrl+Enter goes to the next field)")
        )
        self.location = QLineEdit()
        self.suggester = SuggesterBox()
        self.errors = {
            k: ErrorLabel()
            for k in ("channel", "campaign_code", "category_code", "title", "content", "location")
        }
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.clear_button = QPushButton(self.tr("Discard (Esc)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.ask_discard)
        self._build_layout()

        enter_advances(
            self,
            self.channel,
            self.campaign,
            self.category,
            self.title,
            self.location,
            *self.suggester.focus_chain(),
        )
        self._apply_tab_order()
        ctx_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=ctx_)
        # not Ctrl+L: that is log out (Help), and two owners of one key made both dead here
        QShortcut(QKeySequence(FOCUS_SIMILAR_KEY), self, self.focus_similar, context=ctx_)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.ask_discard, context=ctx_)

        self.autosaver = DraftAutosaver(self._draft_job, self)
        self.autosaver.saved.connect(lambda: self.draft_saved.emit(self.draft_uuid or ""))
        self.autosaver.saved.connect(self._draft_saved)
        self._problems_shown = False  # "please correct…" stays until the next save
        for w in (self.title, self.location):
            w.textChanged.connect(self._changed)
        self.content.textChanged.connect(self._changed)
        for combo in (self.channel, self.campaign, self.category):
            combo.currentIndexChanged.connect(self._changed)
        self.suggester.changed.connect(self._changed)
        self.campaign.currentIndexChanged.connect(self._campaign_chosen)
        self.ctx.notifier.subscribe(self, Change.SYNC, self._refresh_campaigns)
        self.campaign_box.changed.connect(self._changed)
        self.similar_panel.links_changed.connect(self._changed)
        self.similar_panel.updated.connect(self._apply_tab_order)
        for w in (self.title, self.content):
            w.textChanged.connect(self._text_changed)
        self._load_lists()

    # layout -------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        main = QGroupBox(self.tr("Suggestion"))
        form = QFormLayout(main)
        form.addRow(self.tr("Channel"), with_error(self.channel, self.errors["channel"]))
        form.addRow(self.tr("Campaign"), with_error(self.campaign, self.errors["campaign_code"]))
        form.addRow(self.campaign_box)
        form.addRow(self.tr("Category"), with_error(self.category, self.errors["category_code"]))
        form.addRow(self.tr("Title"), with_error(self.title, self.errors["title"]))
        form.addRow(self.tr("Content"), with_error(self.content, self.errors["content"]))
        form.addRow(self.tr("Location"), with_error(self.location, self.errors["location"]))
        self.location.setPlaceholderText(self.tr("Where the issue is, e.g. 长寿路 100 弄门口"))
        # a long text scrolls in its box, so the location below it stays above the fold
        follow_font(self.content, self._cap_content)
        columns = QHBoxLayout()
        columns.addWidget(main, 3, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.suggester)
        side.addWidget(self.similar_panel, 1)
        columns.addLayout(side, 2)
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.addLayout(columns)
        # the save row stays in view below the scrolling form (large fonts, small screens)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(9, 0, 9, 6)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    def _cap_content(self) -> None:
        self.content.setMaximumHeight(self.content.fontMetrics().lineSpacing() * 7 + 12)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.channel,
            self.campaign,
            *self.campaign_box.focus_chain(),
            self.category,
            self.title,
            self.content,
            self.location,
            *self.suggester.focus_chain(),
            self.save_button,
            *self.similar_panel.focus_chain(),  # also reached with F6
        ]

    def _apply_tab_order(self) -> None:
        """Tab follows the screen (again after a campaign's questions or the hits change)."""
        chain = self.focus_chain()
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def focus_similar(self) -> None:
        buttons = self.similar_panel.focus_chain()
        if buttons:
            buttons[0].setFocus()

    def field_widget(self, key: str) -> QWidget | None:
        own = {
            "channel": self.channel,
            "campaign_code": self.campaign,
            "category_code": self.category,
            "title": self.title,
            "content": self.content,
            "location": self.location,
        }
        return (
            own.get(key) or self.campaign_box.field_widget(key) or self.suggester.field_widget(key)
        )

    # data ---------------------------------------------------------------------------------
    def _load_lists(self) -> None:
        station = self.ctx.station

        def load() -> tuple[list[Category], StationInfo | None, list[Campaign]]:
            return categories(station), station_info(station), all_campaigns(station)

        QueryOp(self, op=load, success=self._lists_loaded).run_in_background()

    def _lists_loaded(
        self, result: tuple[list[Category], StationInfo | None, list[Campaign]]
    ) -> None:
        cats, self.info, campaigns = result
        self._loading = True
        self.category.set_categories(cats, english=current_language() == "en")
        self._campaigns_refreshed(campaigns)  # ends the loading
        self.ready = True
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.set_form(pending)
        if self._pending_campaign is not None:
            code, self._pending_campaign = self._pending_campaign, None
            self.choose_campaign(code)

    def _refresh_campaigns(self) -> None:
        """HQ may have sent new or changed campaigns."""
        if self.ready:
            station = self.ctx.station
            QueryOp(
                self, op=lambda: all_campaigns(station), success=self._campaigns_refreshed
            ).run_in_background()

    def _campaigns_refreshed(self, campaigns: list[Campaign]) -> None:
        """Active campaigns join the list (an ended one is added only for a draft that has
        it); titles follow HQ's; what is chosen stays chosen."""
        today = self.ctx.station.clock.now().date()
        self.campaigns.update({c.code: c for c in campaigns})
        self._loading = True
        for c in campaigns:
            at = self.campaign.findData(c.code)
            if at < 0 and c.is_active(today):
                self.campaign.addItem(c.title, c.code)
            elif at >= 0:
                self.campaign.setItemText(at, c.title)
        self._loading = False

    def to_form(self) -> SuggestionForm:
        return SuggestionForm(
            channel=self.channel.currentData(),
            campaign_code=self.campaign.currentData() or "",
            campaign_answers=self.campaign_box.answers() if self.campaign.currentData() else {},
            category_code=self.category.currentData() or "",
            title=self.title.text(),
            content=self.content.toPlainText(),
            location=self.location.text(),
            suggester=self.suggester.to_form(),
            links=self.similar_panel.chosen_links(),
        )

    def set_form(self, form: SuggestionForm) -> None:
        if not self.ready:
            self._pending = form
            return
        self._loading = True
        try:
            code = form.campaign_code or ""
            if code and self.campaign.findData(code) < 0 and code in self.campaigns:
                self.campaign.addItem(self.campaigns[code].title, code)
            for combo, value in (
                (self.channel, form.channel),
                (self.campaign, form.campaign_code),
                (self.category, form.category_code),
            ):
                combo.setCurrentIndex(max(combo.findData(value or ""), 0))
            self.title.setText(form.title)
            self.content.setPlainText(form.content)
            self.location.setText(form.location)
            self.suggester.set_form(form.suggester)
            self.campaign_box.set_answers(form.campaign_answers or {})
            self.similar_panel.set_chosen(list(form.links))
        finally:
            self._loading = False
        self._text_changed()

    def load_draft(self, uuid: str, form: SuggestionForm) -> None:
        """Continue an unfinished draft (offered back after login)."""
        self.autosaver.cancel()
        self.draft_uuid = uuid
        self.set_form(form)
        self.status.setText(self.tr("Draft restored"))

    def clear(self) -> None:
        self.autosaver.cancel()
        self.draft_uuid = None
        self.set_form(SuggestionForm())
        self.similar_panel.reset()
        self._clear_errors()
        self.status.setText("")
        self.channel.setFocus()

    # campaign and similar suggestions ---------------------------------------------------------
    def _campaign_chosen(self) -> None:
        """Show the chosen campaign's guidance and questions (answers start empty)."""
        code = self.campaign.currentData() or ""
        campaign = self.campaigns.get(code)
        if campaign is not self.campaign_box.campaign:
            self.campaign_box.set_campaign(campaign)
            widgets = self.campaign_box.focus_chain()
            enter_advances(self, *widgets)
            self._apply_tab_order()

    def choose_campaign(self, code: str) -> None:
        """Select campaign `code` in the form (from the campaigns screen), its questions next.

        A campaign that arrived with a sync after the form read its lists is read now."""
        if not self.ready:
            self._pending_campaign = code
            return
        if code in self.campaigns:
            self._select_campaign(self.campaigns[code])
            return
        station = self.ctx.station

        def found(campaign: Campaign | None) -> None:
            if campaign is not None:
                self.campaigns[campaign.code] = campaign
                self._select_campaign(campaign)

        QueryOp(self, op=lambda: get_campaign(station, code), success=found).run_in_background()

    def _select_campaign(self, campaign: Campaign) -> None:
        if self.campaign.findData(campaign.code) < 0:
            self.campaign.addItem(campaign.title, campaign.code)
        self.campaign.setCurrentIndex(self.campaign.findData(campaign.code))
        first = self.campaign_box.focus_chain()
        (first[0] if first else self.category).setFocus()

    def _text_changed(self) -> None:
        if self._loading:
            return
        self.similar_panel.request(
            self.title.text(), self.content.toPlainText(), exclude_uuid=self.draft_uuid
        )

    # autosave -----------------------------------------------------------------------------
    def _changed(self) -> None:
        if self._loading:
            return
        if self.draft_uuid is None:
            self.draft_uuid = start_draft()  # the suggestion's uuid from its first keystroke
        self.autosaver.changed()

    def _draft_job(self) -> Callable[[], None] | None:
        if self.draft_uuid is None:
            return None
        station, actor = self.ctx.station, self.ctx.require_operator()
        uuid, form = self.draft_uuid, self.to_form()
        return lambda: save_draft(station, actor, uuid, form)

    # save and discard ---------------------------------------------------------------------
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._clear_errors()  # the service checks every field and reports all problems at once
        station, actor = self.ctx.station, self.ctx.require_operator()
        form, uuid = self.to_form(), self.draft_uuid
        self.autosaver.cancel()
        self._saving_form = form
        self.save_button.setEnabled(False)
        # on the autosave's serial pool: a draft save still running finishes first
        WriteOp(
            self,
            op=lambda: record_suggestion(station, actor, form, uuid=uuid),
            success=self._saved,
            changes=Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(self._save_failed).with_progress(self.tr("Saving…")).run_in_background(
            self.autosaver.pool
        )

    def _saved(self, rec: Recorded) -> None:
        self.save_button.setEnabled(True)
        form = self._saving_form
        self.clear()
        self.status.setText(self.tr("Saved: receipt number %1").replace("%1", rec.receipt_no))
        self.saved.emit(rec)
        if self.show_receipt:
            from ui.printing.receipt_dialog import ReceiptDialog

            dialog = ReceiptDialog(self.receipt_data(rec, form), self)
            dialog.new_suggestion.connect(self.clear)
            dialog.open()
            self.last_receipt = dialog

    def receipt_data(self, rec: Recorded, form: SuggestionForm):  # noqa: ANN201
        from ui.printing.receipt import ReceiptData

        return ReceiptData.build(
            rec, form, self.info, self.ctx.require_operator().name, self.settings
        )

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_problems(exc.field_messages())
            self._changed()  # keep the draft current
        else:
            show_error(self, exc)

    def show_problems(self, messages: dict[str, str]) -> None:
        for key, text in messages.items():
            label = self.errors.get(key) or self.suggester.errors.get(key)
            if label is not None and text:
                label.show_message(text)
        answers = self.campaign_box.show_problems(messages)
        order = list(FIELD_ORDER)
        at = order.index("campaign_code") + 1
        order[at:at] = answers
        bad = [k for k in order if k in messages]
        if bad and (widget := self.field_widget(bad[0])) is not None:
            widget.setFocus()
        # named on the save row too: a message under a tall field may be out of view
        names = [catalogue(FIELD_LABELS[k]) for k in bad if k in FIELD_LABELS]
        text = self.tr("Please correct the fields marked in red.")
        if names:
            text = self.tr("Please correct the fields marked in red: %1").replace(
                "%1", self.tr(", ").join(names)
            )
        self.status.setText(text)
        self._problems_shown = True

    def _draft_saved(self) -> None:
        if not self._problems_shown:
            self.status.setText(self.tr("Draft saved"))

    def _clear_errors(self) -> None:
        self._problems_shown = False
        for label in self.errors.values():
            label.show_message("")
        self.campaign_box.clear_errors()
        self.suggester.clear_errors()

    def ask_discard(self) -> None:
        if self.draft_uuid is None and not self.title.text() and not self.content.toPlainText():
            self.clear()
            return
        if not self.confirm(self.tr("Discard this suggestion? What was typed will be lost.")):
            return
        uuid = self.draft_uuid
        self.clear()
        if uuid:
            station, actor = self.ctx.station, self.ctx.require_operator()
            WriteOp(
                self, op=lambda: discard_draft(station, actor, uuid), changes=Change.NONE
            ).run_in_background(self.autosaver.pool)

    def _ask(self, question: str) -> bool:
        return ask(self, self.tr("Discard"), question, self.tr("Discard"), self.tr("Keep typing"))

    def flush_draft(self) -> None:
        """Save the draft now and wait (before logout or closing)."""
        self.autosaver.flush()
        self.autosaver.wait_idle()
