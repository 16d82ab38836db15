"""From pages to a recorded suggestion: grouping and reordering pages into letters, the
review proposal, and confirmation (search, HQ payload with the scans, chain of custody)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from station_app.errors import PermissionDenied, StationError, ValidationError
from station_app.postbox.collections import (
    CollectionInfo,
    add_letter,
    close_collection,
    get_collection,
    letters,
    mark_not_suggestion,
)
from station_app.postbox.imports import ScanImport, assign_pages, page_text, unassigned_pages
from station_app.postbox.review import LOW_CONFIDENCE, confirm_letter, review_item
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.outbox import pending_suggestions
from station_app.services.query import list_page
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters as rendered

CONTINUATION = ["（接上页）", "以上建议请予考虑。", "此致", "敬礼"]


def scan_rows(station: Station, sql: str, *params: object) -> list[tuple]:
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        return [tuple(r) for r in conn.execute(sql, params)]


def smudged(page: Image.Image, line: int) -> Image.Image:
    """The page with one body line blurred as if by a drop of water: a doubtful reading."""
    scale = page.width / 1000
    top = round((80 + 70 + line * 50) * scale) - 4
    box = (0, top, page.width, top + round(44 * scale))
    page = page.copy()
    page.paste(page.crop(box).filter(ImageFilter.GaussianBlur(2.5)), box)
    return page


@pytest.fixture
def imported(
    station: Station,
    scanner: Operator,
    collection: CollectionInfo,
    tmp_path: Path,
    first_page: Image.Image,
    second_page: Image.Image,
) -> dict[str, int]:
    """letter.png (letter one) and a 2-page TIFF (letter two: a page and a continuation
    page with a doubtful line), read with tesseract. Returns page ids by name."""
    folder = tmp_path / "scans"
    folder.mkdir()
    first_page.save(folder / "letter.png")
    continuation = smudged(rendered.render_letter("", CONTINUATION, width=first_page.width), 2)
    rendered.save_tiff([second_page, continuation], folder / "two.tif")
    ScanImport(station, scanner, [folder], collection_id=collection.id, engine="tesseract").run()
    pages = unassigned_pages(station, scanner, collection.id)
    by = {(p.file_name, p.page_index): p.page_id for p in pages}
    return {"png": by["letter.png", 0], "tif1": by["two.tif", 0], "tif2": by["two.tif", 1]}


def form_for(proposed: dict[str, str]) -> SuggestionForm:
    return SuggestionForm(
        category_code="OTH",
        title="小区停车难",
        content="晚上车停在消防通道上，建议增设临时停车位。",
        location="长寿路",
        suggester=SuggesterForm(
            name=proposed["name"],
            phone=proposed["phone"],
            address=proposed["address"],
            consent_given=True,
        ),
    )


def test_pages_are_grouped_and_reordered_into_letters(
    station: Station, scanner: Operator, collection: CollectionInfo, imported: dict[str, int]
) -> None:
    one, two = letters(station, scanner, collection.id)
    assign_pages(station, scanner, one.id, [imported["png"]])
    got = assign_pages(station, scanner, two.id, [imported["tif2"], imported["tif1"]])
    assert [p.page_id for p in got] == [imported["tif2"], imported["tif1"]]
    got = assign_pages(station, scanner, two.id, [imported["tif1"], imported["tif2"]])
    assert [(p.file_name, p.page_index, p.page_order) for p in got] == [
        ("two.tif", 0, 0),
        ("two.tif", 1, 1),
    ]
    assert unassigned_pages(station, scanner, collection.id) == []
    listed = {
        ltr.seq: [p.page_id for p in ltr.pages] for ltr in letters(station, scanner, collection.id)
    }
    assert listed == {1: [imported["png"]], 2: [imported["tif1"], imported["tif2"]]}

    def original_letter(name: str) -> int | None:
        return scan_rows(station, "SELECT letter_id FROM scan WHERE original_name = ?", name)[0][0]

    # an original file goes with a letter only when all its pages are that letter's
    assert original_letter("letter.png") == one.id and original_letter("two.tif") == two.id
    # a page moved to another (pending) letter: pages from several files in one letter
    got = assign_pages(station, scanner, one.id, [imported["png"], imported["tif2"]])
    assert [p.file_name for p in got] == ["letter.png", "two.tif"]
    assert [p.page_id for p in letters(station, scanner, collection.id)[1].pages] == [
        imported["tif1"]
    ]
    assert original_letter("two.tif") is None
    # dropping a page from a letter puts it back among the unassigned
    assign_pages(station, scanner, one.id, [imported["png"]])
    assert [p.page_id for p in unassigned_pages(station, scanner)] == [imported["tif2"]]

    for bad, key in (
        ([imported["png"], imported["png"]], "postbox.error.page_twice"),
        ([999], "postbox.error.page_not_found"),
    ):
        with pytest.raises(StationError) as err:
            assign_pages(station, scanner, two.id, bad)
        assert err.value.key == key
    assert [p.page_id for p in letters(station, scanner, collection.id)[1].pages] == [
        imported["tif1"]
    ]


def test_review_proposes_fields_and_confirm_records_a_postbox_suggestion(
    station: Station,
    scanner: Operator,
    volunteer: Operator,
    collection: CollectionInfo,
    imported: dict[str, int],
) -> None:
    one, two = letters(station, scanner, collection.id)
    assign_pages(station, scanner, one.id, [imported["png"]])
    assign_pages(station, scanner, two.id, [imported["tif1"], imported["tif2"]])

    item = review_item(station, scanner, one.id)
    assert "停车" in item.text and [p.page_id for p in item.pages] == [imported["png"]]
    assert item.proposed["phone"] == "13812345678"
    assert item.proposed["name"] == "张明华"
    assert item.proposed["address"].endswith("长寿路123弄4号502室")
    assert item.proposed["date"] == "2026-11-03"

    # two pages joined in order; the poor page's doubtful lines are marked in the text
    item_two = review_item(station, scanner, two.id)
    first_text = page_text(station, scanner, imported["tif1"]).text
    assert item_two.text.startswith(first_text) and "加装电梯" in item_two.text
    poor = page_text(station, scanner, imported["tif2"])
    doubtful = [ln["text"] for ln in poor.lines if ln["confidence"] < LOW_CONFIDENCE]
    assert doubtful, poor.lines  # the degraded page must give something to highlight
    marked = [item_two.text[a:b] for a, b in item_two.low_confidence]
    assert marked == doubtful
    assert all(a >= len(first_text) for a, _ in item_two.low_confidence)

    with pytest.raises(PermissionDenied):
        review_item(station, volunteer, one.id)
    with pytest.raises(PermissionDenied):
        confirm_letter(station, volunteer, one.id, form_for(item.proposed))
    with pytest.raises(ValidationError):  # nothing half-written on a bad form
        confirm_letter(station, scanner, one.id, SuggestionForm(category_code="OTH"))
    assert letters(station, scanner, collection.id)[0].outcome == "pending"

    rec = confirm_letter(station, scanner, one.id, form_for(item.proposed))
    one_after = letters(station, scanner, collection.id)[0]
    assert (one_after.outcome, one_after.suggestion_id, one_after.receipt_no) == (
        "suggestion",
        rec.id,
        rec.receipt_no,
    )
    assert rec.received_at == collection.opened_at  # received when the postbox was opened
    # it is a suggestion like any other: searchable, queued for HQ with its scans
    hits = list_page(station, query="停车")
    assert [h.receipt_no for h in hits] == [rec.receipt_no] and hits[0].channel == "postbox"
    (outgoing,) = pending_suggestions(station, 10)
    assert outgoing.uuid == rec.uuid and outgoing.body["channel"] == "postbox"
    stored = scan_rows(
        station,
        "SELECT sha256, verified_by, verified_at FROM scan WHERE letter_id = ? "
        "ORDER BY page_order, id",
        one.id,
    )
    assert outgoing.scans == outgoing.body["scans"] == [r[0] for r in stored]
    original, page = item.pages[0].scan_sha256, item.pages[0].image_sha256
    assert outgoing.scans == [original, page]
    assert all(r[1] == scanner.id and r[2] for r in stored)
    assert outgoing.body["suggester"]["phone"] == "13812345678"

    # decided letters stay decided; a letter needs pages
    for call in (
        lambda: confirm_letter(station, scanner, one.id, form_for(item.proposed)),
        lambda: mark_not_suggestion(station, scanner, one.id, "blank"),
        lambda: assign_pages(station, scanner, one.id, []),
    ):
        with pytest.raises(StationError) as err:
            call()
        assert err.value.key == "postbox.error.letter_decided"
    with pytest.raises(StationError) as err:  # a page of a decided letter cannot move
        assign_pages(station, scanner, two.id, [imported["png"]])
    assert err.value.key == "postbox.error.page_not_usable"
    late = add_letter(station, scanner, collection.id)
    with pytest.raises(StationError) as err:
        confirm_letter(station, scanner, late.id, form_for(item.proposed))
    assert err.value.key == "postbox.error.letter_no_pages"

    # the second letter anonymous, the late one blank: the collection reconciles and closes
    anon = SuggestionForm(
        category_code="OTH",
        title="加装电梯",
        content=item_two.text,
        suggester=SuggesterForm(anonymous=True),
    )
    confirm_letter(station, scanner, two.id, anon)
    mark_not_suggestion(station, scanner, late.id, "blank")
    info = get_collection(station, scanner, collection.id)
    assert (info.recorded, info.not_suggestion, info.reconciled) == (2, 1, True)
    assert close_collection(station, scanner, collection.id).closed
