"""Paper forms in the window: the blank-forms dialog on the postbox page saves a PDF and
prints through a printer (numbered, recorded); the review of a filled form shows every field
with how sure the reading is, the doubtful ones marked, and the form's choices ticked; a
second scan of the same form is said in red. Real station, real RapidOCR (in its worker
process), real rendered forms."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from station_app.postbox.collections import letters
from station_app.postbox.form_serials import FormField, print_forms, printed_serials
from station_app.postbox.imports import ScanImport, assign_pages, unassigned_pages
from station_app.postbox.review import review_item
from tests.forms.filled import FormSpec, render_filled
from tests.ui.postbox_helpers import *  # noqa: F403  (fixtures)
from tests.ui.postbox_helpers import open_pb, show_screen
from tests.ui.test_review_screen import open_review

pytestmark = pytest.mark.gui


def test_blank_forms_saved_as_pdf_and_printed(qtbot, scanner_ctx, station, scanner, tmp_path):
    screen = show_screen(qtbot, scanner_ctx)
    dialog = screen.blank_forms()
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A5"))
    dialog.count.setValue(2)
    path = tmp_path / "forms.pdf"
    dialog.export_to(path)
    qtbot.waitUntil(lambda: "00000002" in dialog.status.text(), timeout=30_000)
    doc = pdfium.PdfDocument(str(path))
    assert len(doc) == 2 and round(doc[0].get_width() / 72 * 25.4) == 148

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.paper.setCurrentIndex(dialog.paper.findData("A4"))
    dialog.count.setValue(1)
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: "00000003" in dialog.status.text(), timeout=30_000)
    doc = pdfium.PdfDocument(str(printed))
    assert len(doc) == 1 and round(doc[0].get_width() / 72 * 25.4) == 210
    # the printed page is the form, edge to edge: its top-left corner mark is black
    image = doc[0].render(scale=1).to_pil().convert("L")
    mm = image.width / 210
    assert image.getpixel((round(11 * mm), round(11 * mm))) < 60
    assert [s for s, _ in printed_serials(station, scanner)] == ["00000001", "00000002", "00000003"]


@pytest.mark.timeout(600)
def test_review_of_a_filled_form(qtbot, scanner_ctx, station, scanner, tmp_path: Path):
    print_forms(station, scanner, "A4", 1)
    info = open_pb(station, scanner, count=2)
    form = render_filled(FormSpec("ui", 1, paper="A4", dpi=200, turn=270, skew=1.5))
    again = render_filled(FormSpec("ui-again", 1, paper="A4", dpi=200, hard=False))
    # the form, then (a later run) the same form scanned again
    for name, filled in (("a", form), ("b", again)):
        path = tmp_path / f"{name}{filled.suffix}"
        path.write_bytes(filled.data)
        ScanImport(station, scanner, [path], collection_id=info.id, engine="rapidocr").run()
    pages = {p.file_name: p.page_id for p in unassigned_pages(station, scanner, info.id)}
    one, two = letters(station, scanner, info.id)
    assign_pages(station, scanner, one.id, [pages[f"a{form.suffix}"]])
    assign_pages(station, scanner, two.id, [pages[f"b{again.suffix}"]])

    dialog = open_review(qtbot, scanner_ctx, info, one.id)
    review = dialog.review
    box = review.form_box
    assert box.isVisible() and "00000001" in box.title()
    assert not box.warning.isVisible()
    assert review.suggester.name.text() == form.truth.name
    assert review.suggester.phone.text() == form.truth.phone
    truth_cat = next(
        z.split(":")[1] for z, s in form.truth.ticks.items() if s == "ticked" and "category" in z
    )
    assert review.category.currentData() == truth_cat
    assert review.suggester.consent.isChecked()
    wants = form.truth.ticks["feedback"] == "ticked"
    assert review.suggester.wants_feedback.isChecked() == wants
    assert review.text.toPlainText() == review.item.form.fields["suggestion"].value
    assert set(box.rows) >= {"name", "phone", "address", "category", "consent", "date"}
    assert box.rows["phone"][1].text() == form.truth.phone
    assert not review.is_edited()  # filling in from the form is not an edit

    # a doubtful field is marked: the same reading with the phone unsure
    item = review.item
    unsure = dict(item.form.fields)
    unsure["phone"] = FormField("1390?112233", 0.4, True)
    box.show_form(dataclasses.replace(item.form, fields=unsure))
    assert box.doubtful_keys() == ["phone"]
    assert "1" in box.hint.text()

    second = review_item(station, scanner, two.id)
    assert second.form is not None and second.form.duplicate
    dialog2 = open_review(qtbot, scanner_ctx, info, two.id)
    assert dialog2.review.form_box.warning.isVisible()
