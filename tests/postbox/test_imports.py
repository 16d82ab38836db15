"""Scans in: real rendered letters through real OCR into encrypted storage; bad files on the
could-not-read list with the rest of the batch read; duplicates; cancel and resume."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image

from station_app.errors import PermissionDenied
from station_app.ocr.pipeline import PageResult
from station_app.postbox.collections import CollectionInfo
from station_app.postbox.imports import (
    ScanImport,
    could_not_read,
    dismiss_failed,
    expand_paths,
    export_failed_file,
    page_image,
    page_text,
    pending_imports,
    resume,
    unassigned_pages,
)
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters
from tests.postbox.conftest import WIDTH

BAD_FILES = {
    "truncated.png": "corrupt_image",
    "random.jpg": "corrupt_image",
    "empty.png": "zero_byte",
    "bomb.png": "too_large",
    "not_a.pdf": "pdf_invalid",
    "locked.pdf": "pdf_encrypted",
    "notes.txt": "unsupported_format",
}


def rows(station: Station, sql: str, *params: object) -> list[tuple]:
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        return [tuple(r) for r in conn.execute(sql, params)]


def plaintext_leaks(station: Station, originals: list[bytes]) -> list[Path]:
    """Files in the data folder that hold an image or PDF in the clear, or an original's
    bytes (everything kept must be encrypted)."""
    leaks = []
    for path in station.data.root.rglob("*"):
        if not path.is_file() or path.suffix in (".db", ".db-wal", ".db-shm", ".log", ".lock"):
            continue
        if path.name.startswith("station.db") or path.parent == station.data.logs:
            continue
        data = path.read_bytes()
        if (
            data[:8] == b"\x89PNG\r\n\x1a\n"
            or data[:4] in (b"%PDF", b"II*\x00")
            or any(len(o) > 64 and o[:64] in data for o in originals)
        ):
            leaks.append(path)
    return leaks


@pytest.fixture
def batch(tmp_path: Path, first_page: Image.Image, second_page: Image.Image) -> dict[str, Path]:
    """A folder as a scanner leaves it: a PNG, a 2-page TIFF, a 2-page PDF, every bad case."""
    folder = tmp_path / "scans"
    (folder / "sub").mkdir(parents=True)
    good = {
        "letter.png": folder / "letter.png",
        "two.tif": folder / "sub" / "two.tif",
        "two.pdf": folder / "two.pdf",
    }
    first_page.save(good["letter.png"])
    letters.save_tiff([second_page, letters.turned(first_page, 180)], good["two.tif"])
    letters.save_pdf([first_page, second_page], good["two.pdf"], dpi=100)
    png = letters.png_bytes(first_page.resize((300, 424)))
    bad = {
        "truncated.png": png[: len(png) // 2],
        "random.jpg": bytes(range(256)) * 40,
        "empty.png": b"",
        "bomb.png": letters.bomb_png(),
        "not_a.pdf": b"<html>this is not a PDF</html>\n" * 10,
        "locked.pdf": letters.encrypted_pdf(),
        "notes.txt": "这是一封信的文字。".encode(),
    }
    out = dict(good)
    for name, data in bad.items():
        (folder / "bad").mkdir(exist_ok=True)
        path = folder / "bad" / name
        path.write_bytes(data)
        out[name] = path
    return out


def test_a_batch_with_every_bad_input_reads_the_rest(
    station: Station, scanner: Operator, collection: CollectionInfo, batch: dict[str, Path]
) -> None:
    # a folder gives its scans (by content or name, so a damaged one is listed, not lost)
    found = expand_paths([batch["letter.png"].parent])
    assert {p.name for p in found} == set(batch) - {"notes.txt"}
    files = [batch["letter.png"].parent, batch["notes.txt"]]
    progress: list[tuple[int, int]] = []
    streamed: list[PageResult] = []
    summary = ScanImport(
        station,
        scanner,
        files,
        collection_id=collection.id,
        engine="tesseract",
        on_progress=lambda d, t: progress.append((d, t)),
        on_page=streamed.append,
    ).run()
    assert (summary.files, summary.pages_ok, summary.pages_failed) == (10, 5, 7)
    assert summary.duplicates == 0 and not summary.cancelled and summary.unfinished == []
    assert summary.results == streamed and progress[-1] == (12, 12)

    # the could-not-read list: every bad file with its reason and a sentence for the user
    failed = could_not_read(station, scanner)
    assert {f.file_name: f.reason for f in failed} == BAD_FILES
    by_name = {f.file_name: f for f in failed}
    assert "密码" in by_name["locked.pdf"].message
    assert "过大" in by_name["bomb.png"].message
    # kept encrypted in the data folder; a readable copy comes back on request
    for name in ("truncated.png", "locked.pdf", "bomb.png", "notes.txt"):
        item = by_name[name]
        # whole-file failures as an encrypted copy; a file whose page failed after its
        # header was read is kept as a stored (encrypted) scan
        assert item.kept == ("scan" if name == "truncated.png" else "encrypted")
        assert item.kept_path.is_file() and station.data.root in item.kept_path.parents
        assert item.kept_path.read_bytes() != batch[name].read_bytes()
        out = export_failed_file(station, scanner, item.id, Path(str(batch[name]) + ".copy"))
        assert out.read_bytes() == batch[name].read_bytes()

    # every page read is stored: original and prepared image, both encrypted
    pages = unassigned_pages(station, scanner, collection.id)
    assert sorted((p.file_name, p.page_index) for p in pages) == [
        ("letter.png", 0),
        ("two.pdf", 0),
        ("two.pdf", 1),
        ("two.tif", 0),
        ("two.tif", 1),
    ]
    tif_turned = next(p for p in pages if p.file_name == "two.tif" and p.page_index == 1)
    assert tif_turned.rotation == 180  # the upside-down page was turned upright
    for page in pages:
        text = page_text(station, scanner, page.page_id)
        assert "电话" in text.text and text.engine == "tesseract" and text.engine_version
        assert all(0 <= ln["confidence"] <= 1 and "box" in ln for ln in text.lines)
        image = Image.open(io.BytesIO(page_image(station, scanner, page.page_id)))
        assert image.format == "PNG" and image.width >= WIDTH // 2
    pdf_page = next(p for p in pages if p.file_name == "two.pdf" and p.page_index == 1)
    original = Image.open(
        io.BytesIO(page_image(station, scanner, pdf_page.page_id, prepared=False))
    )
    assert original.format == "PNG" and original.height > original.width
    originals = [batch[n].read_bytes() for n in ("letter.png", "two.tif", "two.pdf")]
    assert plaintext_leaks(station, originals) == []
    assert list(station.data.tmp.iterdir()) == []  # no prepared page left behind
    assert pending_imports(station) == []

    # the same files again (one under another name): recognised, not stored or read again
    again_path = batch["letter.png"].with_name("letter-again.png")
    again_path.write_bytes(batch["letter.png"].read_bytes())
    scans_before = rows(station, "SELECT count(*) FROM scan")
    again = ScanImport(
        station, scanner, [again_path, batch["two.pdf"], batch["locked.pdf"]], engine="tesseract"
    ).run()
    assert (again.files, again.duplicates, again.pages_ok, again.results) == (3, 3, 0, [])
    assert rows(station, "SELECT count(*) FROM scan") == scans_before
    assert len(could_not_read(station, scanner)) == len(BAD_FILES)

    dismiss_failed(station, scanner, by_name["notes.txt"].id)
    assert "notes.txt" not in {f.file_name for f in could_not_read(station, scanner)}


def test_rapidocr_reads_a_letter(station: Station, scanner: Operator, letter_png: Path) -> None:
    summary = ScanImport(station, scanner, [letter_png], engine="rapidocr", workers=1).run()
    assert summary.pages_ok == 1, summary.results
    (page,) = unassigned_pages(station, scanner)
    text = page_text(station, scanner, page.page_id)
    assert text.engine == "rapidocr"
    assert "13812345678" in text.text and "停车" in text.text


def test_cancel_keeps_the_rest_queued_and_resume_finishes(
    station: Station,
    scanner: Operator,
    collection: CollectionInfo,
    tmp_path: Path,
    first_page: Image.Image,
) -> None:
    small = first_page.resize((500, 707))
    files = []
    for i in range(5):
        path = tmp_path / "in" / f"p{i}.png"
        path.parent.mkdir(exist_ok=True)
        letters.turned(small, i).save(path)  # distinct files
        files.append(path)
    run = ScanImport(
        station, scanner, files, collection_id=collection.id, engine="tesseract", workers=1
    )
    run.on_page = lambda result: run.cancel()  # close the window after the first page
    summary = run.run()
    assert summary.cancelled and summary.pages_ok >= 1
    queued = pending_imports(station)
    assert queued and set(queued) == set(summary.unfinished)
    assert len(queued) + summary.pages_ok == 5
    assert list(station.data.tmp.iterdir()) == []

    later = resume(station, scanner, workers=2)
    assert later is not None
    rest = later.run()
    assert rest.pages_ok == len(queued) and not rest.cancelled
    assert pending_imports(station) == [] and resume(station, scanner) is None
    pages = unassigned_pages(station, scanner, collection.id)
    assert sorted(p.file_name for p in pages) == [f"p{i}.png" for i in range(5)]
    assert rows(station, "SELECT count(*) FROM scan_page") == [(5,)]


def test_a_volunteer_cannot_import(station: Station, volunteer: Operator, letter_png: Path) -> None:
    with pytest.raises(PermissionDenied):
        ScanImport(station, volunteer, [letter_png])
    with pytest.raises(PermissionDenied):
        could_not_read(station, volunteer)
    with pytest.raises(PermissionDenied):
        unassigned_pages(station, volunteer)


def test_cancel_before_start_reads_nothing(
    station: Station, scanner: Operator, letter_png: Path
) -> None:
    run = ScanImport(station, scanner, [letter_png], engine="tesseract")
    run.cancel()
    summary = run.run()
    assert summary.cancelled and summary.pages_ok == 0
    assert pending_imports(station) == [letter_png]
    done = threading.Event()
    later = resume(station, scanner, on_page=lambda r: done.set())
    assert later is not None and later.run().pages_ok == 1 and done.is_set()
