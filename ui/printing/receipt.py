"""The receipt a suggester takes home: number (big), date, station, who recorded it, title
and a short summary, how the station will reply, how to follow up (the station's phone),
and a QR code of the number.

`receipt_document()` is the one layout; the dialog shows it, `print_receipt()` and
`export_pdf()` paint it on a QPrinter or a QPdfWriter.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass
from pathlib import Path

import segno
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageSize,
    QTextDocument,
)

from station_app.domain import FeedbackMethod
from station_app.i18n import tr as catalogue
from station_app.services.forms import SuggestionForm
from station_app.services.setup import StationInfo
from station_app.services.suggestions import Recorded
from ui.printing.pdf import paint_document, write_pdf
from ui.theme import UiSettings, cjk_family

QR_URL = QUrl("receipt://qr.png")
SUMMARY_CHARS = 80


@dataclass
class ReceiptData:
    receipt_no: str
    received_at: str  # ISO
    station_name: str
    station_code: str
    recorded_by: str
    title: str
    summary: str
    contact: str  # how to reach the station: its phone (and address, if one is set)
    reply_by: str = ""  # how the suggester will be told: 电话 / 不需要回复 …

    @classmethod
    def build(
        cls,
        rec: Recorded,
        form: SuggestionForm,
        info: StationInfo | None,
        recorded_by: str,
        settings: UiSettings,
    ) -> ReceiptData:
        content = " ".join(form.content.split())
        summary = content[:SUMMARY_CHARS] + ("…" if len(content) > SUMMARY_CHARS else "")
        # a phone to call; a district and street are no contact, so only a set address shows
        phone = info.phone if info is not None else ""
        contact = "  ".join(p for p in (phone, settings.station_address) if p)
        person = form.suggester
        wants = person.wants_feedback and not person.anonymous
        method = person.feedback_method if wants else FeedbackMethod.NONE
        return cls(
            receipt_no=rec.receipt_no,
            received_at=rec.received_at,
            station_name=info.name if info else "",
            station_code=info.code if info else "",
            recorded_by=recorded_by,
            title=" ".join(form.title.split()),
            summary=summary,
            contact=contact,
            reply_by=catalogue(f"feedback.{method}"),
        )

    def when(self) -> str:
        try:
            return dt.datetime.fromisoformat(self.received_at).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.received_at


def qr_image(text: str, scale: int = 6) -> QImage:
    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=2)
    image = QImage()
    image.loadFromData(buf.getvalue(), "PNG")
    return image


def receipt_font(point_size: float = 11.0) -> QFont:
    font = QFont()
    family = cjk_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    return font


def receipt_html(data: ReceiptData) -> str:
    e = html.escape
    heading = QCoreApplication.translate("Receipt", "People's Suggestion Receipt")
    number = QCoreApplication.translate("Receipt", "Receipt number")
    follow_up = QCoreApplication.translate("Receipt", "How to follow up")
    follow = QCoreApplication.translate(
        "Receipt", "To ask about this suggestion, quote the receipt number."
    )
    contact_label = QCoreApplication.translate("Receipt", "Station contact")
    thanks = QCoreApplication.translate("Receipt", "Thank you for your suggestion.")
    rows = [
        (QCoreApplication.translate("Receipt", "Date and time"), data.when()),
        (
            QCoreApplication.translate("Receipt", "Station"),
            f"{data.station_name}（{data.station_code}）",
        ),
        (QCoreApplication.translate("Receipt", "Recorded by"), data.recorded_by),
        (QCoreApplication.translate("Receipt", "Title"), data.title),
        (QCoreApplication.translate("Receipt", "Summary"), data.summary),
        (QCoreApplication.translate("Receipt", "Reply by"), data.reply_by),
    ]
    table = "".join(
        f'<tr><td width="25%" style="color:#555555">{e(k)}</td><td>{e(v)}</td></tr>'
        for k, v in rows
    )
    colon = QCoreApplication.translate("Receipt", ": ")  # "：" in Chinese
    contact = f"<p>{e(contact_label)}{colon}{e(data.contact)}</p>" if data.contact else ""
    big = "font-family:'DejaVu Sans Mono', monospace; font-size:18pt; font-weight:bold"
    return f"""
<h2 align="center">{e(heading)}</h2>
<p align="center" style="color:#555555">{e(number)}</p>
<p align="center" style="{big}; white-space:nowrap">{e(data.receipt_no)}</p>
<hr>
<table width="100%" cellspacing="0" cellpadding="0"><tr>
<td valign="top"><table width="100%" cellspacing="0" cellpadding="3">{table}</table></td>
<td valign="top" align="right" width="120"><img src="{QR_URL.toString()}" width="110" height="110"></td>
</tr></table>
<hr>
<p><b>{e(follow_up)}</b></p>
<p>{e(follow)}</p>
{contact}
<p style="color:#555555">{e(thanks)}</p>
"""


def receipt_document(data: ReceiptData, point_size: float = 11.0) -> QTextDocument:
    """The one receipt layout, for screen, printer and PDF."""
    doc = QTextDocument()
    doc.setDefaultFont(receipt_font(point_size))
    doc.addResource(QTextDocument.ResourceType.ImageResource, QR_URL, qr_image(data.receipt_no))
    doc.setHtml(receipt_html(data))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, data.receipt_no)
    return doc


def paint_receipt(data: ReceiptData, device: QPagedPaintDevice) -> None:
    """The receipt on a printer or PDF writer (A5, 12 mm margins)."""
    paint_document(receipt_document(data), device, QPageSize.PageSizeId.A5, 12)


def export_pdf(data: ReceiptData, path: Path) -> Path:
    return write_pdf(path, data.receipt_no, lambda device: paint_receipt(data, device))
