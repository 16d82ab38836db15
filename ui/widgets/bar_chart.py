"""A small horizontal bar chart drawn with QPainter (PySide6-Essentials ships no QtCharts).

Each bar carries its own label on the left and its value printed after it, so nothing is
told by colour alone; row heights follow the font, so the chart grows with the 125% and
150% font scales instead of cutting text. `paint_bars()` is the one drawing, used by the
widget on screen and by the PDF report (`chart_image()`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionFocusRect, QWidget

ROW_FACTOR = 1.5  # row height in lines of text (on screen)
PRINT_ROW_FACTOR = 1.3  # on paper, where nobody aims a pointer at a bar
LABEL_SHARE = 0.42  # at most this much of the width goes to labels (longer ones are elided)
BAR_COLOUR = QColor("#2f6db5")  # dark enough for white-on-blue contrast, and on white


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class ChartColours:
    text: QColor
    muted: QColor
    bar: QColor
    grid: QColor


def _colours(palette: QPalette | None) -> ChartColours:
    if palette is None:
        return ChartColours(QColor("#111111"), QColor("#555555"), BAR_COLOUR, QColor("#cccccc"))
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = QColor(text)
    muted.setAlphaF(0.7)
    return ChartColours(text, muted, BAR_COLOUR, palette.color(QPalette.ColorRole.Mid))


def chart_height(
    font: QFont,
    rows: int,
    device_dpi: float | None = None,
    *,
    titled: bool = True,
    row_factor: float = ROW_FACTOR,
) -> float:
    """Height needed for a title (unless `titled` is false) and `rows` bars (at least one
    row: "no data")."""
    fm = QFontMetricsF(font) if device_dpi is None else _metrics(font, device_dpi)
    title = QFont(font)
    title.setBold(True)
    tm = QFontMetricsF(title) if device_dpi is None else _metrics(title, device_dpi)
    head = tm.height() * 1.6 if titled else 0.0
    return head + max(rows, 1) * fm.height() * row_factor + fm.height() * 0.3


def _metrics(font: QFont, dpi: float) -> QFontMetricsF:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return QFontMetricsF(font, image)


def paint_bars(
    painter: QPainter,
    rect: QRectF,
    title: str,
    bars: Sequence[Bar],
    font: QFont,
    *,
    empty_text: str,
    palette: QPalette | None = None,
    row_factor: float = ROW_FACTOR,
) -> None:
    """Draw the title (none when empty: the PDF has its own heading), then one row per
    bar: label, bar (scaled to the largest), value."""
    colours = _colours(palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = rect.top()
    if title:
        title_font = QFont(font)
        title_font.setBold(True)
        painter.setFont(title_font)
        tm = QFontMetricsF(title_font, painter.device())
        painter.setPen(colours.text)
        title_rect = QRectF(rect.left(), rect.top(), rect.width(), tm.height() * 1.4)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            tm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        top += tm.height() * 1.6
    painter.setFont(font)
    fm = QFontMetricsF(font, painter.device())
    row_h = fm.height() * row_factor
    if not bars:
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(rect.left(), top, rect.width(), row_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            empty_text,
        )
        painter.restore()
        return
    gap = fm.horizontalAdvance("中")
    label_w = min(max(fm.horizontalAdvance(b.label) for b in bars), rect.width() * LABEL_SHARE)
    value_w = max(fm.horizontalAdvance(str(b.value)) for b in bars) + gap * 0.5
    bar_left = rect.left() + label_w + gap
    bar_span = max(rect.right() - bar_left - value_w - gap * 0.5, 1.0)
    biggest = max(b.value for b in bars) or 1
    painter.setPen(QPen(colours.grid, 1))
    painter.drawLine(bar_left, top, bar_left, top + row_h * len(bars))
    for i, bar in enumerate(bars):
        y = top + i * row_h
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(rect.left(), y, label_w, row_h),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_w),
        )
        width = bar_span * bar.value / biggest
        if bar.value > 0:
            width = max(width, 2.0)  # a 1 beside a 1000 still shows
            painter.fillRect(QRectF(bar_left, y + row_h * 0.18, width, row_h * 0.64), colours.bar)
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(bar_left + width + gap * 0.4, y, value_w + gap, row_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            str(bar.value),
        )
    painter.restore()


def chart_image(
    title: str, bars: Sequence[Bar], font: QFont, width_px: int, dpi: float, empty_text: str
) -> QImage:
    """The chart as an image at `dpi` (for the PDF): white background, the same drawing with
    print-sized rows; an empty title draws no title row."""
    height = (
        int(chart_height(font, len(bars), dpi, titled=bool(title), row_factor=PRINT_ROW_FACTOR)) + 4
    )
    image = QImage(width_px, height, QImage.Format.Format_ARGB32)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_bars(
            painter,
            QRectF(0, 0, width_px, height),
            title,
            bars,
            font,
            empty_text=empty_text,
            row_factor=PRINT_ROW_FACTOR,
        )
    finally:
        painter.end()
    return image


class BarChart(QWidget):
    """Horizontal bars with labels and values; focusable, its figures readable by a screen
    reader (accessible description lists every label and value)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._bars: list[Bar] = []
        self._empty_text = self.tr("No data for this period")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)
        self._describe()

    @property
    def title(self) -> str:
        return self._title

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = list(bars)
        self._describe()
        self.updateGeometry()
        self.update()

    def text_summary(self) -> str:
        """What the chart says, in words ("当面：12；电话：5")."""
        if not self._bars:
            return self._empty_text
        return "；".join(f"{b.label}：{b.value}" for b in self._bars)

    def _describe(self) -> None:
        self.setAccessibleDescription(self.text_summary())
        self.setToolTip(self.text_summary())

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        labels = max((fm.horizontalAdvance(b.label) for b in self._bars), default=0)
        width = labels + fm.horizontalAdvance("中") * 12
        return QSize(max(width, 320), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        height = int(chart_height(self.font(), len(self._bars))) + 8
        return QSize(self.fontMetrics().horizontalAdvance("中") * 14, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            paint_bars(
                painter,
                rect,
                self._title,
                self._bars,
                self.font(),
                empty_text=self._empty_text,
                palette=self.palette(),
            )
            if self.hasFocus():
                option = QStyleOptionFocusRect()
                option.initFrom(self)
                self.style().drawPrimitive(
                    QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
                )
        finally:
            painter.end()
