"""Paper forms through the postbox: printed (serials recorded), filled, scanned, imported with
a free letter; the form page is read field by field and comes to review with every field
proposed; a second scan of the same form is flagged, a form from elsewhere too; the letter
is confirmed as today. The free letter goes the free-letter way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from station_app.errors import PermissionDenied, StationError
from station_app.postbox.collections import CollectionInfo, letters
from station_app.postbox.form_printing import write_forms_pdf
from station_app.postbox.form_serials import print_forms, printed_serials, top_categories
from station_app.postbox.imports import ScanImport, assign_pages, unassigned_pages
from station_app.postbox.review import confirm_letter, review_item
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.store import Station
from station_app.store.models import Operator
from tests.forms.filled import FormSpec, render_filled

slow = pytest.mark.timeout(600)


@pytest.fixture
def imported(
    station: Station,
    scanner: Operator,
    collection: CollectionInfo,
    tmp_path: Path,
    first_page: Image.Image,
) -> dict:
    """Forms 1 and 2 printed; form 1 filled and scanned twice (a turned photocopy, and again
    upright), a form of another station, and a free letter: imported with RapidOCR."""
    print_forms(station, scanner, "A4", 2)
    folder = tmp_path / "scans"
    folder.mkdir()
    spec = FormSpec("one", 1, paper="A4", dpi=200, turn=90, skew=2.0, photocopy=True)
    first = render_filled(spec)
    again = render_filled(FormSpec("one-again", 1, paper="A4", dpi=200, hard=False))
    (folder / f"a-form{first.suffix}").write_bytes(first.data)
    (folder / f"b-form-again{again.suffix}").write_bytes(again.data)
    other = render_filled(FormSpec("other", 2, paper="A5", dpi=200, hard=False, station="XH-KJ02"))
    (folder / f"c-other{other.suffix}").write_bytes(other.data)
    first_page.save(folder / "d-letter.png")
    seen: list[dict] = []
    ScanImport(
        station,
        scanner,
        [folder],
        collection_id=collection.id,
        engine="rapidocr",
        workers=1,
        on_page=lambda r: seen.append(r.to_dict()),
    ).run()
    return {"truth": first.truth, "results": {Path(r["file"]).name: r for r in seen}}


@slow
def test_form_page_read_field_by_field_and_flagged(imported: dict) -> None:
    results, truth = imported["results"], imported["truth"]
    first = results["a-form.jpg"]["form"]
    assert first["serial"] == "00000001" and first["version"] == "F1"
    fields = {k: v["value"] for k, v in first["fields"].items()}
    assert fields["name"] == truth.name and fields["phone"] == truth.phone
    assert fields["address"] == truth.address
    cat = next(z.split(":")[1] for z, s in truth.ticks.items() if s == "ticked" and "category" in z)
    assert fields["category"] == cat
    assert fields["consent"] == "yes"
    assert all(0.0 <= v["confidence"] <= 1.0 for v in first["fields"].values())
    assert first["duplicate"] is False and first["unknown_serial"] is False
    assert results["a-form.jpg"]["rotation"] == 270  # turned 90, read upright
    again = results["b-form-again.png"]["form"]
    assert again["duplicate"] is True and again["first_received_at"]
    assert results["c-other.png"]["form"]["unknown_serial"] is True
    letter = results["d-letter.png"]
    assert letter["form"] is None and "停车" in letter["text"]


@slow
def test_review_proposes_the_form_and_confirms_as_today(
    station: Station, scanner: Operator, collection: CollectionInfo, imported: dict
) -> None:
    truth = imported["truth"]
    pages = {p.file_name: p.page_id for p in unassigned_pages(station, scanner, collection.id)}
    one, two, *_ = letters(station, scanner, collection.id)
    assign_pages(station, scanner, one.id, [pages["a-form.jpg"]])
    assign_pages(station, scanner, two.id, [pages["d-letter.png"]])
    item = review_item(station, scanner, one.id)
    assert item.form is not None and item.form.serial == "00000001"
    assert not item.form.duplicate
    assert item.proposed["name"] == truth.name and item.proposed["phone"] == truth.phone
    assert item.proposed["consent"] == "yes" and item.proposed["title"]
    assert item.text == item.form.fields["suggestion"].value
    assert review_item(station, scanner, two.id).form is None
    rec = confirm_letter(
        station,
        scanner,
        one.id,
        SuggestionForm(
            category_code=item.proposed["category"],
            title=item.proposed["title"],
            content=item.text,
            location="长寿路",
            suggester=SuggesterForm(
                name=item.proposed["name"],
                phone=item.proposed["phone"],
                address=item.proposed["address"],
                consent_given=True,
            ),
        ),
    )
    assert rec.receipt_no
    serials = dict(printed_serials(station, scanner))
    assert serials["00000001"] is not None and serials["00000002"] is None


def test_printing_records_serials_and_writes_a_pdf(
    station: Station, scanner: Operator, volunteer: Operator, tmp_path: Path
) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "forms.pdf"
    sheets = write_forms_pdf(station, volunteer, path, "A5", 3)
    assert [s.form_id.serial for s in sheets] == ["00000001", "00000002", "00000003"]
    pdf = pdfium.PdfDocument(str(path))
    assert len(pdf) == 3
    w, h = pdf[0].get_size()
    assert round(w / 72 * 25.4) == 148 and round(h / 72 * 25.4) == 210
    more = print_forms(station, scanner, "A4", 2)
    assert [s.form_id.serial for s in more] == ["00000004", "00000005"]
    assert more[0].form_id.categories[-1] == "OTH"
    assert [c for c, _ in top_categories(station)] == list(more[0].form_id.categories[:-1])
    assert len(printed_serials(station, scanner)) == 5
    with pytest.raises(StationError):
        print_forms(station, scanner, "A3", 1)
    with pytest.raises(StationError):
        print_forms(station, scanner, "A4", 0)
    with pytest.raises(PermissionDenied):
        printed_serials(station, volunteer)
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        row = conn.execute("SELECT paper, count FROM form_print ORDER BY id").fetchall()
        audit = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'print_forms'")
        assert [tuple(r) for r in row] == [("A5", 3), ("A4", 2)]
        assert audit.fetchone()[0] == 2
