"""The OCR worker process: loads one engine once, then probes files and reads pages on request.

Runs only in processes started by `station_app.ocr.pool` (spawn). Importing this module has no
side effect; `worker_main` caps threads, memory and the temporary folder before the engine
(cv2, onnxruntime, tesseract) is loaded.

Nothing a page shows leaves this process in the clear: the prepared page image goes back to
the parent as PNG bytes over the pipe (the parent stores it encrypted), and what an engine
writes to a temporary folder (pytesseract's `tess_*_input.PNG` and its `.tsv`) goes to the
job's owner-only scratch folder, which the parent removes (see `pool.scratch_folder`).
"""

from __future__ import annotations

import os
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from PIL import Image

from station_app.ocr.engines import OcrEngine, OcrResult
from station_app.ocr.intake import IntakeError, Limits, image_from_bytes, probe
from station_app.ocr.pipeline import PageResult, page_png, process_page, read_page

THREAD_VARS = ("OMP_NUM_THREADS", "OMP_THREAD_LIMIT", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
TEMP_VARS = ("TMPDIR", "TEMP", "TMP")


class ImageKeeper(OcrEngine):
    """The worker's engine, remembering the images it read, so that the image whose reading
    was kept (the boxes of its lines are in its pixels) can be sent back in memory. It is
    the engine to the pipeline in every respect: layout finder, line reading, steps."""

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.name = engine.name
        self.layout_finder = engine.layout_finder
        self.reads_lines = engine.reads_lines
        self.deskews = engine.deskews
        self.evens_contrast = engine.evens_contrast
        self.seen: list[tuple[Image.Image, OcrResult]] = []

    @property
    def version(self) -> str:
        return self.engine.version

    def recognize(self, image: Image.Image) -> OcrResult:
        result = self.engine.recognize(image)
        self.seen.append((image, result))
        return result

    def read_lines(self, gray: Any, boxes: list[Any]) -> OcrResult:
        result = self.engine.read_lines(gray, boxes)
        self.seen.append((Image.fromarray(gray), result))
        return result

    def read_crops(self, crops: list[Any]) -> list[tuple[str, float]]:
        return self.engine.read_crops(crops)

    def keep(self, image: Image.Image, result: OcrResult) -> None:
        self.seen.append((image, result))

    def kept_png(self, result: PageResult) -> bytes | None:
        """The PNG of the image that gave `result`'s text (the last read if none matches)."""
        if result.status != "ok" or not self.seen:
            return None
        image = self.seen[-1][0]
        for candidate, reading in reversed(self.seen):
            if reading.text == result.text and reading.mean_confidence == result.mean_confidence:
                image = candidate
                break
        return page_png(image)


def cap_memory(megabytes: int) -> bool:
    """Cap this process's address space (POSIX RLIMIT_AS), so a decompression bomb fails
    with MemoryError (or the process ends) instead of taking the machine's memory. Windows
    has no such limit per process; there the page timeout in pool.py is the guard."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return False
    return True


def use_scratch(folder: str | None) -> None:
    """Point this process's (and its children's: tesseract) temporary folder at `folder`."""
    if folder is None:
        return
    path = Path(folder) / f"w{os.getpid()}"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    for var in TEMP_VARS:
        os.environ[var] = str(path)
    tempfile.tempdir = str(path)


def worker_main(
    conn: Connection, engine_name: str, limits: Limits, scratch: str | None = None
) -> None:
    """Serve tasks from `conn` until it closes or a None arrives."""
    # one thread per worker: two workers on two cores, no oversubscription; tesseract (a
    # subprocess) reads OMP_THREAD_LIMIT, onnxruntime and cv2 get explicit settings too
    for var in THREAD_VARS:
        os.environ[var] = "1"
    use_scratch(scratch)
    cap_memory(limits.worker_memory_mb)
    try:
        from station_app.ocr.engines import get_engine

        engine = ImageKeeper(get_engine(engine_name, threads=1))
    except Exception as exc:  # engine missing or broken: tell the parent and stop
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", engine.name, engine.version))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        kind, task_id, payload = task
        reply: Any
        if kind == "probe":
            try:
                reply = probe(payload, limits)
            except IntakeError as exc:
                reply = PageResult.from_intake_error(payload, 0, exc)
            except MemoryError:
                reply = PageResult.from_intake_error(payload, 0, IntakeError("too_large"))
        elif kind == "image":
            engine.seen.clear()
            try:
                result = read_image(engine, payload, limits)
                reply = (result, engine.kept_png(result))
            finally:
                engine.seen.clear()
        else:
            info, index, want_image = payload
            engine.seen.clear()
            result = process_page(engine, info, index, limits=limits)
            try:
                png = engine.kept_png(result) if want_image else None
            finally:
                engine.seen.clear()
            reply = (result, png)
        conn.send((kind, task_id, reply))


def read_image(engine: OcrEngine, data: bytes, limits: Limits) -> PageResult:
    """Read a page handed over in memory as it is: a reviewer turned it upright, so it is
    neither turned nor deskewed again (`prepare=False`)."""
    common: dict[str, Any] = {"engine": engine.name, "engine_version": engine.version}
    try:
        image = image_from_bytes(data, limits)
    except IntakeError as exc:
        return PageResult.from_intake_error("(memory)", 0, exc, **common)
    try:
        _prepared, found = read_page(engine, image, prepare=False)
    except Exception as exc:  # an engine failure is a result, as for a file's page
        return PageResult.failed(
            "(memory)",
            0,
            "engine_error",
            f"识别出错：{type(exc).__name__} / Recognition failed: {type(exc).__name__}",
            **common,
        )
    return PageResult(
        file="(memory)",
        page=0,
        status="ok",
        page_count=1,
        rotation=0,
        deskew_angle=0.0,
        mean_confidence=found.mean_confidence,
        text=found.text,
        lines=[ln.to_dict() for ln in found.lines],
        **common,
    )
