"""The OCR worker process: loads one engine once, then probes files and reads pages on request.

Runs only in processes started by `station_app.ocr.pool` (spawn). Importing this module has no
side effect; `worker_main` caps threads before the engine (cv2, onnxruntime) is loaded.
"""

from __future__ import annotations

import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from station_app.ocr.intake import IntakeError, Limits, probe
from station_app.ocr.pipeline import PageResult, process_page

THREAD_VARS = ("OMP_NUM_THREADS", "OMP_THREAD_LIMIT", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def worker_main(
    conn: Connection, engine_name: str, limits: Limits, prepared_dir: str | None
) -> None:
    """Serve tasks from `conn` until it closes or a None arrives."""
    # one thread per worker: two workers on two cores, no oversubscription; tesseract (a
    # subprocess) reads OMP_THREAD_LIMIT, onnxruntime and cv2 get explicit settings too
    for var in THREAD_VARS:
        os.environ[var] = "1"
    try:
        from station_app.ocr.engines import get_engine

        engine = get_engine(engine_name, threads=1)
    except Exception as exc:  # engine missing or broken: tell the parent and stop
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", engine.name, engine.version))
    out_dir = Path(prepared_dir) if prepared_dir else None
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
        else:
            info, index = payload
            reply = process_page(engine, info, index, limits=limits, prepared_dir=out_dir)
        conn.send((kind, task_id, reply))
