"""The watched folder: a scanner saves into it and the app picks up what is new.

What was imported is remembered in the database (path + size + mtime, and SHA-256), so a
restart offers exactly the files that arrived while the app was closed, and a file copied
back in under another name is not read twice. A file whose last change is under
`QUIET_SECONDS` old is still being written by the scanner and waits for the next look.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from station_app.clock import iso
from station_app.errors import StationError
from station_app.ocr.intake import IntakeError, sha256_file
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)
from station_app.postbox._common import path_to_db
from station_app.postbox.imports import _remember, expand_paths
from station_app.services.common import audit, get_setting, require, set_setting
from station_app.store import Station
from station_app.store.models import Operator, Setting
from station_app.store.sql import raw

SETTING_KEY = "postbox.watch_folder"
QUIET_SECONDS = 2.0


def watch_folder(station: Station) -> Path | None:
    with station.db.read() as s:
        value = get_setting(s, SETTING_KEY)
    return Path(value) if value else None


def set_watch_folder(station: Station, actor: Operator, path: Path | None) -> None:
    """Set (or with None clear) the watched folder; it must exist and be readable."""
    require(actor, "postbox")
    folder: Path | None = None
    if path is not None:
        folder = Path(path).expanduser().absolute()
        if not folder.is_dir() or not os.access(folder, os.R_OK | os.X_OK):
            raise StationError("postbox.error.folder_unusable", path=str(folder))
    with station.db.write() as s:
        if folder is None:
            row = s.get(Setting, SETTING_KEY)
            if row is not None:
                s.delete(row)
        else:
            set_setting(s, SETTING_KEY, str(folder))
        audit(s, station, actor, "set_watch_folder", "setting", SETTING_KEY)


def new_files(station: Station) -> list[Path]:
    """Supported files in the watched folder not imported yet, oldest name order."""
    folder = watch_folder(station)
    if folder is None or not folder.is_dir():
        return []
    candidates = expand_paths([folder])
    if not candidates:
        return []
    with station.db.read() as s:
        conn = raw(s)
        seen = {
            r[0]: (r[1], r[2]) for r in conn.execute("SELECT path, size, mtime_ns FROM watch_seen")
        }
        queued = {r[0] for r in conn.execute("SELECT path FROM import_queue")}
    now = time.time()
    out: list[Path] = []
    known: list[tuple[Path, str]] = []
    for path in candidates:
        try:
            st = path.stat()
        except OSError:
            continue
        if now - st.st_mtime < QUIET_SECONDS:
            continue  # the scanner may still be writing it
        key = path_to_db(path)
        if seen.get(key) == (st.st_size, st.st_mtime_ns) or key in queued:
            continue
        try:
            sha = sha256_file(path)
        except IntakeError:  # a pipe or device in the folder: the import lists it
            out.append(path)
            continue
        if _imported(station, sha):
            known.append((path, sha))
        else:
            out.append(path)
    if known:  # a copy of something imported before: remember it, do not offer it
        with station.db.write() as s:
            conn = raw(s)
            for path, sha in known:
                _remember(conn, path, sha, iso(station.clock.now()))
    return out


def _imported(station: Station, sha: str) -> bool:
    with station.db.read() as s:
        conn = raw(s)
        return bool(
            conn.execute(
                "SELECT 1 FROM scan WHERE sha256 = ? AND status != 'pending' UNION ALL "
                "SELECT 1 FROM import_failure WHERE sha256 = ? AND scope = 'file' UNION ALL "
                "SELECT 1 FROM watch_seen WHERE sha256 = ?",
                (sha, sha, sha),
            ).fetchone()
        )
