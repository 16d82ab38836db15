"""The monthly report as PDF: the summary (the same lines as the XLSX summary sheet), then
the last 12 months as a bar chart, and each breakdown of the month as a bar chart and a
table (count and share). Counts only: nothing personal is ever in it.

One QTextDocument (like the receipt), laid out in the PDF's own pixels on A4 and painted page
by page; a section that would be split moves to the next page. Charts are drawn by
`ui.widgets.bar_chart.paint_bars` into images at the PDF's resolution. `export_report_pdf()` checks the right to export, writes a temp file beside the
target and renames it (a crash leaves no half file), then audit-logs the export.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from station_app.followup.reports import (
    StationStats,
    breakdown_sheets,
    log_report_export,
    month_label,
    month_report,
    summary_rows,
)
from station_app.i18n import tr as catalogue
from station_app.store import Station
from station_app.store.models import Operator
from ui.printing.pdf import paint_pages, write_pdf
from ui.printing.receipt import receipt_font
from ui.widgets.bar_chart import Bar, chart_image

POINT_SIZE = 10.0
DPI = 300
TABLE = (
    'width="100%" cellspacing="0" cellpadding="3" border="1" '
    'style="border-collapse:collapse; border-color:#999999"'
)


def _chart_url(n: int) -> QUrl:
    return QUrl(f"report://chart-{n}.png")


def report_html(stats: StationStats, year: int, month: int, chart_width: int) -> str:
    e = html.escape
    heading = catalogue("report.heading", month=month_label(year, month))
    summary = "".join(
        f'<tr><td width="45%">{e(k)}</td><td align="right"><b>{e(v)}</b></td></tr>'
        for k, v in summary_rows(stats)
    )
    parts = [
        f'<h2 align="center">{e(heading)}</h2>',
        f'<p align="center">{e(stats.station_name)}（{e(stats.station_code)}）</p>',
        f"<table {TABLE}>{summary}</table>",
    ]
    head = "".join(
        f'<th align="{a}" width="{w}" style="background:#eeeeee">{e(h)}</th>'
        for h, a, w in (
            (catalogue("report.col.name"), "left", "60%"),
            (catalogue("report.col.count"), "right", "20%"),
            (catalogue("report.col.share"), "right", "20%"),
        )
    )
    for n, (sheet_title, _name_header, buckets) in enumerate(breakdown_sheets(stats)):
        total = sum(b.count for b in buckets)
        rows = "".join(
            f'<tr><td>{e(b.label)}</td><td align="right">{b.count}</td>'
            f'<td align="right">{(b.count / total * 100 if total else 0):.1f}%</td></tr>'
            for b in buckets
        )
        image = f'<p><img src="{_chart_url(n).toString()}" width="{chart_width}"></p>'
        if n == 0:
            # the 12 months: the chart prints every count, and a share of a year says little
            note = f"<p>{e(catalogue('report.trend_note'))}</p>"
            parts.append(f"<h3>{e(sheet_title)}</h3>{note}{image}")
        else:
            table = f"<table {TABLE}><tr>{head}</tr>{rows}</table>"
            parts.append(f"<h3>{e(sheet_title)}</h3>{image}{table}")
    return "\n".join(parts)


def report_document(
    stats: StationStats, year: int, month: int, device: QPagedPaintDevice
) -> QTextDocument:
    """The report laid out in `device`'s pixels, paged to its page size, each section moved
    to the next page when it would be split and fits on one."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = receipt_font(POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    rect = device.pageLayout().paintRectPixels(device.resolution())
    width = rect.width()
    empty = catalogue("report.not_available")
    for n, (_title, _h, buckets) in enumerate(breakdown_sheets(stats)):
        image = chart_image(
            "",  # the section's heading is the title
            [Bar(b.label, b.count) for b in buckets],
            font,
            width - 8,
            float(device.resolution()),
            empty,
        )
        doc.addResource(QTextDocument.ResourceType.ImageResource, _chart_url(n), image)
    doc.setHtml(report_html(stats, year, month, round((width - 8) / _image_scale(device))))
    doc.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle,
        catalogue("report.title", station=stats.station_name, month=month_label(year, month)),
    )
    doc.setPageSize(QSizeF(width, rect.height() - _footer_height(device)))
    _keep_sections_together(doc)
    return doc


def _image_scale(device: QPagedPaintDevice) -> float:
    """QTextDocument draws an <img> on a printer or PDF at (device dpi / screen dpi) times the
    size the HTML asks for (Qt's QTextImageHandler), so the chart's HTML width is divided by
    that to make it exactly as wide as the text."""
    screen = QGuiApplication.primaryScreen()
    screen_dpi = round(screen.logicalDotsPerInchY()) if screen is not None else 100
    return device.logicalDpiY() / max(screen_dpi, 1)


def _footer_height(device: QPagedPaintDevice) -> float:
    return QFontMetricsF(receipt_font(POINT_SIZE - 1), device).height() * 2


def _keep_sections_together(doc: QTextDocument) -> None:
    """Start a section on a new page when its heading, chart and first table rows would be
    split across pages; a long table may go on over the page, its header row repeated."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    line = QFontMetricsF(doc.defaultFont(), layout.paintDevice()).height()
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            fmt = frame.format()
            fmt.setHeaderRowCount(1)
            frame.setFormat(fmt)
    blocks = _blocks(doc)
    starts = [n for n, b in enumerate(blocks) if b.blockFormat().headingLevel() == 3]
    for i, first in enumerate(starts):
        block = blocks[first]
        top = layout.blockBoundingRect(block).top()
        end = starts[i + 1] if i + 1 < len(starts) else len(blocks)
        table = next((b for b in blocks[first:end] if QTextCursor(b).currentTable()), None)
        if table is not None:  # the chart and the header with three rows, about
            bottom = _top_in_document(layout, table) + line * 1.4 * 4
        elif end < len(blocks):
            bottom = layout.blockBoundingRect(blocks[end]).top()
        else:
            bottom = layout.documentSize().height()
        if bottom - top < page and int(top // page) != int((bottom - 1) // page):
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).mergeBlockFormat(fmt)


def _top_in_document(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """A block's top in document coordinates (a table cell's rect is its frame's)."""
    table = QTextCursor(block).currentTable()
    if table is None:
        return layout.blockBoundingRect(block).top()
    return layout.frameBoundingRect(table).top()


def _blocks(doc: QTextDocument) -> list[QTextBlock]:
    found = []
    block = doc.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def paint_report(stats: StationStats, year: int, month: int, device: QPagedPaintDevice) -> int:
    """Paint every page, with "page / pages" at the foot. Returns the number of pages."""
    doc = report_document(stats, year, month, device)
    width, height = doc.pageSize().width(), doc.pageSize().height()
    footer_font = receipt_font(POINT_SIZE - 1)

    def footer(painter: QPainter, page: int, pages: int) -> None:
        painter.setFont(footer_font)
        painter.drawText(
            QRectF(0, height, width, _footer_height(device)),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            f"{page + 1} / {pages}",
        )

    return paint_pages(doc, device, footer)


def write_report_pdf(stats: StationStats, year: int, month: int, path: Path) -> Path:
    """Lay the report out on A4 (15 mm margins) and write it atomically to `path`."""

    def paint(writer: QPdfWriter) -> None:
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        paint_report(stats, year, month, writer)

    return write_pdf(path, f"{stats.station_code} {year:04d}-{month:02d}", paint, DPI)


def export_report_pdf(
    station: Station, actor: Operator, year: int, month: int, path: Path
) -> StationStats:
    """The monthly report as PDF (admins: PERMISSIONS['export']), audit-logged like the XLSX."""
    stats = month_report(station, actor, year, month)
    write_report_pdf(stats, year, month, path)
    log_report_export(station, actor, year, month, "pdf", stats.total)
    return stats
