"""Under the page in the review: which way the app turned the page to read it, and one key
(Ctrl+R) to read it again turned as the reviewer shows it, when the app's choice was wrong.

The reviewer turns the page on screen with Ctrl+[ / Ctrl+] until it is upright, then Ctrl+R:
the stored page is turned that way and read again by an OCR worker, off the UI thread
(`station_app.postbox.reread`). Without a turn on screen, Ctrl+R turns it upside down (the
usual wrong guess). `reread(PageRef)` is emitted when the new reading is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from station_app.postbox.pages import PageRef
from station_app.postbox.reread import reread_page
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.widgets.page_viewer import PageViewer


class PageTurnBar(QWidget):
    """The rotation line and the "turn and read again" button for the page on screen."""

    reread = Signal(object)  # PageRef, read again

    def __init__(
        self,
        ctx: AppContext,
        viewer: PageViewer,
        parent: QWidget | None = None,
        *,
        shortcut_scope: QWidget | None = None,
        allowed: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.viewer = viewer
        self.allowed = allowed  # e.g. "the reviewer's corrections may be dropped"
        self.page: PageRef | None = None
        self.busy = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setProperty("role", "hint")
        self.button = QPushButton(self.tr("Turn as shown and read again (Ctrl+R)"))
        self.button.setToolTip(
            self.tr(
                "Wrong way up? Turn the page upright with Ctrl+[ or Ctrl+], then Ctrl+R "
                "reads it again. Without a turn, Ctrl+R turns it upside down."
            )
        )
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+R from anywhere instead
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button)
        self.button.clicked.connect(self.turn_and_read)
        QShortcut(
            QKeySequence("Ctrl+R"),
            shortcut_scope or self,
            self.turn_and_read,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.show_page(None)

    def rotation_text(self, rotation: int | None) -> str:
        """How the app turned the page (rotation is counter-clockwise degrees)."""
        if not rotation:
            return self.tr("Read as scanned: the app did not turn this page.")
        return {
            90: self.tr("The app turned this page a quarter turn to the left (90°) to read it."),
            180: self.tr("The app turned this page upside down (180°) to read it."),
            270: self.tr("The app turned this page a quarter turn to the right (90°) to read it."),
        }.get(rotation % 360, "")

    def show_page(self, page: PageRef | None) -> None:
        self.page = page
        self.label.setText(self.rotation_text(page.rotation) if page else "")
        self.button.setEnabled(page is not None and not self.busy)

    def turn(self) -> int:
        """Degrees clockwise to turn the stored page: as on screen, or 180 if not turned."""
        return self.viewer.rotation % 360 or 180

    def turn_and_read(self) -> None:
        page = self.page
        if page is None or self.busy or not self.allowed():
            return
        turn = self.turn()
        station, actor = self.ctx.station, self.ctx.require_operator()
        self.busy = True
        self.button.setEnabled(False)
        self.label.setText(self.tr("Reading the page again, turned %1°…").replace("%1", str(turn)))
        WriteOp(
            self,
            op=lambda: reread_page(station, actor, page.page_id, turn),
            success=self._done,
            changes=Change.POSTBOX,
            notifier=self.ctx.notifier,
        ).failure(self._failed).run_in_background()

    def _done(self, page: PageRef) -> None:
        self.busy = False
        self.show_page(page)
        self.reread.emit(page)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.show_page(self.page)
        show_error(self, exc)
