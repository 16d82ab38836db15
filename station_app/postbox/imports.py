"""Bringing scans in: files or folders through the OCR pool into encrypted storage.

    run = ScanImport(station, actor, [folder], collection_id=3, on_page=...)
    summary = run.run()       # blocks: call it off the UI thread; run.cancel() from any thread

The files of a run are queued in the database first (`import_queue`); each finished page is
stored in one transaction (original file and prepared page image encrypted under scans/,
then the `scan`/`scan_page` rows), and a file leaves the queue in the transaction that
stores its last page. So a closed app, a cancel or a SIGKILL loses no finished page, leaves
no half-written row, and `pending_imports`/`resume` carry on with what was not read.

Bad input never stops a run: a file that cannot be read goes to the could-not-read list
(`import_failure`) with its reason, and an encrypted copy is kept under could-not-read/
(files over the size limit, or that cannot be opened at all, are referenced where they
are instead: copying them is either unsafe or impossible). The same file imported twice is
recognised by SHA-256 and neither stored nor read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.clock import iso
from station_app.dbapi import Connection, new_id
from station_app.errors import StationError
from station_app.i18n import current_language, tr
from station_app.ocr.intake import (
    DEFAULT_LIMITS,
    REASONS,
    IntakeError,
    display_name,
    file_kind,
    open_regular,
    read_regular,
    sha256_file,
    sniff_format,
)
from station_app.ocr.pipeline import PageResult
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import (
    check_collection_open,
    get_kept,
    get_scan,
    kept_path,
    path_from_db,
    path_to_db,
    put_kept,
    put_scan,
)
from station_app.postbox.form_serials import record_form_page
from station_app.postbox.pages import (
    PageRef,
    PageText,
    assign_pages,
    get_page,
    page_image,
    page_text,
    unassigned_pages,
)
from station_app.security.scanstore import scan_path
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw

__all__ = [
    "FailedFile",
    "ImportSummary",
    "PageRef",
    "PageText",
    "ScanImport",
    "assign_pages",
    "could_not_read",
    "dismiss_failed",
    "expand_paths",
    "export_failed_file",
    "get_page",
    "page_image",
    "page_text",
    "pending_imports",
    "resume",
    "unassigned_pages",
]

MIME = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff", "pdf": "application/pdf"}
TMP_PREFIX = "postbox-import-"


@dataclass
class ImportSummary:
    files: int = 0
    pages_ok: int = 0
    pages_failed: int = 0
    duplicates: int = 0
    duplicate_files: list[Path] = field(default_factory=list)
    cancelled: bool = False
    unfinished: list[Path] = field(default_factory=list)
    results: list[PageResult] = field(default_factory=list)


@dataclass(frozen=True)
class FailedFile:
    """One entry of the could-not-read list. `kept_path` is the encrypted copy (kept
    "encrypted"), the stored original scan ("scan") or the file where it was ("in_place");
    `export_failed_file` writes a readable copy where the user chooses."""

    id: int
    file_name: str
    kept_path: Path
    reason: str
    message: str
    at: str
    source_path: Path | None = None
    page: int = 0
    kept: str = "encrypted"
    sha256: str | None = None


# -- finding files -------------------------------------------------------------------------


SCAN_SUFFIXES = {".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".pdf"}


def is_supported(path: Path) -> bool:
    """PNG, JPEG, TIFF or PDF by the first bytes; a file named like a scan is taken too,
    so that a damaged one shows on the could-not-read list instead of vanishing, and so is
    anything that is not a regular file (a pipe, a device, a link to /dev/zero): it is
    listed with its reason, never opened (a pipe would block the import forever)."""
    try:
        kind = file_kind(os.stat(path).st_mode)
    except OSError:
        return path.suffix.lower() in SCAN_SUFFIXES
    if kind is not None:
        return kind != "directory"
    if path.suffix.lower() in SCAN_SUFFIXES:
        return True
    try:
        with open_regular(path) as fh:
            return sniff_format(fh.read(1024)) is not None
    except (OSError, IntakeError):
        return False


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Folders become their scan files (by content, or named .png/.jpg/.tif/.pdf; recursive,
    sorted; hidden files skipped); files stay as given (an unsupported one is then listed
    as could-not-read)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser().absolute()
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    candidate = Path(root) / name
                    if not name.startswith(".") and is_supported(candidate):
                        found.append(candidate)
            items = sorted(found)
        else:
            items = [path]
        for item in items:
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


# -- leftovers of older versions ----------------------------------------------------------


def sweep_leftovers(station: Station) -> int:
    """Remove what a crashed import left: engines' scratch folders (pool.sweep_scratch) and
    prepared-page folders of versions that wrote them to tmp/. Returns how many."""
    from station_app.ocr.pool import sweep_scratch, sweep_unlocked

    removed = sweep_scratch(station.data.tmp)
    if station.data.tmp.is_dir():
        removed += sweep_unlocked(station.data.tmp, TMP_PREFIX)
    return removed


# -- one import run ------------------------------------------------------------------------


class ScanImport:
    """One import run over files and folders; see the module docstring."""

    def __init__(
        self,
        station: Station,
        actor: Operator,
        paths: Sequence[Path],
        *,
        collection_id: int | None = None,
        engine: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_page: Callable[[PageResult], None] | None = None,
        on_duplicate: Callable[[Path, str], None] | None = None,
        workers: int | None = None,
        page_timeout: float = 180.0,
    ) -> None:
        require(actor, "postbox")
        self.station = station
        self.actor = actor
        self.paths = [Path(p) for p in paths]
        self.collection_id = collection_id
        self.engine = engine
        self.on_progress = on_progress
        self.on_page = on_page
        self.on_duplicate = on_duplicate
        self.workers = workers
        self.page_timeout = page_timeout
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._job: Any = None
        self._shas: dict[Path, str | None] = {}
        self._collections: dict[Path, int | None] = {}
        self._originals: set[str] = set()
        self._images: dict[tuple[str, int], bytes] = {}
        self._summary = ImportSummary()

    def cancel(self) -> None:
        """Stop: pages being read are dropped, the rest stays queued for `resume`."""
        self._cancel.set()
        with self._lock:
            job = self._job
        if job is not None:
            job.cancel()

    def run(self) -> ImportSummary:
        from station_app.ocr.pool import OcrJob

        files = expand_paths(self.paths)
        summary = self._summary = ImportSummary(files=len(files))
        self._enqueue(files)
        to_read: list[Path] = []
        batch: set[str] = set()
        for index, path in enumerate(files):
            if self._cancel.is_set():
                summary.cancelled = True
                summary.unfinished = to_read + files[index:]
                return summary
            sha = _sha_or_none(path)
            self._shas[path] = sha
            if sha is not None and (sha in batch or self._already_imported(sha)):
                summary.duplicates += 1
                summary.duplicate_files.append(path)
                self._forget(path, sha)
                if self.on_duplicate:
                    self.on_duplicate(path, sha)
                continue
            if sha is not None:
                batch.add(sha)
            to_read.append(path)
        if not to_read:
            if self.on_progress:
                self.on_progress(0, 0)
            return summary
        sweep_leftovers(self.station)
        job = OcrJob(
            to_read,
            engine=self.engine,
            on_progress=self.on_progress,
            on_result=self._store,
            on_image=self._keep_image,
            workers=self.workers,
            page_timeout=self.page_timeout,
            scratch_dir=self.station.data.tmp,
        )
        with self._lock:
            self._job = job
        if self._cancel.is_set():
            job.cancel()
        outcome = job.run()
        summary.results = list(outcome.results)
        summary.cancelled = outcome.cancelled or self._cancel.is_set()
        summary.unfinished = list(outcome.unfinished)
        left = set(summary.unfinished)
        done = [p for p in to_read if p not in left]
        if done:  # files whose last page was a pool error (timeout, crash) finish here
            with self.station.db.write() as s:
                conn = raw(s)
                for path in done:
                    conn.execute("DELETE FROM import_queue WHERE path = ?", (path_to_db(path),))
                    _remember(conn, path, self._shas.get(path), iso(self.station.clock.now()))
        return summary

    # -- queue ------------------------------------------------------------------------------

    def _enqueue(self, files: list[Path]) -> None:
        now = iso(self.station.clock.now())
        with self.station.db.write() as s:
            conn = raw(s)
            if self.collection_id is not None:
                check_collection_open(conn, self.collection_id)
            for path in files:
                conn.execute(
                    "INSERT INTO import_queue(path, collection_id, engine, operator_id, "
                    "queued_at) VALUES (?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET "
                    "collection_id = coalesce(excluded.collection_id, collection_id), "
                    "engine = coalesce(excluded.engine, engine)",
                    (path_to_db(path), self.collection_id, self.engine, self.actor.id, now),
                )
                row = conn.execute(
                    "SELECT collection_id FROM import_queue WHERE path = ?", (path_to_db(path),)
                ).fetchone()
                self._collections[path] = row[0] if row else self.collection_id

    def _already_imported(self, sha: str) -> bool:
        with self.station.db.read() as s:
            conn = raw(s)
            if conn.execute(
                "SELECT 1 FROM scan WHERE sha256 = ? AND status != 'pending'", (sha,)
            ).fetchone():
                return True
            return bool(
                conn.execute(
                    "SELECT 1 FROM import_failure WHERE sha256 = ? AND scope = 'file'", (sha,)
                ).fetchone()
            )

    def _has_scan_row(self, sha: str) -> bool:
        with self.station.db.read() as s:
            return bool(raw(s).execute("SELECT 1 FROM scan WHERE sha256 = ?", (sha,)).fetchone())

    def _forget(self, path: Path, sha: str | None) -> None:
        with self.station.db.write() as s:
            conn = raw(s)
            conn.execute("DELETE FROM import_queue WHERE path = ?", (path_to_db(path),))
            _remember(conn, path, sha, iso(self.station.clock.now()))

    # -- storing one result (runs on the thread that called run()) -------------------------

    def _store(self, result: PageResult) -> None:
        path = Path(result.file)
        sha = self._shas.get(path) or result.sha256
        if result.status == "ok":
            content = self._original_bytes(path, sha) if sha else None
            if content is None or not sha:
                result = _changed(result)
            else:
                self._store_page(result, path, sha, content)
        if result.status != "ok":
            self._store_failure(result, path, sha)
            self._summary.pages_failed += 1
        else:
            self._summary.pages_ok += 1
        self._images.pop((result.file, result.page), None)
        if self.on_page:
            self.on_page(result)

    def _original_bytes(self, path: Path, sha: str) -> bytes | None:
        """The file's bytes, stored once per run; None if it changed since it was hashed."""
        try:
            content = read_regular(path)
        except IntakeError:
            return None
        if hashlib.sha256(content).hexdigest() != sha:
            return None
        if sha not in self._originals:
            put_scan(self.station, content)
            self._originals.add(sha)
        return content

    def _keep_image(self, result: PageResult, png: bytes) -> None:
        """The prepared page as PNG bytes, from the worker's memory to `_store_page`."""
        self._images[(result.file, result.page)] = png

    def _store_page(self, result: PageResult, path: Path, sha: str, content: bytes) -> None:
        image = self._images.pop((result.file, result.page), b"")
        image = tag_png(image, f"station-app source={sha} page={result.page + 1}")
        image_sha = put_scan(self.station, image) if image else None
        now = iso(self.station.clock.now())
        with self.station.db.write() as s:
            conn = raw(s)
            scan_id = self._original_row(conn, path, sha, content, result.page_count or 1, now)
            if conn.execute(
                "SELECT 1 FROM scan_page WHERE scan_id = ? AND page_index = ?",
                (scan_id, result.page),
            ).fetchone():
                return  # read again on resume: the stored reading stands
            image_id = None
            if image_sha is not None:
                row = conn.execute("SELECT id FROM scan WHERE sha256 = ?", (image_sha,)).fetchone()
                image_id = (
                    row[0]
                    if row
                    else conn.execute(
                        "INSERT INTO scan(sha256, mime, original_name, size, pages, ocr_text, "
                        "ocr_confidence, ocr_lines_json, ocr_engine, ocr_engine_version, rotation, "
                        "status, imported_at) VALUES (?,?,?,?,1,?,?,?,?,?,?,'ocr_done',?)",
                        (
                            image_sha,
                            "image/png",
                            f"{display_name(path.name)} #{result.page + 1}",
                            len(image),
                            result.text,
                            result.mean_confidence,
                            _json(result.lines),
                            result.engine,
                            result.engine_version,
                            result.rotation,
                            now,
                        ),
                    ).lastrowid
                )
                if (result.page_count or 1) == 1:
                    conn.execute(
                        "UPDATE scan SET prepared_sha256 = ? WHERE id = ?", (image_sha, scan_id)
                    )
            conn.execute(
                "INSERT INTO scan_page(scan_id, page_index, status, image_scan_id, deskew_angle, "
                "collection_id, imported_by, imported_at) VALUES (?,?,'ok',?,?,?,?,?)",
                (
                    scan_id,
                    result.page,
                    image_id,
                    result.deskew_angle,
                    self._collections.get(path, self.collection_id),
                    self.actor.id,
                    now,
                ),
            )
            if result.form is not None and image_id is not None:
                record_form_page(conn, image_id, result.form, now)
            self._maybe_finished(conn, path, sha, scan_id, now)

    def _original_row(
        self, conn: Connection, path: Path, sha: str, content: bytes, pages: int, now: str
    ) -> int:
        row = conn.execute("SELECT id FROM scan WHERE sha256 = ?", (sha,)).fetchone()
        if row:
            return int(row[0])
        fmt = sniff_format(content[:1024]) or "png"
        return new_id(
            conn.execute(
                "INSERT INTO scan(sha256, mime, original_name, size, pages, status, imported_at) "
                "VALUES (?,?,?,?,?,'pending',?)",
                (sha, MIME[fmt], display_name(path.name), len(content), pages, now),
            )
        )

    def _maybe_finished(
        self, conn: Connection, path: Path, sha: str, scan_id: int, now: str
    ) -> None:
        pages, stored = conn.execute(
            "SELECT s.pages, (SELECT count(*) FROM scan_page p WHERE p.scan_id = s.id) "
            "FROM scan s WHERE s.id = ?",
            (scan_id,),
        ).fetchone()
        if stored >= pages:
            conn.execute("UPDATE scan SET status = 'ocr_done' WHERE id = ?", (scan_id,))
            conn.execute("DELETE FROM import_queue WHERE path = ?", (path_to_db(path),))
            _remember(conn, path, sha, now)

    def _store_failure(self, result: PageResult, path: Path, sha: str | None) -> None:
        reason = result.reason or "unreadable"
        message = result.message or _bilingual(f"postbox.failed.{reason}")
        now = iso(self.station.clock.now())
        page_level = result.page_count is not None and sha is not None
        file_level = not page_level and reason in REASONS
        kept = "in_place"
        content: bytes | None = None
        if page_level:
            content = self._original_bytes(path, sha) if sha else None
            kept = "scan" if content is not None else "in_place"
        elif sha is not None and self._has_scan_row(sha):
            kept = "scan"
        elif sha is not None:
            with contextlib.suppress(OSError, IntakeError):
                if path.stat().st_size <= DEFAULT_LIMITS.max_file_bytes:
                    put_kept(self.station, sha, read_regular(path))
                    kept = "encrypted"
        with self.station.db.write() as s:
            conn = raw(s)
            if page_level and content is not None and sha is not None:
                scan_id = self._original_row(conn, path, sha, content, result.page_count or 1, now)
                conn.execute(
                    "INSERT OR IGNORE INTO scan_page(scan_id, page_index, status, error_reason, "
                    "collection_id, imported_by, imported_at) VALUES (?,?,'error',?,?,?,?)",
                    (
                        scan_id,
                        result.page,
                        reason,
                        self._collections.get(path, self.collection_id),
                        self.actor.id,
                        now,
                    ),
                )
                self._maybe_finished(conn, path, sha, scan_id, now)
            conn.execute(
                "INSERT OR IGNORE INTO import_failure(file_name, source_path, sha256, page, "
                "scope, kept, reason, message, at, operator_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    display_name(path.name),
                    path_to_db(path),
                    sha,
                    result.page,
                    "file" if file_level else "page",
                    kept,
                    reason,
                    message,
                    now,
                    self.actor.id,
                ),
            )
            if file_level:
                conn.execute("DELETE FROM import_queue WHERE path = ?", (path_to_db(path),))
                _remember(conn, path, sha, now)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def tag_png(data: bytes, text: str) -> bytes:
    """Add a tEXt chunk naming the page's source, right after IHDR (no re-encoding). Two
    pages whose prepared pixels happen to match (two blank sheets, a letter scanned twice)
    so still get their own stored image and their own place in a letter."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return data
    end = 8 + 8 + struct.unpack(">I", data[8:12])[0] + 4
    body = b"Source\x00" + text.encode("latin-1", "replace")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF)
    return data[:end] + chunk + data[end:]


def _sha_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except (OSError, IntakeError):
        return None


def _remember(conn: Connection, path: Path, sha: str | None, now: str) -> None:
    """Note the file as imported, so the watched folder does not offer it again."""
    try:
        st = path.stat()
    except OSError:
        return
    conn.execute(
        "INSERT INTO watch_seen(path, size, mtime_ns, sha256, seen_at) VALUES (?,?,?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
        "sha256 = excluded.sha256, seen_at = excluded.seen_at",
        (path_to_db(path), st.st_size, st.st_mtime_ns, sha, now),
    )


def _json(lines: list[dict[str, Any]]) -> str:
    import json

    return json.dumps(lines, ensure_ascii=False)


def _bilingual(key: str, **params: Any) -> str:
    return f"{tr(key, lang='zh_CN', **params)} / {tr(key, lang='en', **params)}"


def _changed(result: PageResult) -> PageResult:
    return PageResult.failed(
        result.file,
        result.page,
        "changed",
        _bilingual("postbox.failed.changed"),
        sha256=result.sha256,
        engine=result.engine,
    )


# -- queue and could-not-read list ----------------------------------------------------------


def pending_imports(station: Station) -> list[Path]:
    """Files queued by a run that was cancelled, or cut short by a crash or closing."""
    with station.db.read() as s:
        rows = raw(s).execute("SELECT path FROM import_queue ORDER BY id").fetchall()
    return [path_from_db(r[0]) for r in rows]


def resume(station: Station, actor: Operator, **kwargs: Any) -> ScanImport | None:
    """A run over the queued files (each keeps the collection it was queued for), or None."""
    require(actor, "postbox")
    paths = pending_imports(station)
    if not paths:
        return None
    if "engine" not in kwargs:
        with station.db.read() as s:
            row = (
                raw(s)
                .execute(
                    "SELECT engine FROM import_queue WHERE engine IS NOT NULL ORDER BY id LIMIT 1"
                )
                .fetchone()
            )
        kwargs["engine"] = row[0] if row else None
    return ScanImport(station, actor, paths, **kwargs)


def _failed(station: Station, row: Any) -> FailedFile:
    fid, name, source, sha, page, kept, reason, message, at = row
    if kept == "encrypted" and sha:
        where = kept_path(station, sha)
    elif kept == "scan" and sha:
        where = scan_path(station.data, sha)
    else:
        where = path_from_db(source)
    zh, _, en = message.partition(" / ")
    text = en if current_language() == "en" and en else zh
    return FailedFile(
        id=fid,
        file_name=name,
        kept_path=where,
        reason=reason,
        message=text,
        at=at,
        source_path=path_from_db(source),
        page=page,
        kept=kept,
        sha256=sha,
    )


_FAILED_SQL = (
    "SELECT id, file_name, source_path, sha256, page, kept, reason, message, at FROM import_failure"
)


def could_not_read(station: Station, actor: Operator) -> list[FailedFile]:
    """The could-not-read list, newest first (entries the user dismissed are left out)."""
    require(actor, "postbox")
    with station.db.read() as s:
        rows = (
            raw(s).execute(f"{_FAILED_SQL} WHERE dismissed_at IS NULL ORDER BY id DESC").fetchall()
        )
    return [_failed(station, r) for r in rows]


def _failed_row(station: Station, failed_id: int) -> FailedFile:
    with station.db.read() as s:
        row = raw(s).execute(f"{_FAILED_SQL} WHERE id = ?", (failed_id,)).fetchone()
    if row is None:
        raise StationError("postbox.error.failed_not_found", id=failed_id)
    return _failed(station, row)


def dismiss_failed(station: Station, actor: Operator, failed_id: int) -> None:
    """Take an entry off the list (dealt with); the kept file stays until purged."""
    require(actor, "postbox")
    _failed_row(station, failed_id)
    with station.db.write() as s:
        raw(s).execute(
            "UPDATE import_failure SET dismissed_at = ? WHERE id = ?",
            (iso(station.clock.now()), failed_id),
        )
        audit(s, station, actor, "dismiss_failed", "import_failure", failed_id)


def export_failed_file(station: Station, actor: Operator, failed_id: int, target: Path) -> Path:
    """Write a readable copy of a kept file to `target` (chosen by the user; logged)."""
    require(actor, "postbox")
    item = _failed_row(station, failed_id)
    if item.kept == "encrypted" and item.sha256:
        content = get_kept(station, item.sha256)
    elif item.kept == "scan" and item.sha256:
        content = get_scan(station, item.sha256)
    else:
        try:
            content = read_regular(item.kept_path)
        except IntakeError as exc:
            raise StationError("postbox.error.kept_file_missing", path=item.kept_path) from exc
    target = Path(target)
    target.write_bytes(content)
    with station.db.write() as s:
        audit(s, station, actor, "export_failed", "import_failure", failed_id)
    return target
