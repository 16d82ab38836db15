"""The suggestion list as a lazy Qt table model (after calibre's library view).

Rows come from `station_app.services.query.list_page` one keyset page at a time, fetched on a
worker thread when the view scrolls near the end (`canFetchMore`/`fetchMore`); the model never
asks for the whole table. Every new search or filter bumps a generation counter, and any page or
count that arrives for an older generation is dropped, so typing fast never shows stale hits.
Rows are kept as plain tuples to keep a long scroll cheap in memory.
"""

from __future__ import annotations

import sys
import time
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)

from station_app.i18n import tr as catalogue
from station_app.services import query as q
from station_app.services.setup import categories
from station_app.store import Station
from station_app.textindex import index_is_exact
from ui.ops import QueryOp

PAGE_SIZE = 200
COUNT_CHUNK = 2000

# tuple layout of one stored row
F_ID, F_RECEIPT, F_DATE, F_CHANNEL, F_CATEGORY, F_TITLE, F_LOCATION, F_STATUS, F_SNIPPET = range(9)

Index = QModelIndex | QPersistentModelIndex
RowTuple = tuple[int, str, str, str, str, str, str, str, str]


class Col:
    RECEIPT, DATE, CHANNEL, CATEGORY, TITLE, LOCATION, STATUS, SNIPPET = range(8)
    HIGHLIGHTED = (TITLE, LOCATION, SNIPPET)


class Roles:
    ID = Qt.ItemDataRole.UserRole + 1
    SNIPPET = Qt.ItemDataRole.UserRole + 2


class _Page(NamedTuple):
    generation: int
    rows: list[RowTuple]
    category_names: dict[str, str] | None


def _compact(r: q.Row) -> RowTuple:
    # interning the few repeated values keeps 10k+ rows small
    return (
        r.id,
        r.receipt_no,
        r.received_at[:10],
        sys.intern(r.channel),
        sys.intern(r.category_code),
        r.title,
        r.location or "",
        sys.intern(r.status),
        r.snippet,
    )


class SuggestionTableModel(QAbstractTableModel):
    """Newest-first suggestions matching the current filters and search text."""

    total_changed = Signal(int)  # -1 while counting
    page_loaded = Signal(int)  # rows now loaded
    loading_changed = Signal(bool)
    failed = Signal(object)

    def __init__(
        self, station: Station, parent: QObject | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.page_size = page_size
        self._rows: list[RowTuple] = []
        self._filters = q.Filters()
        self._query = ""
        self._generation = 0
        self._fetching = False
        self._exhausted = True
        self._total: int | None = None
        self._category_names: dict[str, str] | None = None
        # paging must not queue behind a slow count of a common character
        self._page_pool = QThreadPool(self)
        self._page_pool.setMaxThreadCount(2)
        self._count_pool = QThreadPool(self)
        self._count_pool.setMaxThreadCount(1)
        self._headers = [
            self.tr("Receipt no."),
            self.tr("Received"),
            self.tr("Channel"),
            self.tr("Category"),
            self.tr("Title"),
            self.tr("Location"),
            self.tr("Status"),
            self.tr("Content"),
        ]

    # --- what is shown -------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> q.Filters:
        return self._filters

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._fetching

    def set_search(self, filters: q.Filters, query: str) -> None:
        """Show suggestions matching `filters` and `query`; drops whatever was loading."""
        self._filters = filters
        self._query = query.strip()
        self.reload()

    def reload(self) -> None:
        """Start over from the newest suggestion (after a search change or a save)."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._fetching = False
        self._total = None
        self.endResetModel()
        self.total_changed.emit(-1)
        self._fetch_page()
        self._start_count()

    def suggestion_id(self, row: int) -> int | None:
        if 0 <= row < len(self._rows):
            return self._rows[row][F_ID]
        return None

    def row_tuple(self, row: int) -> RowTuple:
        return self._rows[row]

    def category_name(self, code: str) -> str:
        names = self._category_names or {}
        return names.get(code, code)

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (Col.TITLE, Col.SNIPPET):
            return f"{r[F_TITLE]}\n{r[F_SNIPPET]}"
        if role == Roles.ID:
            return r[F_ID]
        if role == Roles.SNIPPET:
            return r[F_SNIPPET]
        return None

    def _display(self, r: RowTuple, col: int) -> str:
        if col == Col.RECEIPT:
            return r[F_RECEIPT]
        if col == Col.DATE:
            return r[F_DATE]
        if col == Col.CHANNEL:
            return catalogue("channel." + r[F_CHANNEL])
        if col == Col.CATEGORY:
            return self.category_name(r[F_CATEGORY])
        if col == Col.TITLE:
            return r[F_TITLE]
        if col == Col.LOCATION:
            return r[F_LOCATION]
        if col == Col.STATUS:
            return catalogue("status." + r[F_STATUS])
        return r[F_SNIPPET]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._fetch_page()

    # --- background work -----------------------------------------------------------------
    def _fetch_page(self) -> None:
        if self._fetching or self._exhausted:
            return
        self._fetching = True
        self.loading_changed.emit(True)
        generation = self._generation
        station, filters, text, limit = self.station, self._filters, self._query, self.page_size
        before = self._rows[-1][F_ID] if self._rows else None
        need_names = self._category_names is None

        def op() -> _Page:
            names = None
            if need_names:
                names = {c.code: c.name_zh for c in categories(station, active_only=False)}
            rows = q.list_page(station, filters, text, before_id=before, limit=limit)
            return _Page(generation, [_compact(r) for r in rows], names)

        QueryOp(self, op, self._page_arrived).failure(
            lambda exc: self._page_failed(generation, exc)
        ).run_in_background(self._page_pool)

    def _page_arrived(self, page: _Page) -> None:
        if page.category_names is not None:
            self._category_names = page.category_names
        if page.generation != self._generation:
            return  # a newer search started meanwhile
        self._fetching = False
        if len(page.rows) < self.page_size:
            self._exhausted = True
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        if self._exhausted and self._total is None:
            self._set_total(page.generation, len(self._rows))
        self.loading_changed.emit(False)
        self.page_loaded.emit(len(self._rows))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = True
        self.loading_changed.emit(False)
        self.failed.emit(exc)

    def _start_count(self) -> None:
        generation = self._generation
        station, filters, text = self.station, self._filters, self._query

        def op() -> tuple[int, int | None]:
            if not text or index_is_exact(text):
                # no query, or one or two characters: counted in SQL, no rows into Python
                return generation, q.count(station, filters, text)
            # a common single character can match most rows: count in chunks and give up
            # as soon as the user has typed something else
            total, before = 0, None
            while True:
                if generation != self._generation:
                    return generation, None
                rows = q.list_page(station, filters, text, before_id=before, limit=COUNT_CHUNK)
                total += len(rows)
                if len(rows) < COUNT_CHUNK:
                    return generation, total
                before = rows[-1].id
                time.sleep(0.002)  # hand the GIL back so the UI thread is not starved

        QueryOp(self, op, lambda res: self._set_total(*res)).failure(
            lambda _exc: None  # the list still works without its count
        ).run_in_background(self._count_pool)

    def _set_total(self, generation: int, total: int | None) -> None:
        if generation != self._generation or total is None or total == self._total:
            return  # stale, unknown, or already known from an exhausted first page
        self._total = total
        self.total_changed.emit(total)
