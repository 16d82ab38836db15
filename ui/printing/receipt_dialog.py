"""The receipt dialog shown after saving: the receipt itself, Print…, Export PDF…, and
New suggestion (which clears the form for the next person)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error
from ui.printing.receipt import (
    ReceiptData,
    export_pdf,
    paint_receipt,
    receipt_document,
    receipt_font,
)
from ui.theme import fit_to_screen, follow_font


class ReceiptDialog(QDialog):
    new_suggestion = Signal()
    printed = Signal(str)  # "receipt" or "receipt PDF", once it went to the printer or file

    def __init__(
        self, data: ReceiptData, parent: QWidget | None = None, *, reprint: bool = False
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.reprint = reprint
        self.setWindowTitle(self.tr("Receipt %1").replace("%1", data.receipt_no))
        self.view = QTextBrowser()
        self.document = receipt_document(data, self.font().pointSizeF())
        self.document.setParent(self)
        self.view.setDocument(self.document)
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        # after saving: on to the next person; a reprint from the detail view just closes
        self.new_button = QPushButton(self.tr("Close") if reprint else self.tr("New suggestion"))
        self.new_button.setDefault(True)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.new_button.clicked.connect(self._new)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.new_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)
        lay.addLayout(buttons)
        follow_font(self, self._fit)

    def _fit(self) -> None:
        """The receipt in the dialog's text size; the dialog as tall as the receipt but never
        taller than the screen (the receipt scrolls, the buttons stay in sight)."""
        self.document.setDefaultFont(receipt_font(self.font().pointSizeF()))
        line = self.fontMetrics().lineSpacing()
        width = line * 30
        self.document.setTextWidth(width - 2 * line)
        height = round(self.document.size().height()) + self.new_button.sizeHint().height()
        self.resize(width, height + 3 * line)
        fit_to_screen(self)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        try:
            paint_receipt(self.data, printer)
        except OSError as exc:  # the printer could not be started: say so, keep the dialog
            show_error(self, exc)
            return
        self.printed.emit("receipt")

    def ask_pdf(self) -> None:
        suggested = str(Path.home() / f"{self.data.receipt_no}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export receipt as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        try:
            export_pdf(self.data, path)
        except OSError as exc:
            show_error(self, exc)
            return False
        self.note.setText(self.tr("Saved to %1").replace("%1", str(path)))
        self.printed.emit("receipt PDF")
        return True

    def _new(self) -> None:
        if not self.reprint:
            self.new_suggestion.emit()
        self.accept()
