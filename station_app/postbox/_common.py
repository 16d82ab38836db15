"""Small helpers shared by the postbox modules: stored blobs, lookups.

Blobs (originals, prepared page images, kept copies of unreadable files) are encrypted with
the station's data key (AES-GCM, `station_app.security.scanstore`). A station opened
without a key (an unencrypted development database) stores them as plain files, like the
sync client reads them (`sync/client/scans.py`).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from station_app.atomic import write_bytes
from station_app.dbapi import Connection
from station_app.errors import StationError
from station_app.security.filecrypt import read_decrypted, write_encrypted
from station_app.security.scanstore import get_station_scan, put_station_scan
from station_app.store import Station

_BYTES_PATH = "fsbytes:"  # never the start of an absolute path


def path_to_db(path: Path | str) -> str:
    """A path as database text that comes back exactly (`path_from_db`): as it is when it is
    valid Unicode; a Linux name that is not UTF-8 (bytes from another system) as its bytes in
    base64, since SQLite text cannot hold them."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _BYTES_PATH + base64.urlsafe_b64encode(os.fsencode(text)).decode("ascii")
    return text


def path_from_db(text: str) -> Path:
    if text.startswith(_BYTES_PATH):
        return Path(os.fsdecode(base64.urlsafe_b64decode(text[len(_BYTES_PATH) :])))
    return Path(text)


def put_scan(station: Station, content: bytes) -> str:
    """Store `content` once under scans/ (encrypted when the station has a key)."""
    return put_station_scan(station.data, station.db.key, content)


def get_scan(station: Station, sha256: str) -> bytes:
    return get_station_scan(station.data, station.db.key, sha256)


def kept_path(station: Station, sha256: str) -> Path:
    """Where an unreadable file's encrypted copy is kept (could-not-read/<sha256>)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return station.data.quarantine / sha256


def put_kept(station: Station, sha256: str, content: bytes) -> Path:
    path = kept_path(station, sha256)
    if path.exists():
        return path
    if station.db.key is not None:
        write_encrypted(path, content, station.db.key, aad=b"kept:" + sha256.encode())
    else:
        _write_atomic(path, content)
    return path


def get_kept(station: Station, sha256: str) -> bytes:
    path = kept_path(station, sha256)
    if station.db.key is not None:
        return read_decrypted(path, station.db.key, aad=b"kept:" + sha256.encode())
    return path.read_bytes()


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, content)


def letter_row(conn: Connection, letter_id: int) -> Any:
    """(id, collection_id, seq, outcome, reason_code, reason, closed_at) or StationError."""
    row = conn.execute(
        "SELECT l.id, l.collection_id, l.seq, l.outcome, l.reason_code, l.reason, c.closed_at "
        "FROM letter l JOIN postbox_collection c ON c.id = l.collection_id WHERE l.id = ?",
        (letter_id,),
    ).fetchone()
    if row is None:
        raise StationError("postbox.error.letter_not_found", id=letter_id)
    return row


def check_collection_open(conn: Connection, collection_id: int) -> None:
    row = conn.execute(
        "SELECT closed_at FROM postbox_collection WHERE id = ?", (collection_id,)
    ).fetchone()
    if row is None:
        raise StationError("postbox.error.collection_not_found", id=collection_id)
    if row[0] is not None:
        raise StationError("postbox.error.collection_closed")
