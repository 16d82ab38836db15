"""A scanned page on screen: zoom (Ctrl++ / Ctrl+- / Ctrl+wheel; Ctrl+0 whole page, Ctrl+9
page width), rotate 90° (Ctrl+[ / Ctrl+]) and pan (drag, arrow keys, scroll bars).

A letter is a tall page with its text near the top: fitted whole beside a form it is too
small to read, so a viewer made with `fit="width"` fits the page's width and shows its top.

The page's bytes are decrypted and decoded on a QueryOp worker (`decode_page`), never on the
UI thread: QImageReader reads the header first and decodes straight to a bounded size, so a
600 dpi scan costs the UI thread only the QPixmap upload. The bytes never touch the disk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.ops import QueryOp

# the longest side a page is decoded to: readable at 200% on a laptop screen, small in memory
MAX_SIDE = 3200
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.05, 8.0


class PageUnreadable(Exception):
    """The stored page bytes are not an image Qt can decode."""


def decode_page(data: bytes, max_side: int = MAX_SIDE) -> QImage:
    """Decode image bytes to a QImage no larger than `max_side` (run this off the UI thread).

    The size is read from the header and the decoder is told the target size, so a huge scan
    is never held at full resolution.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        reader.setScaledSize(
            size.scaled(QSize(max_side, max_side), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    if image.isNull():
        raise PageUnreadable(reader.errorString())
    return image


class _View(QGraphicsView):
    wheel_zoom = Signal(int)  # +1 in, -1 out
    resized = Signal()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.wheel_zoom.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()


class PageViewer(QWidget):
    """A toolbar (smaller, larger, whole page, page width, turn left/right, the zoom figure)
    over the page.

    `show_page(loader)` runs `loader()` (returns the page's image bytes) on a worker and
    shows the result; `set_image()` shows an image already decoded. Shortcuts act while the
    focus is anywhere inside `shortcut_scope` (default: this widget).
    """

    loaded = Signal()
    failed = Signal(str)
    zoom_changed = Signal(float)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        shortcut_scope: QWidget | None = None,
        fit: str = "page",
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.zoom = 1.0
        self.rotation = 0
        self.default_fit = fit  # "page" or "width": how a newly shown page is fitted
        self.fit_mode: str | None = fit  # None: the zoom was set by hand
        self._request = 0
        self.image_size = QSize()

        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _View(self.scene, self)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.view.setAccessibleName(self.tr("Scanned page"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if fit == "width":
            # a page fitted to its width is taller than the view: the bar is always needed,
            # and one that came and went would change the width the page is fitted to
            self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.wheel_zoom.connect(lambda step: self.zoom_in() if step > 0 else self.zoom_out())
        self.view.resized.connect(self._refit)

        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.hide()

        def button(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.clicked.connect(slot)
            return b

        # words on the buttons (plain for older eyes); `compact` (a small preview): signs only
        def label(sign: str, words: str) -> str:
            return sign if compact else f"{sign} {words}".strip()

        self.zoom_out_button = button(
            label("−", self.tr("Smaller")), self.tr("Zoom out (Ctrl+-)"), self.zoom_out
        )
        self.zoom_in_button = button(
            label("+", self.tr("Larger")), self.tr("Zoom in (Ctrl++)"), self.zoom_in
        )
        self.fit_button = button(
            "⤢" if compact else self.tr("Whole page"),
            self.tr("Show the whole page (Ctrl+0)"),
            self.fit,
        )
        self.fit_width_button = button(
            "↔" if compact else self.tr("Page width"),
            self.tr("Fit the page's width (Ctrl+9)"),
            self.fit_width,
        )
        self.rotate_left_button = button(
            label("⟲", self.tr("Turn left")),
            self.tr("Turn the page left (Ctrl+[)"),
            lambda: self.rotate(-90),
        )
        self.rotate_right_button = button(
            label("⟳", self.tr("Turn right")),
            self.tr("Turn the page right (Ctrl+])"),
            lambda: self.rotate(90),
        )
        self.zoom_label = QLabel(self)
        self.zoom_label.setProperty("role", "hint")
        self.zoom_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for b in self.buttons():
            bar.addWidget(b)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.message, 1)
        self.install_shortcuts(shortcut_scope or self)
        self._update_label()

    def buttons(self) -> list[QToolButton]:
        """The toolbar buttons, left to right (Tab reaches them after the page)."""
        return [
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.fit_width_button,
            self.rotate_left_button,
            self.rotate_right_button,
        ]

    def install_shortcuts(self, scope: QWidget) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit),
            (QKeySequence("Ctrl+9"), self.fit_width),
            (QKeySequence("Ctrl+["), lambda: self.rotate(-90)),
            (QKeySequence("Ctrl+]"), lambda: self.rotate(90)),
        ]
        seen: set[str] = set()
        for seq, slot in keys:
            text = seq.toString()
            if not text or text in seen:
                continue
            seen.add(text)
            QShortcut(seq, scope, slot, context=context)

    # loading -------------------------------------------------------------------------------
    def show_page(self, loader: Callable[[], bytes]) -> None:
        """Fetch and decode the page on a worker; a later call wins over an earlier one."""
        self._request += 1
        request = self._request
        self._show_message(self.tr("Loading the page…"))

        def work() -> QImage:
            return decode_page(loader())

        def done(image: QImage) -> None:
            if request == self._request:
                self.set_image(image)

        def fail(exc: BaseException) -> None:
            if request != self._request:
                return
            from ui.errors import error_text

            text = (
                self.tr("This page cannot be shown.")
                if isinstance(exc, PageUnreadable)
                else error_text(exc)
            )
            self._show_message(text)
            self.failed.emit(text)

        QueryOp(self, op=work, success=done).failure(fail).run_in_background()

    def set_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.image_size = image.size()
        self.scene.setSceneRect(self.item.boundingRect())
        self.rotation = 0
        self.message.hide()
        self.view.show()
        self.fit_width() if self.default_fit == "width" else self.fit()
        self.loaded.emit()

    def clear(self) -> None:
        self._request += 1
        self.item.setPixmap(QPixmap())
        self.image_size = QSize()
        self._show_message(self.tr("No page"))

    def has_image(self) -> bool:
        return not self.item.pixmap().isNull()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.view.hide()
        self.message.show()

    # zoom and rotation ---------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self.fit_mode = None
        self._apply(min(max(zoom, ZOOM_MIN), ZOOM_MAX))

    def rotate(self, degrees: int) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self._apply(self._fit_zoom() if self.fit_mode else self.zoom)
        if self.fit_mode == "width":
            self._show_top()

    def fit(self) -> None:
        """Scale so the whole (turned) page shows; stays fitted as the view is resized."""
        self.fit_mode = "page"
        self._apply(self._fit_zoom())

    def fit_width(self) -> None:
        """Scale so the (turned) page's width fills the view, and show its top."""
        self.fit_mode = "width"
        self._apply(self._fit_zoom())
        self._show_top()

    def _show_top(self) -> None:
        self.view.verticalScrollBar().setValue(self.view.verticalScrollBar().minimum())

    def _fit_zoom(self) -> float:
        if self.image_size.isEmpty():
            return 1.0
        w, h = self.image_size.width(), self.image_size.height()
        if self.rotation in (90, 270):
            w, h = h, w
        area = self.view.viewport().size()
        margin = 8
        if self.fit_mode == "width":
            return max(min((area.width() - margin) / w, ZOOM_MAX), ZOOM_MIN)
        return max(
            min((area.width() - margin) / w, (area.height() - margin) / h, ZOOM_MAX), ZOOM_MIN
        )

    def _refit(self) -> None:
        if self.fit_mode:
            self._apply(self._fit_zoom())

    def _apply(self, zoom: float) -> None:
        self.zoom = zoom
        self.view.setTransform(QTransform().rotate(self.rotation).scale(zoom, zoom))
        self._update_label()
        self.zoom_changed.emit(zoom)

    def _update_label(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
