"""Hostile files never stop or sink a batch (issue 12 item 4): each case was found by trying.

A pipe, a device or a link to /dev/zero (given as a file, met in a folder, or left in the
resume queue), a name that is not UTF-8 or holds control characters, a GIF named .png, a
JPEG header over random data, a PDF page tree that loops, a PDF content bomb: each is
listed with its reason, and every good file of the same batch is read.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from PIL import Image

from station_app.cli import main
from station_app.i18n import set_language
from station_app.postbox.imports import (
    ScanImport,
    could_not_read,
    expand_paths,
    pending_imports,
    resume,
    unassigned_pages,
)
from station_app.store import Station
from station_app.store.models import Operator
from tests.postbox import hostile

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and devices")


def distinct(page: Image.Image, n: int) -> Image.Image:
    """The same letter with one pixel changed: another file, not a duplicate."""
    out = page.copy()
    out.putpixel((n, 0), (0, 0, 0) if out.mode == "RGB" else 0)
    return out


def run_in_thread(run: ScanImport) -> object:
    """Run the import off the test thread, so that a hang fails the test instead of
    freezing the whole suite (the pytest timeout would end the session)."""
    box: dict[str, object] = {}
    worker = threading.Thread(target=lambda: box.setdefault("summary", run.run()), daemon=True)
    worker.start()
    worker.join(240)
    if worker.is_alive():
        run.cancel()
        pytest.fail("the import hung on a hostile file")
    return box["summary"]


def test_pipes_devices_odd_names_and_lying_files_are_listed_and_the_rest_is_read(
    station: Station, scanner: Operator, tmp_path: Path, first_page: Image.Image
) -> None:
    folder = tmp_path / "scans"
    specials = hostile.make_specials(folder)
    good = {
        "letter-2.png": folder / "letter-2.png",
        "odd-name": hostile.bytes_name(folder, b"\xc0\xaf-\xff.png"),
        "ctrl": folder / "red-\x1b[31m-bell\x07.png",
    }
    for n, path in enumerate(good.values()):
        distinct(first_page, n).save(path, format="PNG")
    (folder / "gif.png").write_bytes(hostile.gif_bytes(first_page))
    (folder / "huge.jpg").write_bytes(hostile.lying_jpeg())
    (folder / "loop.pdf").write_bytes(hostile.looping_pdf())
    given_fifo = tmp_path / "given-fifo.png"
    os.mkfifo(given_fifo)

    # a folder gives its pipes and devices too (to be listed), without opening them
    assert {p.name for p in expand_paths([folder])} >= {"fifo", "fifo.png", "zero.png"}

    summary = run_in_thread(
        ScanImport(station, scanner, [folder, given_fifo, Path("/dev/null")], engine="tesseract")
    )
    assert summary.pages_ok == 3  # type: ignore[attr-defined]
    pages = unassigned_pages(station, scanner)
    names = sorted(p.file_name for p in pages)
    assert names == sorted(["letter-2.png", "\\xc0\\xaf-\\xff.png", "red-\\x1b[31m-bell\\x07.png"])

    failed = {f.file_name: f.reason for f in could_not_read(station, scanner)}
    assert failed == {
        "fifo": "not_a_file",
        "fifo.png": "not_a_file",
        "zero.png": "not_a_file",
        "null.jpg": "not_a_file",
        "given-fifo.png": "not_a_file",
        "null": "not_a_file",
        "gif.png": "unsupported_format",
        "huge.jpg": "corrupt_image",
        "loop.pdf": "pdf_invalid",
    }
    by_name = {f.file_name: f for f in could_not_read(station, scanner)}
    set_language("en")
    try:
        assert "a pipe" in by_name["fifo"].message or "管道" in by_name["fifo"].message
    finally:
        set_language("zh_CN")
    assert "管道" in by_name["fifo.png"].message and "设备" in by_name["zero.png"].message
    assert pending_imports(station) == []  # nothing left to hang the next resume

    # a second run reads none of it again (the looping PDF is not retried on every run)
    again = run_in_thread(ScanImport(station, scanner, [folder / "loop.pdf"]))
    assert (again.duplicates, again.results) == (1, [])  # type: ignore[attr-defined]
    assert specials  # the pipes are still pipes: nothing wrote into or replaced them
    assert all(not p.is_file() for p in specials.values())


def test_pipes_and_devices_left_in_the_resume_queue_do_not_hang_it(
    station: Station, scanner: Operator, tmp_path: Path, first_page: Image.Image
) -> None:
    specials = hostile.make_specials(tmp_path / "odd")
    good = tmp_path / "letter.png"
    first_page.save(good)
    run = ScanImport(station, scanner, [good, *specials.values()], engine="tesseract")
    run.cancel()  # closed before it started: everything stays queued
    run.run()
    assert set(pending_imports(station)) == {good, *specials.values()}

    again = resume(station, scanner)
    assert again is not None
    summary = run_in_thread(again)
    assert summary.pages_ok == 1  # type: ignore[attr-defined]
    assert pending_imports(station) == []
    reasons = {f.file_name: f.reason for f in could_not_read(station, scanner)}
    assert reasons == dict.fromkeys(specials, "not_a_file")


def test_a_pdf_content_bomb_is_capped_and_listed_as_too_large(
    station: Station, scanner: Operator, tmp_path: Path, first_page: Image.Image
) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(hostile.content_bomb_pdf())
    assert bomb.stat().st_size < 2_000_000  # small on disk, 400 MB once inflated
    good = tmp_path / "letter.png"
    first_page.save(good)
    run = ScanImport(station, scanner, [bomb, good], engine="tesseract", workers=1)
    summary = run_in_thread(run)
    assert summary.pages_ok == 1  # type: ignore[attr-defined]
    (item,) = could_not_read(station, scanner)
    assert (item.file_name, item.reason) == ("bomb.pdf", "too_large")
    assert "过大" in item.message
    again = run_in_thread(ScanImport(station, scanner, [bomb], engine="tesseract"))
    assert (again.duplicates, again.results) == (1, [])  # type: ignore[attr-defined]


def test_json_prints_duplicates_and_escapes_names(
    tmp_path: Path, first_page: Image.Image, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language("zh_CN")
    data = tmp_path / "st"
    args = ["--data-dir", str(data)]
    assert main(["init", "--code", "PT-CLI01", "--name", "测试站", "--district", "普陀区",
                 "--street", "长寿路街道", "--admin", "王管理", "--admin-pin", "2468",
                 *args]) == 0  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    odd = hostile.bytes_name(folder, b"\xff-letter.png")
    first_page.save(odd, format="PNG")
    (folder / "copy-\x1b[2J.png").write_bytes(Path(odd).read_bytes())
    (folder / "bell-\x07.jpg").write_bytes(b"not an image at all")
    capsys.readouterr()
    assert main(["import-scans", str(folder), "--engine", "tesseract", "--json", *args]) == 0
    captured = capsys.readouterr()
    items = [json.loads(line) for line in captured.out.splitlines()]
    names = {i["status"]: i["file"].rsplit("/", 1)[-1] for i in items}
    assert sorted(names) == ["duplicate", "error", "ok"] and len(items) == 3
    assert names["error"] == "bell-\\x07.jpg"
    # the same bytes under two names: one is read, the other printed as a duplicate
    assert {names["ok"], names["duplicate"]} == {"copy-\\x1b[2J.png", "\\xff-letter.png"}
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.err

    assert main(["import-scans", str(folder), "--engine", "tesseract", *args]) == 0
    text = capsys.readouterr().out
    assert "重复文件 3 个" in text and "\x1b" not in text
