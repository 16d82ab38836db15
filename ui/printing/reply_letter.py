"""The printed reply letter (建议答复告知书) and outcome notice (建议办理结果通知书) for a
suggester: station header, the suggester's name as addressed, receipt number, date received,
HQ's reply or outcome, and the station's contact.

One layout per printout (`reply_letter_html`, `outcome_notice_html`), painted A4 on a QPrinter
or a QPdfWriter by `paint_letter` (page by page, lines never split across pages);
`LetterDialog` shows it with Print… and Export PDF…, each audited before it happens.
Fonts come from the receipt's helper so both printouts look alike.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Signal
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageSize,
    QTextDocument,
)
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

from station_app.followup.awards import OutcomeItem
from station_app.followup.printouts import Addressee, OutcomeNoticeData, ReplyLetterData
from station_app.services.audit_view import audit_print
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.printing.pdf import paint_document, write_pdf
from ui.printing.receipt import receipt_font
from ui.theme import UiSettings, fit_to_screen


@dataclass(frozen=True)
class Letter:
    """A printout ready to paint: what it is for the audit log, its title and its HTML."""

    suggestion_id: int
    what: str  # reply_letter | outcome_notice
    title: str  # PDF title and suggested file name
    html: str


def station_contact(phone: str, settings: UiSettings, place: str) -> str:
    """The station's phone (as set up) and its address (this computer's setting) or place."""
    return "  ".join(p for p in (phone, settings.station_address or place) if p)


def _day(iso_text: str) -> str:
    return iso_text[:10]


def formal_day(iso_text: str) -> str:
    """A date as a letter writes it (2026年11月25日; 25 November 2026 in English); the text
    as it came when it is not an ISO date."""
    day = QDate.fromString(iso_text[:10], "yyyy-MM-dd")
    if not day.isValid():
        return iso_text[:10]
    pattern = QCoreApplication.translate("ReplyLetter", "d MMMM yyyy")
    return QLocale(QLocale.Language.English).toString(day, pattern)


def _receipt_no(receipt_no: str) -> str:
    """The receipt number kept on one line, so the suggester reads it whole to quote it: its
    hyphens become non-breaking ones (Qt's rich text has no inline nowrap)."""
    return html.escape(receipt_no).replace("-", "\u2011")


def _thanks() -> str:
    return QCoreApplication.translate(
        "ReplyLetter", "Thank you for taking part in collecting people’s suggestions."
    )


def _to_block(person: Addressee) -> str:
    """Whom the letter goes to, top left (address and name, as on the envelope); nothing for
    an anonymous suggester."""
    e = html.escape
    lines = [e(x) for x in (person.address, person.name) if x]
    if not lines:
        return ""
    to = QCoreApplication.translate("ReplyLetter", "To:")
    return f"<p>{e(to)}<br>{'<br>'.join(lines)}</p>"


def _frame(
    heading: str, station_name: str, person: Addressee, body: str, contact: str, date: str
) -> str:
    e = html.escape
    if person.name:
        dear = QCoreApplication.translate("ReplyLetter", "Dear %1:").replace("%1", person.name)
    else:
        dear = QCoreApplication.translate("ReplyLetter", "Dear suggester:")
    contact_label = QCoreApplication.translate("ReplyLetter", "Station contact")
    contact_html = f"<p>{e(contact_label)}：{e(contact)}</p>" if contact else ""
    questions = QCoreApplication.translate(
        "ReplyLetter",
        "If you have any questions, please contact the station and quote the receipt number.",
    )
    return f"""
{_to_block(person)}
<p align="center" style="font-size:13pt">{e(station_name)}</p>
<h2 align="center">{e(heading)}</h2>
<p>{e(dear)}</p>
{body}
<p>{e(questions)}</p>
{contact_html}
<p>&nbsp;</p>
<p align="right">{e(station_name)}</p>
<p align="right">{e(formal_day(date))}</p>
"""


def reply_letter_html(data: ReplyLetterData, contact: str) -> str:
    e = html.escape
    intro = (
        QCoreApplication.translate(
            "ReplyLetter",
            'Thank you for the suggestion you made at our station on %1 (receipt number %2, '
            '"%3"). Headquarters has replied as follows:',
        )
        .replace("%1", formal_day(data.received_at))
    )  # fmt: skip
    intro = e(intro).replace("%2", _receipt_no(data.receipt_no)).replace("%3", e(data.title))
    reply = "<br>".join(e(line) for line in data.reply_text.splitlines())
    body = (
        f"<p>{intro}</p>"
        f'<table width="100%" cellpadding="8" style="background:#f4f4f4"><tr><td>{reply}'
        f"</td></tr></table><p>{e(_thanks())}</p>"
    )
    heading = QCoreApplication.translate("ReplyLetter", "Reply to Your Suggestion")
    return _frame(heading, data.station_name, data.addressee, body, contact, data.letter_date)


def outcome_lines(o: OutcomeItem) -> list[tuple[str, str]]:
    """What HQ decided, in words, each with its date (YYYY-MM-DD); the notice and the
    outcomes screen say it the same way."""
    lines: list[tuple[str, str]] = []
    if o.outcome == "adopted":
        text = QCoreApplication.translate("ReplyLetter", "Adopted")
        lines.append((text, _day(o.outcome_at or "")))
    elif o.outcome == "partially_adopted":
        text = QCoreApplication.translate("ReplyLetter", "Partially adopted")
        lines.append((text, _day(o.outcome_at or "")))
    if o.implemented_at:
        text = QCoreApplication.translate("ReplyLetter", "Implemented")
        lines.append((text, _day(o.implemented_at)))
    if o.awarded_at:
        text = QCoreApplication.translate("ReplyLetter", "Awarded as an excellent suggestion")
        lines.append((text, _day(o.awarded_at)))
    return lines


def outcome_notice_html(data: OutcomeNoticeData, contact: str) -> str:
    e = html.escape
    o = data.outcome
    intro = (
        QCoreApplication.translate(
            "ReplyLetter",
            'Your suggestion made at our station on %1 (receipt number %2, "%3") has been '
            "handled by headquarters with this result:",
        )
        .replace("%1", formal_day(o.received_at))
    )  # fmt: skip
    intro = e(intro).replace("%2", _receipt_no(o.receipt_no)).replace("%3", e(o.title))
    items = "".join(
        f"<li><b>{e(text)}</b>　{e(formal_day(day))}</li>" for text, day in outcome_lines(o)
    )
    notes = "".join(f"<p>{e(note)}</p>" for note in (o.outcome_note, o.award_note) if note)
    body = f"<p>{intro}</p><ul>{items}</ul>{notes}<p>{e(_thanks())}</p>"
    heading = QCoreApplication.translate("ReplyLetter", "Notice on Your Suggestion")
    return _frame(heading, data.station_name, data.addressee, body, contact, data.letter_date)


def reply_letter(data: ReplyLetterData, suggestion_id: int, contact: str) -> Letter:
    return Letter(
        suggestion_id, "reply_letter", f"{data.receipt_no}-reply", reply_letter_html(data, contact)
    )


def outcome_notice(data: OutcomeNoticeData, contact: str) -> Letter:
    o = data.outcome
    return Letter(
        o.suggestion_id, "outcome_notice", f"{o.receipt_no}-notice",
        outcome_notice_html(data, contact),
    )  # fmt: skip


def letter_document(letter: Letter, point_size: float = 12.0) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(receipt_font(point_size))
    doc.setHtml(letter.html)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, letter.title)
    return doc


def paint_letter(letter: Letter, device: QPagedPaintDevice) -> None:
    """A4, 20 mm margins, as many pages as the reply needs."""
    paint_document(letter_document(letter), device, QPageSize.PageSizeId.A4, 20)


def export_letter_pdf(letter: Letter, path: Path) -> Path:
    return write_pdf(path, letter.title, lambda device: paint_letter(letter, device))


class LetterDialog(QDialog):
    """Shows a letter; Print… and Export PDF… write an audit line first (on a worker), then
    print. `exported(path)` fires when a PDF is written, `printed()` after printing."""

    exported = Signal(str)
    printed = Signal()

    def __init__(self, ctx: AppContext, letter: Letter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.letter = letter
        self.setWindowTitle(letter.title)
        self.view = QTextBrowser(self)
        self.document = letter_document(letter, self.font().pointSizeF())
        self.document.setParent(self)
        self.view.setDocument(self.document)
        self.view.setAccessibleName(self.tr("Letter preview"))
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.pdf_button = QPushButton(self.tr("&Export PDF…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.close_button.clicked.connect(self.reject)
        self.note = QLabel(self)
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 36, line * 34)
        fit_to_screen(self)  # 34 lines at 125% were taller than a 768 px screen

    def _audited(self, then: Callable[[], None]) -> None:
        station, actor, letter = self.ctx.station, self.ctx.require_operator(), self.letter

        def op() -> None:
            audit_print(station, actor, letter.suggestion_id, letter.what)

        WriteOp(self, op, lambda _r: then(), changes=Change.NONE).run_in_background()

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        def done() -> None:
            try:
                paint_letter(self.letter, printer)
            except OSError as exc:  # the printer could not be started
                show_error(self, exc)
                return
            self.note.setText(self.tr("Sent to the printer"))
            self.printed.emit()

        self._audited(done)

    def ask_pdf(self) -> None:
        suggested = str(Path.home() / f"{self.letter.title}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export letter as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        def done() -> None:
            try:
                export_letter_pdf(self.letter, path)
            except OSError as exc:
                show_error(self, exc)
                return
            self.note.setText(self.tr("Saved to %1").replace("%1", str(path)))
            self.exported.emit(str(path))

        self._audited(done)
