"""Two printouts of group sessions and questionnaires, laid out like the receipt
(`ui/printing/pdf.py`: one QTextDocument for printer and PDF):

- the session's receipts on one A4 sheet, one strip per speaker to cut and hand out (receipt
  number, title, date, how to follow up);
- a campaign's paper questionnaire: each question with boxes to tick (single and multiple
  choice, yes/no), the scale's numbers to circle, lines to write on.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPagedPaintDevice, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from station_app.services.campaigns import Campaign
from station_app.services.sessions import SessionInfo, SpeakerReceipt
from station_app.services.setup import StationInfo
from ui.printing.pdf import paint_document, write_pdf
from ui.printing.receipt import receipt_font

BOX = "☐"


def _when(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def receipts_html(
    session: SessionInfo, receipts: list[SpeakerReceipt], station: StationInfo | None, contact: str
) -> str:
    e = html.escape
    number = e(QCoreApplication.translate("SessionSheets", "Receipt number"))
    ask = e(
        QCoreApplication.translate("SessionSheets", "To ask about it, quote the receipt number.")
    )
    heading = e(QCoreApplication.translate("SessionSheets", "Receipts of the session"))
    thanks = e(QCoreApplication.translate("SessionSheets", "Thank you for your suggestions."))
    name = e(f"{station.name}（{station.code}）" if station else "")
    big = "font-family:'DejaVu Sans Mono', monospace; font-size:15pt; font-weight:bold"
    strips = [
        f"""<table width="100%" cellpadding="4" style="border-bottom:1px dashed #888888">
<tr><td width="45%"><span style="color:#555555">{number}</span><br>
<span style="{big}">{e(r.receipt_no)}</span></td>
<td>{e(r.title)}<br><span style="color:#555555">{e(_when(r.received_at))} · {name}</span>
<br><span style="color:#555555">{ask} {e(contact)}</span></td></tr></table>"""
        for r in receipts
    ]
    about = " · ".join(p for p in (session.topic, _when(session.held_at), session.place) if p)
    return (
        f"<h3 align='center'>{heading}</h3><p align='center'>{e(about)}</p>"
        + "".join(strips)
        + f"<p style='color:#555555'>{thanks}</p>"
    )


def receipts_document(
    session: SessionInfo, receipts: list[SpeakerReceipt], station: StationInfo | None, contact: str
) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(receipt_font(10.5))
    doc.setHtml(receipts_html(session, receipts, station, contact))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, session.topic)
    return doc


def questionnaire_html(campaign: Campaign, station: StationInfo | None) -> str:
    e = html.escape
    how = e(
        QCoreApplication.translate(
            "SessionSheets", "No name is needed. Tick a box, circle a number or write a few words."
        )
    )
    thanks = e(
        QCoreApplication.translate("SessionSheets", "Thank you. Hand the form to the station.")
    )
    yes = e(QCoreApplication.translate("SessionSheets", "Yes"))
    no = e(QCoreApplication.translate("SessionSheets", "No"))
    hints = {
        "multi": QCoreApplication.translate("SessionSheets", "(tick all that apply)"),
        "choice": QCoreApplication.translate("SessionSheets", "(tick one)"),
        "scale": QCoreApplication.translate("SessionSheets", "(circle one: %1 lowest, %2 highest)"),
    }
    parts = [f"<h2 align='center'>{e(campaign.title)}</h2>"]
    if campaign.guidance:
        parts.append(f"<p>{e(campaign.guidance)}</p>")
    if station is not None:
        parts.append(f"<p style='color:#555555'>{e(station.name)}</p>")
    parts.append(f"<p style='color:#555555'>{how}</p>")
    for n, q in enumerate(campaign.questions, start=1):
        hint = hints.get(q.type, "").replace("%1", str(q.scale[0])).replace("%2", str(q.scale[1]))
        parts.append(
            f"<p><b>{n}. {e(q.label)}</b> <span style='color:#555555'>{e(hint)}</span></p>"
        )
        if q.type in ("choice", "multi"):
            boxes = "&nbsp;&nbsp;&nbsp;".join(f"{BOX} {e(c)}" for c in q.choices)
            parts.append(f"<p style='margin-left:18px'>{boxes}</p>")
        elif q.type == "yesno":
            parts.append(f"<p style='margin-left:18px'>{BOX} {yes}&nbsp;&nbsp;&nbsp;{BOX} {no}</p>")
        elif q.type == "scale":
            numbers = "&nbsp;&nbsp;&nbsp;&nbsp;".join(q.options())
            parts.append(f"<p style='margin-left:18px; font-size:14pt'>{numbers}</p>")
        else:
            line = "_" * 60
            parts.append(f"<p style='margin-left:18px'>{line}<br><br>{line}</p>")
    parts.append(f"<p style='color:#555555'>{thanks}</p>")
    return "".join(parts)


def questionnaire_document(campaign: Campaign, station: StationInfo | None) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(receipt_font(11.5))
    doc.setHtml(questionnaire_html(campaign, station))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, campaign.title)
    return doc


def paint_a4(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    paint_document(doc, device, QPageSize.PageSizeId.A4, 15)


def export_a4_pdf(doc: QTextDocument, title: str, path: Path) -> Path:
    return write_pdf(path, title, lambda device: paint_a4(doc, device))


def print_a4(parent: QWidget, doc: QTextDocument) -> bool:
    """The print dialog, then the document on the chosen printer (False: cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_a4(doc, printer)
    return True
