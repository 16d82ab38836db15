"""Encrypting an existing unencrypted station database in place, safely.

Order of work, so that a crash at any point loses nothing and leaves no plaintext behind
for long: checkpoint the WAL; `sqlcipher_export` into `.station.db.encrypting`; verify it
(integrity_check, row counts of every table, schema version); fsync; hard-link the old file
aside as `.station.db.plaintext-old`; `os.replace` the encrypted file into place; then
overwrite the old plaintext with zeros and delete it. The old WAL and SHM are overwritten
through file handles kept open while SQLite deletes them. A migration interrupted before the
replace is simply done again at the next start (the header already names the key).
Note: on SSDs and copy-on-write file systems overwriting is best effort; the deletion is sure.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from station_app.atomic import sync_folder
from station_app.dbapi import Connection
from station_app.security.messages import EncryptFailed

SQLITE_MAGIC = b"SQLite format 3\x00"


def file_state(path: Path) -> str:
    """'absent' (missing or empty), 'plain' (an unencrypted SQLite file) or 'encrypted'."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return "absent"
    if not head:
        return "absent"
    return "plain" if head == SQLITE_MAGIC else "encrypted"


def _key_pragma(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def opens_with(path: Path, key: bytes) -> bool:
    """Whether `key` opens the database (read only: nothing is written)."""
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {_key_pragma(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def _tables(conn: Connection, schema: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def shred(path: Path) -> None:
    """Overwrite a file with zeros, fsync, delete."""
    try:
        fh = path.open("r+b")
    except FileNotFoundError:
        return
    with fh:
        _zero(fh)
    path.unlink(missing_ok=True)


def _zero(fh: Any) -> None:
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    block = b"\0" * 65536
    left = size
    while left > 0:
        fh.write(block[: min(left, len(block))])
        left -= len(block)
    fh.flush()
    os.fsync(fh.fileno())


def _side(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}")


def remove_leftovers(path: Path) -> None:
    """Finish an interrupted migration's clean-up (only once the main file is encrypted)."""
    if file_state(path) != "encrypted":
        return
    shred(_side(path, "plaintext-old"))
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(_side(path, "encrypting")) + suffix).unlink(missing_ok=True)


def encrypt_in_place(path: Path, key: bytes) -> dict[str, int]:
    """Convert the unencrypted database at `path` into an encrypted one with `key`.
    Returns the verified row counts. Raises EncryptFailed (and leaves the original) on any
    mismatch."""
    tmp, old = _side(path, "encrypting"), _side(path, "plaintext-old")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), old):
        leftover.unlink(missing_ok=True)
    conn = sqlcipher.connect(str(path), isolation_level=None)
    kept: list[Any] = []
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(FULL)").fetchone()
        if busy and busy[0]:
            raise EncryptFailed(detail="database in use")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        before = _tables(conn)
        escaped = str(tmp).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{escaped}' AS enc KEY {_key_pragma(key)}")
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
        for suffix in ("-wal", "-shm"):  # hold them: SQLite deletes them on close
            side = Path(f"{path}{suffix}")
            if side.exists():
                kept.append(side.open("r+b"))
    finally:
        conn.close()
    try:
        _verify(tmp, key, before, version)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.link(path, old)
        os.replace(tmp, path)
        sync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        old.unlink(missing_ok=True)
        for fh in kept:
            fh.close()
        raise
    for fh in kept:
        with fh:
            _zero(fh)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shred(old)
    sync_folder(path.parent)
    return before


def _verify(tmp: Path, key: bytes, before: dict[str, int], version: int) -> None:
    conn = sqlcipher.connect(str(tmp), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {_key_pragma(key)}")
        conn.execute("PRAGMA journal_mode=WAL")
        ok = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        if ok != "ok":
            raise EncryptFailed(detail=ok[:200])
        after = _tables(conn)
        if after != before:
            diff = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            raise EncryptFailed(detail="row counts differ: " + ", ".join(diff))
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            raise EncryptFailed(detail="schema version differs")
    finally:
        conn.close()
    if file_state(tmp) != "encrypted":
        raise EncryptFailed(detail="result is not encrypted")
