"""A table cell painter that marks the search hits in a cell's text (title, location, snippet).

Where the hits are comes from `station_app.textindex.highlight_spans`, the same folding rules
the search uses, so what is marked is exactly what matched. Painting is manual (no
QTextDocument per cell) so that scrolling a long list stays cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from station_app.textindex import highlight_spans

HIT_BACKGROUND = QColor("#ffd54f")
HIT_TEXT = QColor("#000000")
PADDING = 4


class HighlightDelegate(QStyledItemDelegate):
    """Paints DisplayRole text with every occurrence of the current query on a yellow mark."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._query = ""

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, query: str) -> None:
        self._query = query.strip()

    def spans(self, text: str) -> list[tuple[int, int]]:
        return highlight_spans(self._query, text) if self._query else []

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        spans = self.spans(text) if isinstance(text, str) else []
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws background, focus and selection; we draw the text
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        normal_color = opt.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(PADDING // 2, 0, -PADDING // 2, 0)
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(opt.font)
        self._draw_runs(painter, rect, text, spans, normal_color, QFontMetrics(opt.font))
        painter.restore()

    def _draw_runs(
        self,
        painter: QPainter,
        rect: QRect,
        text: str,
        spans: list[tuple[int, int]],
        normal_color: QColor,
        fm: QFontMetrics,
    ) -> None:
        pieces: list[tuple[str, bool]] = []
        pos = 0
        for start, end in spans:
            if start > pos:
                pieces.append((text[pos:start], False))
            pieces.append((text[start:end], True))
            pos = end
        if pos < len(text):
            pieces.append((text[pos:], False))

        x = rect.left()
        height = fm.height()
        top = rect.top() + (rect.height() - height) // 2
        baseline = top + fm.ascent()
        ellipsis_w = fm.horizontalAdvance("…")
        for piece, hit in pieces:
            piece = piece.replace("\n", " ")
            width = fm.horizontalAdvance(piece)
            overflow = x + width > rect.right()
            if overflow:
                piece = fm.elidedText(piece, Qt.TextElideMode.ElideRight, rect.right() - x)
                width = fm.horizontalAdvance(piece)
                if not piece and x + ellipsis_w <= rect.right() + 1:
                    piece, width = "…", ellipsis_w
            if hit and piece:
                painter.fillRect(QRect(x, top, width, height), HIT_BACKGROUND)
            painter.setPen(HIT_TEXT if hit else normal_color)
            painter.drawText(x, baseline, piece)
            x += width
            if overflow:
                break
