"""The suggestion list screen: a search box, the filter bar and a lazily paged results table.

Search runs as the volunteer types (debounced, so a Chinese IME's committed words start one
search, not one per keystroke), hits are marked in title, location and content snippet, and
Enter or a double-click opens the suggestion (once: opening it again brings its open dialog
forward). A receipt number finds its suggestion too, whole or by its last digits; a USB QR
scanner reading a receipt types the whole number and Enter into the search box, which opens
that suggestion at once. Keyboard: Ctrl+F goes to the search box, Esc clears it. The list
reloads whenever the app says suggestions changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from station_app.services.campaigns import all_campaigns
from station_app.services.query import full_receipt
from station_app.services.setup import categories
from station_app.services.suggestions import find_by_receipt
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.models.suggestion_table import Col, SuggestionTableModel
from ui.ops import QueryOp
from ui.theme import follow_font
from ui.widgets.filter_bar import FilterBar
from ui.widgets.highlight_delegate import HighlightDelegate

if TYPE_CHECKING:
    from ui.screens.suggestion_detail import SuggestionDetailDialog

SEARCH_DELAY_MS = 250
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SuggestionListScreen(QWidget):
    """Every suggestion, newest first, filtered and searched. `open_suggestion(id)` is emitted
    when the volunteer opens one; unless `opens_detail` is False the screen also shows the
    detail dialog itself."""

    open_suggestion = Signal(int)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, opens_detail: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opens_detail = opens_detail
        self.detail_dialog: SuggestionDetailDialog | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search text or receipt number, e.g. 停车 or 0012 (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search suggestions"))
        self.filter_bar = FilterBar(self)
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Number of results"))

        self.model = SuggestionTableModel(ctx.station, self)
        self.delegate = HighlightDelegate(self)
        self.table = QTableView(self)
        self._setup_table()

        self.empty = QLabel(self.tr("No matching suggestions found"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_now_and_go_to_results)
        self.filter_bar.changed.connect(self.apply_search)
        self.model.total_changed.connect(self._update_summary)
        self.model.page_loaded.connect(self._update_empty_state)
        self.model.loading_changed.connect(self._update_empty_state)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        find = QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search, context=context)
        find.setObjectName("find_shortcut")
        ctx.notifier.subscribe(self, Change.SUGGESTIONS, self.refresh)
        ctx.notifier.subscribe(self, Change.SYNC, self.load_filter_lists)  # HQ's new lists
        self.apply_search()
        self.load_filter_lists()

    def load_filter_lists(self) -> None:
        """The filter bar's category and campaign choices, read off the UI thread."""
        station = self.ctx.station

        def op() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            cats = [(c.code, c.name_zh) for c in categories(station)]
            camps = sorted((c.code, c.title) for c in all_campaigns(station))
            return cats, camps

        QueryOp(self, op, lambda lists: self.filter_bar.set_lists(*lists)).run_in_background()

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTabKeyNavigation(False)
        t.verticalHeader().hide()
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for col in Col.HIGHLIGHTED:
            t.setItemDelegateForColumn(col, self.delegate)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        t.setAccessibleName(self.tr("Suggestions"))
        follow_font(t, self._size_columns)

    def _size_columns(self) -> None:
        t = self.table
        # fixed row heights: the view never measures rows, which keeps long lists fast
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
        fm = t.fontMetrics()
        em, pad = fm.horizontalAdvance("中"), 16
        widths = {
            Col.RECEIPT: fm.horizontalAdvance("DEMO01-20261125-0000") + pad,
            Col.DATE: fm.horizontalAdvance("2026-11-25") + pad,
            Col.CHANNEL: em * 4 + pad,
            Col.CATEGORY: em * 5 + pad,
            Col.TITLE: em * 16 + pad,
            Col.LOCATION: em * 10 + pad,
            Col.STATUS: em * 4 + pad,
        }
        for col, width in widths.items():
            t.setColumnWidth(col, width)

    # --- searching -----------------------------------------------------------------------
    def apply_search(self) -> None:
        """Run the search for what is in the box and the filter bar now."""
        self._debounce.stop()
        text = self.search.text().strip()
        self.delegate.set_query(text)
        self.model.set_search(self.filter_bar.filters(), text)
        self._update_empty_state()

    def refresh(self) -> None:
        """Reload with the current search (after a save or a sync)."""
        self._debounce.stop()
        self.model.reload()
        self._update_empty_state()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        self.search.clear()
        self.apply_search()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _search_now_and_go_to_results(self) -> None:
        receipt = full_receipt(self.search.text())
        if receipt is not None:  # typed, or read by a QR scanner: open that suggestion
            station = self.ctx.station
            QueryOp(
                self, lambda: find_by_receipt(station, receipt), self._receipt_found
            ).run_in_background()
        if self._debounce.isActive() or self.search.text().strip() != self.model.query:
            self.apply_search()
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _update_summary(self, total: int) -> None:
        if total < 0:
            self.summary.setText(self.tr("Counting…"))
        else:
            self.summary.setText(self.tr("%n suggestion(s) in total", "", total))
        self._update_empty_state()

    def _update_empty_state(self, *_args: object) -> None:
        empty = self.model.rowCount() == 0 and not self.model.is_loading
        self.stack.setCurrentWidget(self.empty if empty else self.table)

    # --- opening -------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        sid = self.model.suggestion_id(index.row())
        if sid is not None:
            self.open_detail(sid)

    def _receipt_found(self, suggestion_id: int | None) -> None:
        if suggestion_id is not None:
            self.open_detail(suggestion_id)

    def open_detail(self, suggestion_id: int) -> None:
        self.open_suggestion.emit(suggestion_id)
        if not self.opens_detail:
            return
        from ui.screens.suggestion_detail import SuggestionDetailDialog

        shown = self.detail_dialog
        if shown is not None and isValid(shown) and shown.isVisible():
            if shown.suggestion_id == suggestion_id:
                shown.raise_()
                shown.activateWindow()
                return
            shown.close()  # one detail at a time: the list is where the others are
        dialog = SuggestionDetailDialog(self.ctx, suggestion_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.detail_dialog = dialog
        dialog.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in ENTER_KEYS:
                index = self.table.currentIndex()
                if index.isValid():
                    self._open_index(index)
                    return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.clear_search()
                return True
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
