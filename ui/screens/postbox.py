"""邮筒来信: postbox collections and their letters (chain of custody), scans coming in, pages
grouped into letters, and the way into the review of each letter.

At the top, the collections (postbox, opened, by, witness, letters and how many are
recorded, not suggestions and pending; the ones that do not reconcile yet are highlighted).
Below on the left, the letters of the chosen collection with their outcome, and the pages not
yet in a letter; on the right, the import panel (progress, cancel, results, could-not-read,
watched folder). After a review window closes, what it did last (the receipt number) is said
beside the "new collection" button.

Keyboard: Alt+N new collection, Enter on a letter opens its review, Ctrl+D "not a
suggestion", Ctrl+I import scans, Esc cancels a running import.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.i18n import tr as msg
from station_app.postbox.collections import (
    CollectionInfo,
    LetterInfo,
    add_letter,
    close_collection,
    letters,
    list_collections,
    reopen_letter,
)
from station_app.postbox.imports import PageRef, unassigned_pages
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import QueryOp, WriteOp
from ui.screens.postbox_dialogs import NewCollectionDialog, NotSuggestionDialog
from ui.screens.postbox_import import ImportPanel
from ui.screens.postbox_pages import UnassignedPages
from ui.theme import UiSettings
from ui.widgets.tables import pick_one_row

UNRECONCILED = QColor("#fff4ce")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    pick_one_row(t, name)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class PostboxScreen(QWidget):
    """The postbox page of the main window (scanners and administrators).

    `settings` gives the default OCR engine when it has one (`ocr_engine`); otherwise the
    service's default is used. `review_opened(dialog)` is emitted when a review opens.
    """

    review_opened = Signal(object)

    def __init__(
        self, ctx: AppContext, settings: UiSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.collections: list[CollectionInfo] = []
        self.letters: list[LetterInfo] = []
        self.selected_id: int | None = None
        self.review_dialog: QWidget | None = None
        self.loaded_once = False
        self._prompt_pages = False  # after an import: show the pages and say what is next
        self._pick_pending = False  # after filing pages: the first letter to review is chosen

        self.new_button = QPushButton(self.tr("&New collection…"))
        self.forms_button = QPushButton(self.tr("Blank suggestion forms…"))
        self.collection_table = _table(
            self,
            [
                self.tr("Postbox"),
                self.tr("Opened at"),
                self.tr("Opened by"),
                self.tr("Witness"),
                self.tr("Letters"),
                self.tr("Recorded"),
                self.tr("Not suggestions"),
                self.tr("Pending"),
                self.tr("State"),
            ],
            self.tr("Postbox collections"),
        )
        self.letter_table = _table(
            self,
            [self.tr("Letter no."), self.tr("Outcome"), self.tr("Pages"), self.tr("Details")],
            self.tr("Letters"),
        )
        self.review_button = QPushButton(self.tr("Review… (Enter)"))
        self.not_button = QPushButton(self.tr("Not a suggestion… (Ctrl+D)"))
        self.reopen_button = QPushButton(self.tr("Undo: back to pending"))
        self.add_button = QPushButton(self.tr("Add a letter found later"))
        self.close_button = QPushButton(self.tr("Close the collection"))
        self.notice = QLabel()  # what the last review did (receipt number…)
        self.notice.setWordWrap(True)
        self.close_reason = QLabel()
        self.close_reason.setProperty("role", "hint")
        self.close_reason.setWordWrap(True)
        self.pages = UnassignedPages(ctx, self)
        default_engine = getattr(settings, "ocr_engine", None) or None
        self.imports = ImportPanel(
            ctx, lambda: self.selected_id, default_engine, self, shortcut_scope=self
        )
        self._build_layout()

        self.new_button.clicked.connect(self.new_collection)
        self.forms_button.clicked.connect(self.blank_forms)
        self.collection_table.itemSelectionChanged.connect(self._collection_chosen)
        self.letter_table.itemSelectionChanged.connect(self._update_buttons)
        self.letter_table.doubleClicked.connect(lambda _i: self.review_current())
        self.letter_table.installEventFilter(self)
        self.review_button.clicked.connect(self.review_current)
        self.not_button.clicked.connect(self.mark_current_not_suggestion)
        self.reopen_button.clicked.connect(self.reopen_current)
        self.add_button.clicked.connect(self.add_letter)
        self.close_button.clicked.connect(self.close_current)
        self.pages.assigned.connect(self.refresh)
        self.pages.filed.connect(self._filed)
        self.imports.imported.connect(self._imported)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+D"), self, self.mark_current_not_suggestion, context=context)
        ctx.notifier.subscribe(self, Change.POSTBOX | Change.SUGGESTIONS, self.refresh)
        self._update_buttons()
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.notice, 1)
        top.addWidget(self.forms_button)

        collections = QGroupBox(self.tr("Collections"))
        cl = QVBoxLayout(collections)
        cl.addWidget(self.collection_table)

        letters_page = QWidget()
        ll = QVBoxLayout(letters_page)
        ll.addWidget(self.letter_table, 1)
        # two buttons a row: with the scans panel beside, three did not fit a 1366 px screen
        # in English at 125%
        grid = QGridLayout()
        buttons = (
            self.review_button,
            self.not_button,
            self.reopen_button,
            self.add_button,
            self.close_button,
        )
        for i, b in enumerate(buttons):
            grid.addWidget(b, i // 2, i % 2)
        grid.setColumnStretch(2, 1)
        ll.addLayout(grid)
        ll.addWidget(self.close_reason)
        self.tabs = QTabWidget()
        self.tabs.addTab(letters_page, self.tr("Letters"))
        self.tabs.addTab(self.pages, self.tr("Unassigned pages"))

        # the collections across the top (every column in sight), the chosen collection's
        # letters under them, and the scans coming in beside the letters
        lower = self.lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tabs)
        lower.addWidget(self.imports)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        lower.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(collections)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.new_button, self.collection_table)
        QWidget.setTabOrder(self.collection_table, self.tabs)

    def fit_width(self, room: int) -> None:
        """The letters beside the scans coming in, or above them where side by side they
        would make the page wider than `room` (the main window asks: a page never scrolls
        sideways)."""
        margins = self.layout().contentsMargins()
        need = (
            self.tabs.minimumSizeHint().width()
            + self.imports.minimumSizeHint().width()
            + self.lower.handleWidth()
            + margins.left()
            + margins.right()
        )
        side_by_side = need <= room
        self.lower.setOrientation(
            Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical
        )
        # one above the other, the letters keep room for a dozen rows (the page scrolls down)
        rows = 0 if side_by_side else 14
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * rows)

    # loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        wanted = self.selected_id

        def load() -> tuple[list[CollectionInfo], int | None, list[LetterInfo], list[PageRef]]:
            found = list_collections(station, actor)
            cid = wanted if any(c.id == wanted for c in found) else None
            if cid is None and found:
                cid = next((c.id for c in found if not c.closed), found[0].id)
            its = letters(station, actor, cid) if cid is not None else []
            return found, cid, its, unassigned_pages(station, actor, cid)

        QueryOp(self, op=load, success=self._loaded).run_in_background()

    def _loaded(
        self, result: tuple[list[CollectionInfo], int | None, list[LetterInfo], list[PageRef]]
    ) -> None:
        self.collections, cid, self.letters, pages = result
        self.selected_id = cid
        self._fill_collections()
        self._fill_letters()
        self.pages.set_pages(pages, self.letters)
        self.tabs.setTabText(1, self.tr("Unassigned pages (%1)").replace("%1", str(len(pages))))
        if self._pick_pending:
            self._pick_pending = False
            ready = [lt.seq for lt in self.letters if lt.outcome == "pending" and lt.pages]
            if ready:
                self.select_letter(ready[0])
        self._update_buttons()
        if not self.loaded_once:
            self._size_collections()
        self.loaded_once = True
        if self._prompt_pages and pages:
            self._prompt_pages = False
            self.tabs.setCurrentWidget(self.pages)
            self.pages.prompt()

    def _size_collections(self) -> None:
        """Give the collections the height of up to four rows (more scroll); the letters and
        the imports get the rest."""
        t = self.collection_table
        rows = min(max(t.rowCount(), 2), 4)
        row_height = t.verticalHeader().defaultSectionSize()
        frame = self.splitter.widget(0)
        chrome = frame.sizeHint().height() - t.sizeHint().height()
        need = t.horizontalHeader().height() + rows * row_height + t.frameWidth() * 2
        need += max(chrome, 0) + t.horizontalScrollBar().sizeHint().height()
        total = sum(self.splitter.sizes()) or self.height()
        top = min(need, int(total * 0.4))
        self.splitter.setSizes([top, max(total - top, 1)])

    def _fill_collections(self) -> None:
        t = self.collection_table
        t.blockSignals(True)
        t.setRowCount(len(self.collections))
        for row, c in enumerate(self.collections):
            if c.closed:
                state = self.tr("Closed")
            elif c.reconciled:
                state = self.tr("Reconciled")
            else:
                state = self.tr("%1 to decide").replace("%1", str(c.pending))
            cells = [
                c.postbox_code,
                c.opened_at[:16].replace("T", " "),
                c.opened_by_name,
                c.witness,
                str(c.letter_count),
                str(c.recorded),
                str(c.not_suggestion),
                str(c.pending),
                state,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                if not c.reconciled and not c.closed:
                    item.setBackground(QBrush(UNRECONCILED))
                t.setItem(row, col, item)
            if c.id == self.selected_id:
                t.selectRow(row)
        t.blockSignals(False)

    def _fill_letters(self) -> None:
        t = self.letter_table
        t.setRowCount(len(self.letters))
        for row, lt in enumerate(self.letters):
            if lt.outcome == "suggestion":
                detail = self.tr("Receipt %1").replace("%1", lt.receipt_no or "")
            elif lt.outcome == "not_suggestion":
                detail = msg(f"postbox.reason.{lt.reason_code}") if lt.reason_code else ""
                if lt.reason_note:
                    detail += f"：{lt.reason_note}"
            else:
                detail = (
                    self.tr("Ready to review (Enter)")
                    if lt.pages
                    else self.tr("No scanned page yet")
                )
                if lt.pages:  # which files it is made of, as the scanner named them
                    names = "、".join(dict.fromkeys(p.file_name for p in lt.pages))
                    detail = f"{names} · {detail}"
            cells = [
                self.tr("No. %1").replace("%1", str(lt.seq)),
                msg(f"postbox.outcome.{lt.outcome}"),
                str(len(lt.pages)),
                detail,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, lt.id)
                if lt.outcome == "pending":
                    item.setBackground(QBrush(UNRECONCILED))
                t.setItem(row, col, item)

    def current_collection(self) -> CollectionInfo | None:
        return next((c for c in self.collections if c.id == self.selected_id), None)

    def current_letter(self) -> LetterInfo | None:
        row = self.letter_table.currentRow()
        if row < 0 or row >= len(self.letters) or not self.letter_table.selectedItems():
            return None
        return self.letters[row]

    def select_letter(self, seq: int) -> None:
        row = next((i for i, lt in enumerate(self.letters) if lt.seq == seq), -1)
        if row >= 0:
            self.letter_table.selectRow(row)

    def _collection_chosen(self) -> None:
        items = self.collection_table.selectedItems()
        if not items:
            return
        cid = items[0].data(Qt.ItemDataRole.UserRole)
        if cid != self.selected_id:
            self.selected_id = cid
            self.refresh()

    def _update_buttons(self) -> None:
        c = self.current_collection()
        lt = self.current_letter()
        is_open = c is not None and not c.closed
        pending = is_open and lt is not None and lt.outcome == "pending"
        self.review_button.setEnabled(pending and bool(lt and lt.pages))
        self.not_button.setEnabled(pending)
        self.reopen_button.setEnabled(is_open and lt is not None and lt.outcome == "not_suggestion")
        self.add_button.setEnabled(is_open)
        if c is None:
            reason = self.tr("Record a postbox collection first (Alt+N).")
        elif c.closed:
            reason = self.tr("Closed at %1").replace(
                "%1", (c.closed_at or "")[:16].replace("T", " ")
            )
        elif not c.reconciled:
            left = max(c.pending, c.letter_count - c.recorded - c.not_suggestion)
            reason = self.tr(
                "Cannot close yet: %1 letter(s) still to record as a suggestion or mark as not one."
            ).replace("%1", str(left))
        else:
            reason = self.tr("Every letter is decided: the collection can be closed.")
        self.close_button.setEnabled(is_open and c is not None and c.reconciled)
        self.close_reason.setText(reason)
        self.close_button.setToolTip(reason)

    # actions --------------------------------------------------------------------------------
    def new_collection(self) -> NewCollectionDialog:
        dialog = NewCollectionDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._created(dialog.created))
        dialog.open()
        self.new_dialog = dialog
        return dialog

    def blank_forms(self) -> QDialog:
        """Print blank paper forms (or save them as a PDF)."""
        from ui.printing.blank_forms import BlankFormsDialog

        dialog = BlankFormsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def _created(self, info: CollectionInfo | None) -> None:
        """The dialog's write announces the change (the refresh then selects it)."""
        if info is not None:
            self.selected_id = info.id
            # what comes next is scanning its letters: Enter there opens the file dialog
            self.imports.import_files_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _imported(self, summary: Any) -> None:
        """Pages were read: once the lists are loaded, show them and say what to do next."""
        self._prompt_pages = bool(summary is not None and getattr(summary, "pages_ok", 0))
        if summary is None:  # a finished import announces Change.POSTBOX, which refreshes
            self.refresh()

    def _filed(self, said: str) -> None:
        """Each file became a letter: say which went where and go on to the letters."""
        self.notice.setText(said)
        self.tabs.setCurrentIndex(0)
        self.letter_table.setFocus()
        self._pick_pending = True  # Enter then opens its review
        self.refresh()

    def _run(self, op: Any) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        WriteOp(
            self,
            op=lambda: op(station, actor),
            changes=Change.POSTBOX,
            notifier=self.ctx.notifier,
        ).failure(lambda exc: (show_error(self, exc), self.refresh())).run_in_background()

    def mark_current_not_suggestion(self) -> NotSuggestionDialog | None:
        lt = self.current_letter()
        if lt is None or not self.not_button.isEnabled():
            return None
        dialog = NotSuggestionDialog(self.ctx, lt.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.not_dialog = dialog
        return dialog

    def reopen_current(self) -> None:
        lt = self.current_letter()
        if lt is not None and self.reopen_button.isEnabled():
            letter_id = lt.id
            self._run(lambda s, a: reopen_letter(s, a, letter_id))

    def add_letter(self) -> None:
        c = self.current_collection()
        if c is not None and self.add_button.isEnabled():
            cid = c.id
            self._run(lambda s, a: add_letter(s, a, cid))

    def close_current(self) -> None:
        c = self.current_collection()
        if c is not None and self.close_button.isEnabled():
            cid = c.id
            self._run(lambda s, a: close_collection(s, a, cid))

    def review_current(self) -> QWidget | None:
        lt = self.current_letter()
        if lt is None or not self.review_button.isEnabled():
            return None
        if self.review_dialog is not None:  # one review at a time: it goes on letter by letter
            self.review_dialog.raise_()
            self.review_dialog.activateWindow()
            return self.review_dialog
        from ui.screens.review import ReviewDialog

        dialog = ReviewDialog(self.ctx, lt.collection_id, lt.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._review_closed(d.review.last_note))
        self.notice.clear()
        dialog.show()
        self.review_dialog = dialog
        self.review_opened.emit(dialog)
        return dialog

    def _review_closed(self, note: str) -> None:
        """Say what the review did last (its window is gone) and come back to the letters."""
        self.notice.setText(note.replace("\n", " "))
        self.review_dialog = None
        self.refresh()
        self.letter_table.setFocus()

    def shutdown(self) -> None:
        """Cancel a running import (it resumes next time) before the window closes."""
        self.imports.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.letter_table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            self.review_current()
            return True
        return super().eventFilter(watched, event)
