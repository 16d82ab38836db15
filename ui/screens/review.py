"""Reviewing one postbox letter: the scanned page on the left, what OCR read on the right.

The reviewer corrects the recognised text (words OCR was unsure of are marked yellow; a mark
goes away once that spot is edited), picks a category, writes a title and location, and
checks the suggester's details. What the app found in the letter (name, phone, address) is
filled in already and tinted blue until the reviewer touches it, with a line saying so; the
date written on the letter is shown beside the title. For a letter, consent means "the letter
says the contact details may be used", which the reviewer ticks after reading it; without it
the details cannot be kept. Ctrl+Enter confirms: only then is the letter a recorded
suggestion (channel postbox), and the next pending letter of the collection opens.

The confirm and "not a suggestion" buttons sit under both halves, always in sight.
Keyboard: Tab goes text → category → title → location → suggester → Confirm → the page;
Ctrl++ / Ctrl+- / Ctrl+0 / Ctrl+9 zoom, Ctrl+[ / Ctrl+] turn the page, Ctrl+R reads the page
again turned as shown (under the page: which way the app turned it), Ctrl+PgUp / Ctrl+PgDn
change page, Ctrl+Enter confirms, Ctrl+D "not a suggestion". The title is proposed from the
letter's heading, tinted like the other fields filled in from the letter.

It is a dialog opened from the postbox screen (`ReviewDialog`), because a review is always
of one letter of one collection; `ReviewScreen` is the widget inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.domain import Channel
from station_app.errors import ValidationError
from station_app.i18n import current_language
from station_app.postbox.collections import get_collection, letters
from station_app.postbox.imports import PageRef, page_image
from station_app.postbox.review import ReviewItem, confirm_letter, review_item
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.setup import categories
from station_app.services.suggestions import Recorded
from station_app.store.models import Category
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.screens.entry_form import FIELD_ORDER
from ui.screens.review_form import FormFieldsBox, apply_category, apply_form, category_names
from ui.screens.review_turn import PageTurnBar
from ui.widgets.ask import ask
from ui.widgets.category_box import CategoryBox
from ui.widgets.fields import ErrorLabel, enter_advances, with_error
from ui.widgets.page_viewer import PageViewer
from ui.widgets.suggester_box import SuggesterBox

LOW_CONFIDENCE = QColor("#fff176")
# a field the app filled in from the letter, until the reviewer edits it
PROPOSED_STYLE = "QLineEdit { background: #e3f2fd; }"


class ReviewScreen(QWidget):
    """One letter at a time. `confirmed(Recorded)` after each confirm; `all_done` when the
    collection has no pending letter with pages left."""

    confirmed = Signal(object)
    all_done = Signal()
    letter_loaded = Signal(object)  # ReviewItem

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item: ReviewItem | None = None
        self.letter_id: int | None = None
        self.collection_id: int | None = None
        self.ready = False
        self._loading = False
        self._as_loaded: tuple[Any, ...] = ()
        self._note = ""
        self.not_dialog: QDialog | None = None
        self.last_note = ""  # the last thing done (recorded / not a suggestion), for the caller
        self.highlights: list[QTextEdit.ExtraSelection] = []
        self.filled: dict[str, QLineEdit] = {}  # fields filled in from the letter

        self.page_tabs = QTabBar()
        self.page_tabs.setAccessibleName(self.tr("Pages of the letter"))
        self.page_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+PgUp / Ctrl+PgDn
        self.viewer = PageViewer(self, shortcut_scope=self, fit="width")
        self.turn_bar = PageTurnBar(
            ctx, self.viewer, self, shortcut_scope=self, allowed=self._may_reread
        )
        self._page_after_load = 0
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Recognised text"))
        self.text_label = QLabel(self.tr("&Recognised text (the suggestion's content)"))
        self.text_label.setBuddy(self.text)
        self.text_hint = QLabel()
        self.text_hint.setProperty("role", "hint")
        self.text_hint.setWordWrap(True)

        self.category = CategoryBox()  # business order, type-ahead (dt, 电梯) as on the form
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short title, e.g. 小区停车难"))
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Where the issue is, e.g. 长寿路 100 弄门口"))
        self.letter_date = QLabel()
        self.letter_date.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = {k: ErrorLabel() for k in ("category_code", "title", "content", "location")}
        self.suggester = SuggesterBox()
        self.suggester.anonymous.setText(self.tr("Anonymous letter (no name or contact details)"))
        self.suggester.consent.setText(
            self.tr("The letter says its contact details may be used (check before ticking)")
        )
        self.suggester.notice.hide()
        self.filled_hint = QLabel()
        self.filled_hint.setWordWrap(True)
        self.filled_hint.setStyleSheet("QLabel { background: #e3f2fd; padding: 4px; }")
        self.filled_hint.hide()
        self.form_box = FormFieldsBox()  # a paper form's fields as read (hidden otherwise)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.not_button = QPushButton(self.tr("Not a suggestion… (Ctrl+D)"))
        self.not_button.setAutoDefault(False)
        self.confirm_button = QPushButton(self.tr("Confirm and record (Ctrl+Enter)"))
        self.confirm_button.setAutoDefault(False)
        font = self.confirm_button.font()
        font.setBold(True)
        self.confirm_button.setFont(font)
        self._build_layout()

        enter_advances(
            self, self.category, self.title, self.location, *self.suggester.focus_chain()
        )
        self.location.installEventFilter(self)  # after enter_advances: asked first
        chain = [
            self.text,
            self.category,
            self.title,
            self.location,
            *self.suggester.focus_chain(),
            self.confirm_button,
            self.not_button,
            self.viewer.view,
            *self.viewer.buttons(),
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.page_tabs.currentChanged.connect(self._show_page)
        self.text.document().contentsChange.connect(self._text_edited)
        self.confirm_button.clicked.connect(self.confirm)
        self.not_button.clicked.connect(self.not_a_suggestion)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm, context=context)
        QShortcut(QKeySequence("Ctrl+D"), self, self.not_a_suggestion, context=context)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.turn_page(1), context=context)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.turn_page(-1), context=context)
        for field in (
            self.title,
            self.suggester.name,
            self.suggester.phone,
            self.suggester.address,
        ):
            field.textEdited.connect(lambda _t, f=field: self._unmark(f))
        self.turn_bar.reread.connect(self._page_reread)
        self._load_categories()

    def _build_layout(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.page_tabs)
        ll.addWidget(self.viewer, 1)
        ll.addWidget(self.turn_bar)

        fields = QGroupBox(self.tr("Suggestion"))
        form = QFormLayout(fields)
        form.addRow(self.tr("Category"), with_error(self.category, self.errors["category_code"]))
        form.addRow(self.tr("Title"), with_error(self.title, self.errors["title"]))
        form.addRow(self.tr("Location"), with_error(self.location, self.errors["location"]))
        form.addRow(self.tr("Date on the letter"), self.letter_date)
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.setContentsMargins(0, 0, 6, 0)
        il.addWidget(self.text_label)
        il.addWidget(self.text, 3)
        il.addWidget(self.text_hint)
        il.addWidget(self.errors["content"])
        il.addWidget(fields)
        il.addWidget(self.filled_hint)
        il.addWidget(self.form_box)
        il.addWidget(self.suggester)
        # eight whole lines at least; a taller window gives the text the rest
        edge = self.text.frameWidth() + self.text.document().documentMargin()
        self.text.setMinimumHeight(round(self.fontMetrics().lineSpacing() * 8 + 2 * edge + 2))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(inner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.not_button)
        buttons.addWidget(self.confirm_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.splitter, 1)
        lay.addLayout(buttons)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        # the page and the text get half each (the splitter would favour the form's width)
        QTimer.singleShot(0, self._halve)

    def _halve(self) -> None:
        total = sum(self.splitter.sizes())
        if total > 0:
            self.splitter.setSizes([total // 2, total - total // 2])

    def _load_categories(self) -> None:
        station = self.ctx.station
        QueryOp(
            self, op=lambda: categories(station), success=self._categories_loaded
        ).run_in_background()

    def _categories_loaded(self, cats: list[Category]) -> None:
        self.category.set_categories(cats, english=current_language() == "en")
        # a paper form loaded before the list: its ticked category now, unless already edited
        if self.item is not None and self.item.form is not None and not self.is_edited():
            self.form_box.category_names = category_names(self.category)
            self.form_box.show_form(self.item.form)
            if apply_category(self, self.item.proposed):
                self._as_loaded = self._state()

    # loading a letter -----------------------------------------------------------------------
    def open_letter(self, letter_id: int, note: str = "") -> None:
        """Load the letter; `note` (what just happened) stays in the status line."""
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.ready = False
        self.confirm_button.setEnabled(False)
        self.status.setText(self.tr("Loading the letter…"))
        self._note = note

        def load() -> tuple[ReviewItem, Any]:
            item = review_item(station, actor, letter_id)
            return item, get_collection(station, actor, item.letter.collection_id)

        QueryOp(self, op=load, success=self._loaded).failure(
            lambda exc: (show_error(self, exc), self._say(""))
        ).run_in_background()

    def _loaded(self, result: tuple[ReviewItem, Any]) -> None:
        item, collection = result
        self.item = item
        self.letter_id = item.letter.id
        self.collection_id = item.letter.collection_id
        self._loading = True
        try:
            self.heading.setText(
                self.tr("Letter %1 of postbox %2, opened %3")
                .replace("%1", str(item.letter.seq))
                .replace("%2", collection.postbox_code)
                .replace("%3", collection.opened_at[:16].replace("T", " "))
            )
            self.text.setPlainText(item.text)
            self._mark_low_confidence(item.low_confidence)
            self.category.setCurrentIndex(0)
            self.title.clear()
            self.location.clear()
            self._clear_errors()
            self._fill_proposals(item.proposed)
            self.form_box.category_names = category_names(self.category)
            self.form_box.show_form(item.form)
            apply_form(self, item.form, item.proposed)
            while self.page_tabs.count():
                self.page_tabs.removeTab(0)
            for i, _page in enumerate(item.pages):
                self.page_tabs.addTab(self.tr("Page %1").replace("%1", str(i + 1)))
            self.page_tabs.setVisible(len(item.pages) > 1)
        finally:
            self._loading = False
        self._as_loaded = self._state()
        index, self._page_after_load = self._page_after_load, 0
        if 0 < index < self.page_tabs.count():
            self.page_tabs.setCurrentIndex(index)
        self._show_page(index if 0 <= index < len(item.pages) else 0)
        self._say(self._note)
        self.confirm_button.setEnabled(True)
        self.ready = True
        self.text.setFocus()
        self.letter_loaded.emit(item)

    def _may_reread(self) -> bool:
        """Reading a page again reloads the letter's text: corrections would be lost."""
        return self.ready and (not self.is_edited() or self.confirm_reread())

    def confirm_reread(self) -> bool:
        return ask(
            self,
            self.tr("Read again"),
            self.tr(
                "Reading the page again replaces the letter's text: your corrections to it "
                "will be lost."
            ),
            self.tr("Read again"),
            self.tr("Keep my corrections"),
        )

    def _page_reread(self, page: PageRef) -> None:
        """The page was read again: load the letter anew, on the same page."""
        if self.letter_id is None or self.item is None:
            return
        index = next((i for i, p in enumerate(self.item.pages) if p.page_id == page.page_id), 0)
        self._page_after_load = index
        self.open_letter(
            self.letter_id, self.tr("Page %1 read again.").replace("%1", str(index + 1))
        )

    def turn_page(self, step: int) -> None:
        count = self.page_tabs.count()
        if count > 1:
            self.page_tabs.setCurrentIndex((self.page_tabs.currentIndex() + step) % count)

    def _show_page(self, index: int) -> None:
        if self.item is None or not (0 <= index < len(self.item.pages)):
            self.viewer.clear()
            self.turn_bar.show_page(None)
            return
        self.turn_bar.show_page(self.item.pages[index])
        page_id = self.item.pages[index].page_id
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.viewer.show_page(lambda: page_image(station, actor, page_id))

    # low-confidence marks -------------------------------------------------------------------
    def _mark_low_confidence(self, spans: list[tuple[int, int]]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(LOW_CONFIDENCE)
        self.highlights = []
        size = len(self.text.toPlainText())
        for start, end in spans:
            start, end = max(0, start), min(end, size)
            if end <= start:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.format = fmt
            cursor = self.text.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            self.highlights.append(sel)
        self.text.setExtraSelections(self.highlights)
        self._update_text_hint()

    def _update_text_hint(self) -> None:
        if self.highlights:
            hint = self.tr(
                "Yellow: %1 place(s) the OCR was unsure of. Compare them with the page and "
                "correct the text; a yellow mark goes once you edit it."
            ).replace("%1", str(len(self.highlights)))
        else:
            hint = self.tr("Compare the text with the page and correct what was misread.")
        self.text_hint.setText(hint)

    def _text_edited(self, position: int, removed: int, added: int) -> None:
        """A mark the reviewer has edited into is dropped; the others move with the text
        (their cursors follow the document)."""
        if self._loading or not self.highlights:
            return
        touched = position + max(added, 0)
        keep = []
        for sel in self.highlights:
            c = sel.cursor
            if c.selectionEnd() <= c.selectionStart():
                continue
            if (
                c.selectionStart() <= touched
                and position <= c.selectionEnd()
                and (removed or added)
            ):
                continue
            keep.append(sel)
        self.highlights = keep
        self.text.setExtraSelections(keep)
        self._update_text_hint()

    def highlighted_texts(self) -> list[str]:
        return [sel.cursor.selectedText() for sel in self.highlights]

    # proposals -------------------------------------------------------------------------------
    def _fill_proposals(self, proposed: dict[str, str]) -> None:
        """Fill the suggester from what was found in the letter, tint what was filled, and
        say so; the date written on the letter is shown (the suggestion's received time is
        the postbox opening)."""
        box = self.suggester
        box.set_form(SuggesterForm())
        for field in (self.title, box.name, box.phone, box.address):
            field.setStyleSheet("")
        found = {
            "title": proposed.get("title", ""),
            "name": proposed.get("name", ""),
            "phone": proposed.get("phone") or proposed.get("landline", ""),
            "address": proposed.get("address", ""),
        }
        fields = {
            "title": self.title,
            "name": box.name,
            "phone": box.phone,
            "address": box.address,
        }
        self.filled = {}
        for key, value in found.items():
            if value:
                fields[key].setText(value)
                fields[key].setStyleSheet(PROPOSED_STYLE)
                self.filled[key] = fields[key]
        labels = {
            "title": self.tr("title (from the heading)"),
            "name": self.tr("name"),
            "phone": self.tr("phone"),
            "address": self.tr("address"),
        }
        if self.filled:
            self.filled_hint.setText(
                self.tr(
                    "Filled in from the letter (blue): %1. Check them against the page."
                ).replace("%1", self.tr(", ").join(labels[k] for k in self.filled))
            )
        self.filled_hint.setVisible(bool(self.filled))
        date = proposed.get("date", "")
        self.letter_date.setText(date or self.tr("not found"))
        self.letter_date.setProperty("role", "" if date else "hint")
        self.letter_date.style().polish(self.letter_date)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the location goes to the first of the writer's name, phone and address
        that the letter did not give (filled ones are checked by eye, blue, with the hint
        saying so), or on to "wants a reply" when it gave all three: no Enter per filled
        field. Tab still walks every field."""
        if (
            watched is self.location
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.filled.keys() & {"name", "phone", "address"}
        ):
            box = self.suggester
            fields = {"name": box.name, "phone": box.phone, "address": box.address}
            empty = [w for k, w in fields.items() if k not in self.filled]
            (empty[0] if empty else box.wants_feedback).setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _unmark(self, field: QLineEdit) -> None:
        field.setStyleSheet("")
        self.filled = {k: f for k, f in self.filled.items() if f is not field}

    def proposed_values(self) -> dict[str, str]:
        """What is still as filled in from the letter (blue), by field."""
        return {k: f.text() for k, f in self.filled.items()}

    # confirm ---------------------------------------------------------------------------------
    def to_form(self) -> SuggestionForm:
        return SuggestionForm(
            channel=str(Channel.POSTBOX),
            category_code=self.category.currentData() or "",
            title=self.title.text(),
            content=self.text.toPlainText(),
            location=self.location.text(),
            suggester=self.suggester.to_form(),
        )

    def _state(self) -> tuple[Any, ...]:
        return (
            self.text.toPlainText(),
            self.category.currentIndex(),
            self.title.text(),
            self.location.text(),
            self.suggester.to_form(),
        )

    def is_edited(self) -> bool:
        """Anything changed since the letter was loaded (filling in from it does not count)."""
        return self.item is not None and self._state() != self._as_loaded

    def confirm(self) -> None:
        if not self.ready or not self.confirm_button.isEnabled() or self.letter_id is None:
            return
        self._clear_errors()
        if not self.suggester.check_phone():
            self.show_problems({"phone": ""})
            return
        station, actor = self.ctx.station, self.ctx.require_operator()
        letter_id, form = self.letter_id, self.to_form()
        self.confirm_button.setEnabled(False)
        self._say(self.tr("Recording…"))
        WriteOp(
            self,
            op=lambda: confirm_letter(station, actor, letter_id, form),
            success=self._confirmed,
            changes=Change.POSTBOX | Change.SUGGESTIONS,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _confirmed(self, rec: Recorded) -> None:
        self.confirmed.emit(rec)
        self.open_next(self.tr("Recorded: receipt number %1").replace("%1", rec.receipt_no))

    def open_next(self, note: str = "") -> None:
        """The next pending letter (with pages) of this collection, or `all_done`."""
        station, actor = self.ctx.station, self.ctx.require_operator()
        cid, current = self.collection_id, self.letter_id
        self.ready = False
        self.last_note = note
        self._say(note)

        def find() -> int | None:
            if cid is None:
                return None
            pending = [
                lt for lt in letters(station, actor, cid) if lt.outcome == "pending" and lt.pages
            ]
            later = [lt for lt in pending if lt.id != current]
            return later[0].id if later else None

        def go(next_id: int | None) -> None:
            if next_id is None:
                self._say(
                    note + "\n" + self.tr("No letter of this collection is waiting for review.")
                )
                self.all_done.emit()
            else:
                self.open_letter(next_id, note)

        QueryOp(self, op=find, success=go).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self._say("")
        if isinstance(exc, ValidationError):
            self.show_problems(exc.field_messages())
        else:
            show_error(self, exc)

    def show_problems(self, messages: dict[str, str]) -> None:
        rest = []
        for key, text in messages.items():
            label = self.errors.get(key) or self.suggester.errors.get(key)
            if label is not None:
                if text:
                    label.show_message(text)
            elif text:
                rest.append(text)
        bad = [k for k in FIELD_ORDER if k in messages]
        if bad and (widget := self.field_widget(bad[0])) is not None:
            widget.setFocus()
            self.scroll.ensureWidgetVisible(widget)
        self._say(
            "\n".join([self.tr("Not recorded: please correct the fields marked in red."), *rest]),
            error=True,
        )

    def _say(self, text: str, error: bool = False) -> None:
        """The status line under the review; red when something must be corrected."""
        self.status.setText(text)
        self.status.setProperty("role", "error" if error else "")
        self.status.style().polish(self.status)

    def field_widget(self, key: str) -> QWidget | None:
        own = {
            "category_code": self.category,
            "title": self.title,
            "content": self.text,
            "location": self.location,
        }
        return own.get(key) or self.suggester.field_widget(key)

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.suggester.clear_errors()

    def not_a_suggestion(self) -> None:
        if not self.ready or self.letter_id is None:
            return
        if self.not_dialog is not None:
            return  # already open
        from ui.screens.postbox_dialogs import NotSuggestionDialog

        dialog = NotSuggestionDialog(self.ctx, self.letter_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            self.open_next(self.tr("Marked as not a suggestion"))

        def closed() -> None:
            self.not_dialog = None

        dialog.accepted.connect(done)
        dialog.finished.connect(closed)
        dialog.open()
        self.not_dialog = dialog


class ReviewDialog(QDialog):
    """The review in its own window (opened from the postbox screen); closes itself when no
    letter is left to review. Esc closes (asks first if something was typed)."""

    def __init__(
        self,
        ctx: AppContext,
        collection_id: int,
        letter_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review a postbox letter"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.collection_id = collection_id
        self.screen_ = ReviewScreen(ctx, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.screen_)
        # tests replace this to answer "close without confirming?" without a modal box
        self.confirm_close: Callable[[], bool] = self._ask_close
        self.close_when_done = True
        self.screen_.all_done.connect(lambda: self.accept() if self.close_when_done else None)
        line = self.fontMetrics().lineSpacing()
        width, height = min(line * 80, 1400), min(line * 46, 900)
        if (screen := self.screen()) is not None:  # a 1366×768 laptop: stay on the screen
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)
        self.screen_.open_letter(letter_id)

    @property
    def review(self) -> ReviewScreen:
        return self.screen_

    def _ask_close(self) -> bool:
        return ask(
            self,
            self.tr("Close the review"),
            self.tr("Close without confirming? The corrections to this letter will be lost."),
            self.tr("Close and lose the corrections"),
            self.tr("Keep reviewing"),
        )

    def reject(self) -> None:
        if self.screen_.is_edited() and not self.confirm_close():
            return
        super().reject()
