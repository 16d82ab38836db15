"""The job runner: bad files never stop a batch, multi-page files, cancel, timeouts."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

from PIL import Image

from station_app.ocr.engines import OcrLine, join_cjk_words, merge_rows
from station_app.ocr.pipeline import PageResult
from station_app.ocr.pool import OcrJob
from tests.ocr import letters


def test_bad_files_are_listed_and_the_batch_goes_on(
    bad_files: dict[str, Path], letter: Image.Image, second_letter: Image.Image, tmp_path: Path
) -> None:
    tiff = tmp_path / "scan.tif"
    letters.save_tiff([letter.resize((700, 990)), second_letter.resize((700, 990))], tiff)
    pdf = tmp_path / "scan.pdf"
    letters.save_pdf([second_letter.resize((700, 990))] * 2, pdf, dpi=100)
    files = [*bad_files.values(), tiff, pdf]
    progress: list[tuple[int, int]] = []
    streamed: list[PageResult] = []
    images: dict[tuple[str, int], bytes] = {}
    summary = OcrJob(
        files,
        engine="tesseract",
        on_progress=lambda done, total: progress.append((done, total)),
        on_result=streamed.append,
        on_image=lambda r, png: images.__setitem__((Path(r.file).name, r.page), png),
    ).run()
    assert summary.results == streamed and not summary.cancelled
    reasons = {Path(r.file).name: r.reason for r in summary.errors}
    assert reasons == {
        "truncated.png": "corrupt_image",
        "random.jpg": "corrupt_image",
        "empty.png": "zero_byte",
        "bomb.png": "too_large",
        "not_a.pdf": "pdf_invalid",
        "locked.pdf": "pdf_encrypted",
        "notes.txt": "unsupported_format",
    }
    ok = sorted((Path(r.file).name, r.page) for r in summary.results if r.status == "ok")
    assert ok == [("scan.pdf", 0), ("scan.pdf", 1), ("scan.tif", 0), ("scan.tif", 1)]
    assert progress[-1] == (11, 11)
    assert all(d <= t for d, t in progress)
    # the prepared pages came back in memory: the image each reading's boxes belong to
    assert sorted(images) == ok
    for r in summary.results:
        if r.status == "ok":
            assert r.page_count == 2
            assert "电话" in r.text
            image = Image.open(io.BytesIO(images[(Path(r.file).name, r.page)]))
            assert image.format == "PNG"
            right = max(ln["bbox"][2] for ln in r.lines)
            assert image.width >= right > image.width // 2


def test_cancel_stops_queued_pages_promptly(letter: Image.Image, tmp_path: Path) -> None:
    files = []
    for i in range(12):
        path = tmp_path / f"p{i}.png"
        letters.turned(letter, i % 3).save(path)  # distinct files
        files.append(path)
    job = OcrJob(files, engine="tesseract", workers=2)
    first = threading.Event()
    job.on_result = lambda r: first.set()
    timer = threading.Thread(target=lambda: first.wait(60) and job.cancel())
    timer.start()
    started = time.monotonic()
    summary = job.run()
    elapsed = time.monotonic() - started
    timer.join()
    assert summary.cancelled
    assert 1 <= len(summary.results) < 12
    assert len(summary.unfinished) >= 12 - len(summary.results) - 1
    assert elapsed < 30
    assert job._workers == []


def test_page_timeout_kills_the_worker_and_reports(letter: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "slow.png"
    letter.save(path)
    summary = OcrJob([path], engine="tesseract", workers=1, page_timeout=0.3).run()
    (result,) = summary.results
    assert result.status == "error" and result.reason == "timeout"
    assert "timed out" in result.message


def test_unknown_engine_fails_every_page_not_the_caller(
    letter: Image.Image, tmp_path: Path
) -> None:
    path = tmp_path / "a.png"
    letter.resize((100, 141)).save(path)
    summary = OcrJob([path, path], engine="nosuch", workers=1).run()
    assert [r.reason for r in summary.results] == ["engine_unavailable"] * 2


def test_cjk_spacing_and_row_merge() -> None:
    assert (
        join_cjk_words(["联系人:", "张", "明华", "电话:", "138", "1234"])
        == "联系人:张明华电话: 138 1234"
    )
    assert join_cjk_words(["Room", "502", "室"]) == "Room 502室"
    rows = merge_rows(
        [
            OcrLine("区长寿路", 0.9, (300, 100, 500, 130)),
            OcrLine("地址:上海市普陀", 0.8, (10, 98, 290, 132)),
            OcrLine("标题", 0.9, (10, 10, 100, 40)),
        ]
    )
    assert [r.text for r in rows] == ["标题", "地址:上海市普陀区长寿路"]


def test_a_killed_worker_loses_at_most_its_page(letter: Image.Image, tmp_path: Path) -> None:
    import os
    import signal

    files = []
    for i in range(4):
        path = tmp_path / f"k{i}.png"
        letters.turned(letter, i).resize((700, 1000)).save(path)
        files.append(path)
    job = OcrJob(files, engine="tesseract", workers=1)
    killed: list[int] = []

    def on_result(result: PageResult) -> None:
        if not killed:
            killed.append(job.worker_pids[0])
            os.kill(job.worker_pids[0], signal.SIGKILL)

    job.on_result = on_result
    summary = job.run()
    said = [(r.page, r.status, r.reason, r.message) for r in summary.results]
    assert len(summary.results) == 4, said
    assert {r.reason for r in summary.results} <= {None, "worker_crashed"}, said
    assert sum(r.status == "ok" for r in summary.results) >= 3, said
    assert len(job.worker_pids) == 2  # a new worker took over
