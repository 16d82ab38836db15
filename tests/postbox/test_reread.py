"""Reading a page again turned as the reviewer says (issue 12 item 5): the app kept an
upside-down page as it was; turned 180 degrees and read again, the text comes right, the
image is replaced (encrypted), and the page keeps its letter and place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from station_app.errors import StationError
from station_app.postbox.collections import CollectionInfo, letters, one_letter_per_file
from station_app.postbox.imports import ScanImport, page_image, page_text, unassigned_pages
from station_app.postbox.reread import reread_page
from station_app.security.scanstore import scan_path
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters as sample


def test_turn_and_read_again_replaces_image_and_text(
    station: Station, scanner: Operator, collection: CollectionInfo, first_page: Image.Image,
    tmp_path: Path,
) -> None:  # fmt: skip
    path = tmp_path / "upside-down.png"
    sample.turned(first_page, 180).save(path)
    ScanImport(station, scanner, [path], collection_id=collection.id, engine="tesseract").run()
    (page,) = unassigned_pages(station, scanner, collection.id)
    one_letter_per_file(station, scanner, collection.id)
    before = page_text(station, scanner, page.page_id)
    old_image = page_image(station, scanner, page.page_id)
    (page,) = letters(station, scanner, collection.id)[0].pages
    assert page.rotation == 180 and "停车" in before.text  # the app turned it itself

    # the reviewer says it was wrong: turned back 180 degrees, the page reads upside down
    again = reread_page(station, scanner, page.page_id, 180)
    assert again.rotation == 0 and again.letter_id == page.letter_id
    assert again.image_sha256 != page.image_sha256
    assert not scan_path(station.data, page.image_sha256).exists()  # the old image is gone
    wrong = page_text(station, scanner, page.page_id)
    assert "停车" not in wrong.text
    new_image = Image.open(io.BytesIO(page_image(station, scanner, page.page_id)))
    old = Image.open(io.BytesIO(old_image))
    assert new_image.size == old.size
    assert new_image.convert("L").tobytes() == old.convert("L").rotate(180).tobytes()

    # and turned once more it reads right again, a quarter turn is refused as a number
    right = reread_page(station, scanner, page.page_id, 180)
    assert right.rotation == 180 and "停车" in page_text(station, scanner, page.page_id).text
    with pytest.raises(StationError):
        reread_page(station, scanner, page.page_id, 45)


def test_each_file_is_one_letter_in_file_name_order(
    station: Station, scanner: Operator, collection: CollectionInfo, first_page: Image.Image,
    second_page: Image.Image, tmp_path: Path,
) -> None:  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    first_page.save(folder / "letter-10.png")
    second_page.save(folder / "letter-2.png")
    # letter-10 is read first (a run of its own): the order of reading says nothing
    ScanImport(station, scanner, [folder / "letter-10.png"], collection_id=collection.id,
               engine="tesseract").run()  # fmt: skip
    ScanImport(station, scanner, [folder / "letter-2.png"], collection_id=collection.id,
               engine="tesseract").run()  # fmt: skip
    names = [p.file_name for p in unassigned_pages(station, scanner, collection.id)]
    assert names == ["letter-2.png", "letter-10.png"]
    done = one_letter_per_file(station, scanner, collection.id)
    assert [(f.seq, f.file_name) for f in done] == [(1, "letter-2.png"), (2, "letter-10.png")]
    by_seq = {
        lt.seq: [p.file_name for p in lt.pages] for lt in letters(station, scanner, collection.id)
    }
    assert by_seq == {1: ["letter-2.png"], 2: ["letter-10.png"]}
