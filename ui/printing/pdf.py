"""What every printout shares: a QTextDocument laid out page by page on a printer or PDF
writer, and a PDF written whole or not at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from station_app.atomic import replacing


def paint_document(
    doc: QTextDocument, device: QPagedPaintDevice, size: QPageSize.PageSizeId, margin_mm: float
) -> None:
    """Lay a document out on a printer or PDF writer, as many pages as it needs."""
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    device.setPageLayout(
        QPageLayout(
            QPageSize(size), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
        )
    )
    # lay out in the device's own resolution so point sizes come out true on paper
    doc.documentLayout().setPaintDevice(device)
    rect = device.pageLayout().paintRectPixels(device.resolution())
    doc.setPageSize(QSizeF(float(rect.width()), float(rect.height())))
    paint_pages(doc, device)


def paint_pages(
    doc: QTextDocument,
    device: QPagedPaintDevice,
    after_page: Callable[[QPainter, int, int], None] | None = None,
) -> int:
    """Paint a laid-out document page by page (its page size is the device's page), then
    `after_page(painter, page, pages)` on each (a footer). Returns the number of pages."""
    width, height = doc.pageSize().width(), doc.pageSize().height()
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF could not be started")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * height)
            doc.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            if after_page is not None:
                after_page(painter, page, pages)
    finally:
        painter.end()
    return pages


def write_pdf(
    path: Path, title: str, paint: Callable[[QPdfWriter], object], dpi: int = 300
) -> Path:
    """A PDF painted by `paint`, on disk when this returns: written beside `path` under a
    temporary name, flushed to disk, then renamed, so a crash or a full disk never leaves a
    half file under the real name."""
    with replacing(path) as tmp:
        # QPdfWriter says nothing when it cannot open its file: open it here first, so a
        # folder that is missing or read-only raises the OSError the caller shows in words
        tmp.open("wb").close()
        writer = QPdfWriter(str(tmp))
        writer.setResolution(dpi)
        writer.setTitle(title)
        writer.setCreator("station-app")
        paint(writer)
        del writer  # finishes the file
    return Path(path)
