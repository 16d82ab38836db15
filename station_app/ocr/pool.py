"""OCR jobs: pages of many files read in worker processes, with progress, cancel and timeouts.

    job = OcrJob(files, engine="rapidocr", on_progress=..., on_result=...)
    summary = job.run()          # blocks; call it off the UI thread
    job.cancel()                 # from any thread: queued pages stop at once

Each worker is a spawned process that loads its engine once (cv2/onnxruntime live only
there) and talks to the parent over its own pipe, so a worker that hangs past the per-page
timeout or crashes (a hostile PDF) is killed and replaced without touching the others. Every
file is first probed (headers, page count, SHA-256) in a worker, then its pages are queued.
Callbacks run on the thread that called `run()`; results stream as pages finish.

Each worker's memory is capped (`Limits.worker_memory_mb`, RLIMIT_AS on POSIX): a PDF page
whose content would inflate past it, or that is still rendering at the page timeout, ends
its worker and is listed as too large. Prepared page images come back in memory
(`on_image`), and engines' temporary files go to an owner-only scratch folder that the job
removes (a worker's part as soon as the worker is dropped); `scratch_folder()` prefers a
folder in memory (/dev/shm on Linux) so that nothing of a page reaches the disk.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from station_app.ocr.engines import default_engine_name
from station_app.ocr.intake import DEFAULT_LIMITS, FileInfo, IntakeError, Limits
from station_app.ocr.pipeline import PageResult

ProgressCallback = Callable[[int, int], None]
ResultCallback = Callable[[PageResult], None]
ImageCallback = Callable[[PageResult, bytes], None]
SCRATCH_PREFIX = "station-ocr-"
MEMORY_FOLDER = Path("/dev/shm")  # Linux: a RAM file system; elsewhere the data folder's tmp/


def _scratch_bases(fallback: Path | None) -> list[Path]:
    bases = [MEMORY_FOLDER] if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK) else []
    return bases + ([fallback] if fallback is not None else [])


def scratch_folder(fallback: Path | None = None) -> Path:
    """A new owner-only (0700) folder for engines' temporary files: in memory where the OS
    offers one (Linux /dev/shm), else under `fallback` (the data folder's tmp/), else the
    system temporary folder. The caller removes it (`OcrJob.run` does)."""
    for base in _scratch_bases(fallback):
        with contextlib.suppress(OSError):
            base.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=base))
    return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))


def sweep_scratch(fallback: Path | None = None) -> int:
    """Remove scratch folders of jobs that died (SIGKILL, power cut): their lock is free.
    Returns how many were removed. Runs at the start of every job."""
    bases = [*_scratch_bases(fallback), Path(tempfile.gettempdir())]
    return sum(sweep_unlocked(base, SCRATCH_PREFIX) for base in bases)


def sweep_unlocked(base: Path, prefix: str) -> int:
    """Remove the folders `base/prefix*` whose `.lock` file no live process holds (a live job
    holds its folder's lock for as long as it runs). Returns how many were removed."""
    removed = 0
    for folder in base.glob(f"{prefix}*"):
        if folder.name.endswith(".lock") or not folder.is_dir():
            continue
        lock = FileLock(f"{folder}.lock")
        try:
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            continue  # a live job is using it
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
        finally:
            lock.release()
            Path(f"{folder}.lock").unlink(missing_ok=True)
    return removed


_MESSAGES = {
    "timeout": "识别超时（超过 {s:.0f} 秒），已跳过此页。 / Recognition timed out after {s:.0f} s.",
    "worker_crashed": "识别进程意外退出，已跳过此页。 / The OCR process stopped unexpectedly.",
    "engine_unavailable": "识别引擎无法启动：{detail} / The OCR engine cannot start: {detail}",
}


@dataclass
class JobSummary:
    """What `OcrJob.run()` returns. `unfinished` lists files with pages not read (cancel)."""

    results: list[PageResult] = field(default_factory=list)
    cancelled: bool = False
    unfinished: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[PageResult]:
        return [r for r in self.results if r.status == "error"]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    task: tuple[str, int, Any] | None = None
    started: float = 0.0


class OcrJob:
    """OCR a batch of files in `workers` processes (default: one per core)."""

    def __init__(
        self,
        files: list[Path],
        engine: str | None = None,
        on_progress: ProgressCallback | None = None,
        on_result: ResultCallback | None = None,
        *,
        workers: int | None = None,
        page_timeout: float = 180.0,
        start_timeout: float = 120.0,
        limits: Limits = DEFAULT_LIMITS,
        on_image: ImageCallback | None = None,
        scratch_dir: Path | None = None,
        images: list[bytes] | None = None,
    ) -> None:
        self.images = list(images or [])
        # pages handed over in memory (PNG/JPEG bytes, read as they are) come after the
        # files; their results name them "(memory)", their index is counted after the files
        self.files = [Path(f) for f in files] + [Path("(memory)")] * len(self.images)
        self.engine = engine or default_engine_name()
        self.on_progress = on_progress
        self.on_result = on_result
        self.max_workers = max(1, workers or os.cpu_count() or 1)
        self.page_timeout = page_timeout
        self.start_timeout = start_timeout
        self.limits = limits
        self.on_image = on_image
        self.scratch_base = scratch_dir
        self.scratch: Path | None = None
        self._ctx = multiprocessing.get_context("spawn")
        self._cancel = threading.Event()
        self._wake_r, self._wake_w = self._ctx.Pipe(duplex=False)
        self._workers: list[_Worker] = []
        self.worker_pids: list[int] = []
        self._fatal: str | None = None

    def cancel(self) -> None:
        """Stop the job: queued pages are dropped, pages in progress are abandoned."""
        self._cancel.set()
        with contextlib.suppress(OSError):
            self._wake_w.send_bytes(b"x")

    # -- the loop ---------------------------------------------------------------------------

    def run(self) -> JobSummary:
        """Run to the end (or cancel); returns every result also passed to `on_result`."""
        started = time.perf_counter()
        summary = JobSummary()
        queue: deque[tuple[str, int, Any]] = deque(
            ("probe", i, path)
            for i, path in enumerate(self.files[: len(self.files) - len(self.images)])
        )
        first_image = len(self.files) - len(self.images)
        queue.extend(("image", first_image + i, png) for i, png in enumerate(self.images))
        sweep_scratch(self.scratch_base)
        self.scratch = scratch_folder(self.scratch_base)
        scratch_lock = FileLock(f"{self.scratch}.lock")
        scratch_lock.acquire()
        pages_left: dict[int, int] = {}  # file index -> pages not yet finished
        total = len(self.files)
        done = 0
        self._fatal = None

        def emit(result: PageResult, file_index: int) -> None:
            nonlocal done
            done += 1
            summary.results.append(result)
            pages_left[file_index] = pages_left.get(file_index, 1) - 1
            if self.on_result:
                self.on_result(result)
            if self.on_progress:
                self.on_progress(done, total)

        if self.on_progress:
            self.on_progress(0, total)
        try:
            while (queue or any(w.task for w in self._workers)) and not self._cancel.is_set():
                idle = [w for w in self._workers if w.ready and w.task is None]
                starting = [w for w in self._workers if not w.ready]
                want = min(len(queue), self.max_workers) - len(idle) - len(starting)
                while want > 0 and len(self._workers) < self.max_workers:
                    self._spawn()
                    want -= 1
                for w in idle:
                    if not queue:
                        break
                    task = queue.popleft()
                    try:
                        w.conn.send(task)
                    except OSError:  # died since the last look: the task goes back
                        queue.appendleft(task)
                        self._drop(w)
                        continue
                    w.task, w.started = task, time.monotonic()
                for w, msg in self._wait():
                    if msg is None:  # the process died
                        self._drop(w)
                        if w.task is not None:
                            fi, page, reason = self._lost(w.task, "worker_crashed")
                            emit(self._failed(fi, page, reason), fi)
                        elif not w.ready:
                            self._fatal = self._fatal or "worker exited during start"
                        continue
                    if msg[0] == "fatal":
                        self._fatal = msg[1]
                        self._drop(w)
                        continue
                    if msg[0] == "ready":
                        w.ready = True
                        continue
                    kind, fi, reply = msg
                    w.task = None
                    keep = self.on_image is not None
                    if kind == "probe" and isinstance(reply, FileInfo):
                        pages_left[fi] = reply.page_count
                        total += reply.page_count - 1
                        queue.extendleft(
                            ("page", fi, (reply, i, keep))
                            for i in reversed(range(reply.page_count))
                        )
                        if self.on_progress:
                            self.on_progress(done, total)
                    elif kind in ("page", "image"):
                        result, png = reply
                        if png is not None and self.on_image is not None:
                            self.on_image(result, png)
                        emit(result, fi)
                    else:
                        emit(reply, fi)
                self._check_timeouts(emit)
                if self._fatal and not any(w.ready for w in self._workers):
                    while queue:
                        kind, fi, payload = queue.popleft()
                        page = payload[1] if kind == "page" else 0
                        emit(self._failed(fi, page, "engine_unavailable", detail=self._fatal), fi)
        finally:
            self._shutdown()
            shutil.rmtree(self.scratch, ignore_errors=True)
            scratch_lock.release()
            Path(f"{self.scratch}.lock").unlink(missing_ok=True)
        summary.cancelled = self._cancel.is_set()
        left = {fi for fi, n in pages_left.items() if n > 0}
        left |= {fi for fi in range(len(self.files)) if fi not in pages_left}
        summary.unfinished = [self.files[fi] for fi in sorted(left)] if summary.cancelled else []
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary

    def _failed(self, file_index: int, page: int, reason: str, **params: Any) -> PageResult:
        if reason in _MESSAGES:
            message = _MESSAGES[reason].format(s=self.page_timeout, **params)
        else:
            message = IntakeError(reason, **params).bilingual()
        return PageResult.failed(self.files[file_index], page, reason, message, engine=self.engine)

    @staticmethod
    def _lost(task: tuple[str, int, Any], reason: str) -> tuple[int, int, str]:
        """File index, page and reason for a task whose worker died or ran out of time. A
        PDF page that does that is a content bomb (pages are sized before rendering, so
        only its content can be too big), listed as too large."""
        kind, fi, payload = task
        if kind != "page":
            return fi, 0, reason
        info, page = payload[0], payload[1]
        return fi, page, "too_large" if info.format == "pdf" else reason

    def _wait(self) -> list[tuple[_Worker, Any]]:
        """Block until a worker answers or dies, a deadline passes, or cancel is called."""
        deadlines = [
            w.started + self.page_timeout if w.task else w.started + self.start_timeout
            for w in self._workers
            if w.task or not w.ready
        ]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        by_conn = {id(w.conn): w for w in self._workers}
        by_sentinel = {w.process.sentinel: w for w in self._workers}
        ready = wait([self._wake_r, *(w.conn for w in self._workers), *by_sentinel], timeout)
        out: list[tuple[_Worker, Any]] = []
        dead: list[_Worker] = []
        for obj in ready:
            if obj is self._wake_r:
                continue
            if isinstance(obj, int):
                dead.append(by_sentinel[obj])
                continue
            w = by_conn[id(obj)]
            try:
                out.append((w, w.conn.recv()))
            except (EOFError, OSError):
                dead.append(w)
        for w in dead:  # a reply sent just before exiting is still read first
            if w in self._workers and not any(o[0] is w for o in out):
                if w.conn.poll():
                    try:
                        out.append((w, w.conn.recv()))
                        continue
                    except (EOFError, OSError):
                        pass
                out.append((w, None))
        return out

    def _check_timeouts(self, emit: Callable[[PageResult, int], None]) -> None:
        now = time.monotonic()
        for w in list(self._workers):
            if w.task and now - w.started > self.page_timeout:
                fi, page, reason = self._lost(w.task, "timeout")
                self._drop(w)
                emit(self._failed(fi, page, reason), fi)
            elif not w.ready and now - w.started > self.start_timeout:
                self._drop(w)
                self._fatal = self._fatal or "engine did not start in time"

    def _spawn(self) -> None:
        from station_app.ocr._worker import worker_main

        parent, child = self._ctx.Pipe(duplex=True)
        scratch = str(self.scratch) if self.scratch else None
        proc = self._ctx.Process(
            target=worker_main,
            args=(child, self.engine, self.limits, scratch),
            name="station-ocr-worker",
            daemon=True,
        )
        proc.start()
        child.close()
        if proc.pid is not None:  # always, once started
            self.worker_pids.append(proc.pid)
        self._workers.append(_Worker(proc, parent, started=time.monotonic()))

    def _drop(self, w: _Worker) -> None:
        if w in self._workers:
            self._workers.remove(w)
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.conn.close()
        if self.scratch is not None:  # what its engine had in a temporary file goes now
            shutil.rmtree(self.scratch / f"w{w.process.pid}", ignore_errors=True)

    def _shutdown(self) -> None:
        cancelled = self._cancel.is_set()
        for w in self._workers:
            if not cancelled and w.task is None:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
        deadline = time.monotonic() + 2.0
        for w in list(self._workers):
            if cancelled or w.task is not None:
                w.process.kill()
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            w.conn.close()
        self._workers.clear()
