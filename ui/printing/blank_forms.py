"""Blank paper suggestion forms (人民建议征集表) from the postbox page: A4 or A5, how many,
then Print… (the print dialog) or Save as PDF….

The forms are numbered and recorded, and their pages drawn, by station_app
(`postbox.form_printing`) off the UI thread; this dialog only paints the finished page
images on the printer, one form a page, edge to edge (the corner marks are part of the
drawing, and the printer's own margins never move them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from station_app.postbox.form_printing import form_pages, write_forms_pdf
from station_app.postbox.form_serials import MAX_COUNT
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5}


def paint_forms(pages: list[Image.Image], printer: QPrinter, paper: str) -> None:
    """Paint each page image over a whole printer page (no margins)."""
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            gray = page.convert("L")
            image = QImage(
                gray.tobytes(), gray.width, gray.height, gray.width, QImage.Format.Format_Grayscale8
            )
            rect = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRect(0, 0, rect.width(), rect.height()), image)
    finally:
        painter.end()


class BlankFormsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Blank suggestion forms"))
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "A4")
        self.paper.addItem(self.tr("A5"), "A5")
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(10)
        intro = QLabel(
            self.tr(
                "Each form gets its own number and a QR code, so that a filled form coming "
                "back through the postbox is read field by field. The numbers printed are "
                "recorded."
            )
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        close = QPushButton(self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("How many"), self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        close.clicked.connect(self.accept)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        # a window does not take the height its wrapped text needs at its width: ask for it
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def chosen(self) -> tuple[str, int]:
        return str(self.paper.currentData()), self.count.value()

    def _busy(self, busy: bool, text: str = "") -> None:
        self.print_button.setEnabled(not busy)
        self.pdf_button.setEnabled(not busy)
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        show_error(self, exc)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(PAGE_SIZES[self.chosen()[0]]))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Number, record and draw the forms off the UI thread, then paint them."""
        station, actor = self.ctx.station, self.ctx.require_operator()
        paper, count = self.chosen()
        self._busy(True, self.tr("Preparing the forms…"))

        def done(result: tuple[list[Any], list[Image.Image]]) -> None:
            sheets, pages = result
            try:
                paint_forms(pages, printer, paper)
            except OSError as exc:
                self._failed(exc)
                return
            self._busy(False, self._said(sheets, self.tr("Sent to the printer")))

        # a write (the serials are recorded) that no open view shows
        WriteOp(
            self,
            op=lambda: form_pages(station, actor, paper, count),
            success=done,
            changes=Change.NONE,
        ).failure(self._failed).run_in_background()

    def ask_pdf(self) -> None:
        paper, count = self.chosen()
        suggested = str(Path.home() / f"征集表-{paper}-{count}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save blank forms as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        station, actor = self.ctx.station, self.ctx.require_operator()
        paper, count = self.chosen()
        self._busy(True, self.tr("Preparing the forms…"))
        WriteOp(
            self,
            op=lambda: write_forms_pdf(station, actor, path, paper, count),
            success=lambda sheets: self._busy(
                False, self._said(sheets, self.tr("Saved to %1").replace("%1", str(path)))
            ),
            changes=Change.NONE,
        ).failure(self._failed).run_in_background()

    def _said(self, sheets: list[Any], where: str) -> str:
        return (
            self.tr("%1: forms %2 to %3.")
            .replace("%1", where)
            .replace("%2", sheets[0].form_id.serial)
            .replace("%3", sheets[-1].form_id.serial)
        )
