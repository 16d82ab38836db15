"""The category field: the list in business order with children indented under their parent,
and type-ahead: typing 电梯 (through the input method), dt (pinyin initials), dianti or lift
picks 加装电梯 without scrolling. Pinyin is worked out off the UI thread on first focus."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from station_app.services.category_search import SearchKey, best_match, search_key
from station_app.store.models import Category
from ui.ops import QueryOp

INDENT = "\u3000\u3000"  # two ideographic spaces before a child category, in the open list
CHILD_ROLE = Qt.ItemDataRole.UserRole + 1


class _IndentChildren(QStyledItemDelegate):
    """Children stand indented under their parent in the open list; the closed box shows
    the plain name."""

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(CHILD_ROLE):
            option.text = INDENT + option.text  # type: ignore[attr-defined]


class CategoryBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setItemDelegate(_IndentChildren(self))
        self.addItem(self.tr("Choose a category (type e.g. dt or 电梯)…"), "")
        self.setToolTip(
            self.tr("Type part of the name, its pinyin initials (dt) or pinyin (dianti).")
        )
        self.keys: list[SearchKey] = []  # one per category, item i + 1
        self._names: list[tuple[str, str]] = []
        self._pinyin_asked = False
        self.typed = ""
        self._since_key = QElapsedTimer()

    def set_categories(self, cats: Sequence[Category], english: bool) -> None:
        """Fill the list (keeps the placeholder first); what was chosen stays chosen."""
        chosen = self.currentData()
        while self.count() > 1:
            self.removeItem(1)
        parents = {c.code for c in cats}
        for cat in cats:
            name = cat.name_en if english else cat.name_zh
            self.addItem(name, cat.code)
            self.setItemData(
                self.count() - 1, bool(cat.parent and cat.parent in parents), CHILD_ROLE
            )
        self._names = [(c.name_zh, c.name_en) for c in cats]
        self.keys = [search_key(zh, en, with_pinyin=False) for zh, en in self._names]
        self._pinyin_asked = False
        if self.hasFocus():
            self._ask_pinyin()
        self.setCurrentIndex(max(self.findData(chosen or ""), 0))

    # pinyin, once, off the UI thread ------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.typed = ""  # each visit types afresh (the next row's "dt" is not "dtdt")
        self._ask_pinyin()

    def _ask_pinyin(self) -> None:
        if self._pinyin_asked or not self._names:
            return
        self._pinyin_asked = True
        names = list(self._names)
        QueryOp(
            self,
            op=lambda: [search_key(zh, en) for zh, en in names],
            success=self._pinyin_ready,
        ).run_in_background()

    def _pinyin_ready(self, keys: list[SearchKey]) -> None:
        if [(k.name_zh, k.name_en) for k in keys] != self._names:
            return  # the list changed meanwhile; its own request follows
        self.keys = keys
        if self.typed:
            self._pick(self.typed)

    # type-ahead ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text and text.isprintable() and not text.isspace():
            self.search(text)
            return
        if event.key() == Qt.Key.Key_Backspace and self.typed:
            self.typed = self.typed[:-1]
            self._pick(self.typed)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        """Chinese typed through the input method (拼音 → 电梯) searches the names."""
        if event.commitString():
            self.search(event.commitString())
        event.accept()

    def search(self, text: str) -> None:
        """Add `text` to what was typed (a pause starts afresh) and pick the best match."""
        if self._since_key.isValid() and self._since_key.elapsed() > max(
            QApplication.keyboardInputInterval(), 1000
        ):
            self.typed = ""
        self._since_key.start()
        self.typed += text
        self._pick(self.typed)

    def _pick(self, query: str) -> None:
        found = best_match(self.keys, query)
        if found is not None:
            self.setCurrentIndex(found + 1)
