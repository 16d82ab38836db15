"""Reviewing one postbox letter: the scanned page on the left, what OCR read on the right.

The reviewer corrects the recognised text (words OCR was unsure of are marked yellow; a mark
goes away once that spot is edited), picks a category, writes a title and location, and
fills in the suggester from what the app found in the letter: each proposal (name, phone,
address) is a button "Use …" the reviewer clicks; nothing is filled in silently. For a
letter, consent means "the letter says the contact details may be used", which the reviewer
ticks after reading it. Ctrl+Enter confirms: only then is the letter a recorded suggestion
(channel postbox), and the next pending letter of the collection opens.

It is a dialog opened from the postbox screen (`ReviewDialog`), because a review is always
of one letter of one collection; `ReviewScreen` is the widget inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
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
from station_app.postbox.imports import page_image
from station_app.postbox.review import ReviewItem, confirm_letter, review_item
from station_app.services.forms import SuggestionForm
from station_app.services.setup import categories
from station_app.services.suggestions import Recorded
from station_app.store.models import Category
from ui.context import AppContext
from ui.errors import show_error
from ui.ops import QueryOp
from ui.screens.entry_form import FIELD_ORDER
from ui.widgets.fields import ErrorLabel, enter_advances, with_error
from ui.widgets.page_viewer import PageViewer
from ui.widgets.suggester_box import SuggesterBox

LOW_CONFIDENCE = QColor("#fff176")
# proposals the reviewer can take into a field with one click (key → field)
USABLE = ("name", "phone", "landline", "address", "title", "location")


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
        self.highlights: list[QTextEdit.ExtraSelection] = []
        self.proposal_buttons: dict[str, QPushButton] = {}

        self.page_tabs = QTabBar()
        self.page_tabs.setAccessibleName(self.tr("Pages of the letter"))
        self.viewer = PageViewer(self, shortcut_scope=self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Recognised text"))
        self.text_hint = QLabel(
            self.tr("Yellow: words the OCR was unsure of. Correct the text against the page.")
        )
        self.text_hint.setProperty("role", "hint")
        self.text_hint.setWordWrap(True)

        self.category = QComboBox()
        self.category.addItem(self.tr("Choose a category…"), "")
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short title, e.g. 小区停车难"))
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Where the issue is, e.g. 长寿路 100 弄门口"))
        self.errors = {k: ErrorLabel() for k in ("category_code", "title", "content", "location")}
        self.found_box = QGroupBox(self.tr("Found in the letter"))
        self.found_form = QFormLayout(self.found_box)
        self.suggester = SuggesterBox()
        self.suggester.anonymous.setText(self.tr("Anonymous letter (no name or contact details)"))
        self.suggester.consent.setText(self.tr("The letter says its contact details may be used"))
        self.suggester.notice.hide()
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.not_button = QPushButton(self.tr("Not a suggestion…"))
        self.confirm_button = QPushButton(self.tr("Confirm (Ctrl+Enter)"))
        self.confirm_button.setAutoDefault(False)
        self._build_layout()

        enter_advances(
            self, self.category, self.title, self.location, *self.suggester.focus_chain()
        )
        chain = [
            self.text,
            self.category,
            self.title,
            self.location,
            *self.suggester.focus_chain(),
            self.confirm_button,
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
        self._load_categories()

    def _build_layout(self) -> None:
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.page_tabs)
        ll.addWidget(self.viewer, 1)

        fields = QGroupBox(self.tr("Suggestion"))
        form = QFormLayout(fields)
        form.addRow(self.tr("Category"), with_error(self.category, self.errors["category_code"]))
        form.addRow(self.tr("Title"), with_error(self.title, self.errors["title"]))
        form.addRow(self.tr("Location"), with_error(self.location, self.errors["location"]))
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.addWidget(self.heading)
        il.addWidget(QLabel(self.tr("Recognised text (the suggestion's content)")))
        il.addWidget(self.text, 3)
        il.addWidget(self.text_hint)
        il.addWidget(self.errors["content"])
        il.addWidget(fields)
        il.addWidget(self.found_box)
        il.addWidget(self.suggester)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.not_button)
        buttons.addWidget(self.confirm_button)
        il.addLayout(buttons)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

    def _load_categories(self) -> None:
        station = self.ctx.station
        QueryOp(
            self, op=lambda: categories(station), success=self._categories_loaded
        ).run_in_background()

    def _categories_loaded(self, cats: list[Category]) -> None:
        en = current_language() == "en"
        for cat in cats:
            self.category.addItem(cat.name_en if en else cat.name_zh, cat.code)

    # loading a letter -----------------------------------------------------------------------
    def open_letter(self, letter_id: int) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.ready = False
        self.confirm_button.setEnabled(False)
        self.status.setText(self.tr("Loading the letter…"))

        def load() -> tuple[ReviewItem, Any]:
            item = review_item(station, actor, letter_id)
            return item, get_collection(station, actor, item.letter.collection_id)

        QueryOp(self, op=load, success=self._loaded).failure(
            lambda exc: (show_error(self, exc), self.status.setText(""))
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
            self.suggester.set_form(SuggestionForm().suggester)
            self._show_proposals(item.proposed)
            self._clear_errors()
            while self.page_tabs.count():
                self.page_tabs.removeTab(0)
            for i, _page in enumerate(item.pages):
                self.page_tabs.addTab(self.tr("Page %1").replace("%1", str(i + 1)))
            self.page_tabs.setVisible(len(item.pages) > 1)
        finally:
            self._loading = False
        self._show_page(0)
        self.status.setText("")
        self.confirm_button.setEnabled(True)
        self.ready = True
        self.text.setFocus()
        self.letter_loaded.emit(item)

    def _show_page(self, index: int) -> None:
        if self.item is None or not (0 <= index < len(self.item.pages)):
            self.viewer.clear()
            return
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

    def highlighted_texts(self) -> list[str]:
        return [sel.cursor.selectedText() for sel in self.highlights]

    # proposals -------------------------------------------------------------------------------
    def _show_proposals(self, proposed: dict[str, str]) -> None:
        while self.found_form.rowCount():
            self.found_form.removeRow(0)
        self.proposal_buttons = {}
        labels = {
            "name": self.tr("Name"),
            "phone": self.tr("Phone"),
            "landline": self.tr("Phone"),
            "address": self.tr("Address"),
            "date": self.tr("Date of the letter"),
            "title": self.tr("Title"),
            "location": self.tr("Location"),
        }
        for key, value in proposed.items():
            if not value:
                continue
            label = labels.get(key, key)
            if key in USABLE:
                button = QPushButton(self.tr("Use “%1”").replace("%1", value))
                button.setToolTip(self.tr("Put this into the %1 field").replace("%1", label))
                button.clicked.connect(lambda _c=False, k=key, v=value: self.use_proposal(k, v))
                self.proposal_buttons[key] = button
                self.found_form.addRow(label, button)
            else:
                shown = QLabel(value)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.found_form.addRow(label, shown)
        self.found_box.setVisible(self.found_form.rowCount() > 0)

    def use_proposal(self, key: str, value: str) -> None:
        target: dict[str, QLineEdit] = {
            "name": self.suggester.name,
            "phone": self.suggester.phone,
            "landline": self.suggester.phone,
            "address": self.suggester.address,
            "title": self.title,
            "location": self.location,
        }
        field = target[key]
        if key in ("name", "phone", "landline", "address") and self.suggester.anonymous.isChecked():
            self.suggester.anonymous.setChecked(False)
        field.setText(value)
        field.setFocus()
        button = self.proposal_buttons.get(key)
        if button is not None:
            button.setText(self.tr("Used “%1”").replace("%1", value))

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

    def is_edited(self) -> bool:
        return self.item is not None and (
            self.text.toPlainText() != self.item.text
            or bool(self.title.text() or self.location.text())
            or not self.suggester.to_form().is_empty()
        )

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
        self.status.setText(self.tr("Recording…"))
        QueryOp(
            self,
            op=lambda: confirm_letter(station, actor, letter_id, form),
            success=self._confirmed,
        ).failure(self._failed).run_in_background()

    def _confirmed(self, rec: Recorded) -> None:
        self.ctx.notifier.changed.emit("postbox")
        self.ctx.notifier.changed.emit("suggestions")
        self.confirmed.emit(rec)
        self.open_next(self.tr("Recorded: receipt number %1").replace("%1", rec.receipt_no))

    def open_next(self, note: str = "") -> None:
        """The next pending letter (with pages) of this collection, or `all_done`."""
        station, actor = self.ctx.station, self.ctx.require_operator()
        cid, current = self.collection_id, self.letter_id
        self.ready = False
        self.status.setText(note)

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
                self.status.setText(
                    note + "\n" + self.tr("No letter of this collection is waiting for review.")
                )
                self.all_done.emit()
            else:
                self.open_letter(next_id)
                self.status.setText(note)

        QueryOp(self, op=find, success=go).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.status.setText("")
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
        self.status.setText("\n".join([self.tr("Please correct the fields marked in red."), *rest]))

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
        if self.letter_id is None:
            return
        from ui.screens.postbox_dialogs import NotSuggestionDialog

        dialog = NotSuggestionDialog(self.ctx, self.letter_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            self.ctx.notifier.changed.emit("postbox")
            self.open_next(self.tr("Marked as not a suggestion"))

        dialog.accepted.connect(done)
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
        self.resize(min(line * 80, 1400), min(line * 46, 900))
        self.screen_.open_letter(letter_id)

    @property
    def review(self) -> ReviewScreen:
        return self.screen_

    def _ask_close(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Close the review"),
            self.tr("Close without confirming? The corrections to this letter will be lost."),
            defaultButton=QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self.screen_.is_edited() and not self.confirm_close():
            return
        super().reject()
