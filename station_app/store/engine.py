"""The one place the database engine is made: driver, key, pragmas, transactions.

SQLite through the sqlcipher3 driver (the same SQLite with FTS5; encrypted with SQLCipher 4
when a key is given: pages, WAL and backups alike). The key comes from
`station_app.security.keys.ensure_key`. WAL, synchronous=FULL, foreign keys on, temp files in memory (so no plaintext temp
file ever lands in /tmp). Writes take BEGIN IMMEDIATE under a process lock: one writer.
"""

from __future__ import annotations

import contextvars
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection as SAConnection
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from station_app.dbapi import Connection
from station_app.errors import StorageError, StorageFullError
from station_app.store.damage import (
    damaged_error,
    is_malformed,
    mark_damaged,
    refuse_writes_if_damaged,
)

SQLITE_FULL = 13
_write_mode: contextvars.ContextVar[bool] = contextvars.ContextVar("write_mode", default=False)


def _apply_key(dbapi_conn: Connection, key: bytes | None, path: Path) -> None:
    """Key the connection, then read once so a wrong or missing key fails here, clearly,
    before any pragma could write to the file. A right key (the data folder's key header
    names it) that cannot read the first page means a damaged file, not a wrong key."""
    # SQLCipher's own "ERROR CORE" lines would flood the terminal on a damaged file; what
    # matters is logged by us (damage.mark_damaged), without them
    dbapi_conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        # raw 256-bit key: no KDF on every open, so startup stays fast
        dbapi_conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        dbapi_conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        dbapi_conn.close()
        if is_malformed(exc):
            mark_damaged(path, "open", str(exc))
            raise damaged_error(path, reading=True) from None
        if "not a database" not in str(exc):
            raise
        from station_app.security.keys import is_folder_key
        from station_app.security.messages import KeyMissing, KeyWrong

        if key is not None and is_folder_key(path.parent, key):
            mark_damaged(path, "open", str(exc), kind="first_page")
            raise damaged_error(path, reading=True) from None
        raise (KeyWrong() if key is not None else KeyMissing()) from None


def connect_raw(path: Path, key: bytes | None = None) -> Connection:
    """A plain DB-API connection with the station's pragmas (for backup, check, migrations)."""
    conn: Connection = sqlcipher.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=10
    )
    _apply_key(conn, key, Path(path))
    _pragmas(conn)
    return conn


def _pragmas(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA cache_size=-16000")
    # deleted personal data (purge, withdrawal) is overwritten, not left in free pages
    conn.execute("PRAGMA secure_delete=ON")


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """An SQLAlchemy engine over the station's file. Every connection gets key and pragmas."""

    def creator() -> Any:
        conn = sqlcipher.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=10
        )
        _apply_key(conn, key, path)
        return conn

    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher,
        creator=creator,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Connection, _rec: object) -> None:
        _pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: SAConnection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_mode.get() else "BEGIN")

    return engine


def is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code == SQLITE_FULL or "database or disk is full" in str(orig)


# Room a save needs beyond the WAL's write-back: a few saves' pages and SQLite's journal work.
SAVE_HEADROOM = 8 * 1024 * 1024


def disk_full_error(path: Path | None) -> StorageFullError:
    """A full disk, said with the room the database needs: when SQLite folds the WAL back into
    the main file, the file can grow by up to the WAL's size, so freeing a few hundred KB
    is used up at once by the write-back (seen at a station). Without a figure to give (the
    file hit a size cap, not the disk), the plain message."""
    if path is None:
        return StorageFullError()
    try:
        free = shutil.disk_usage(path.parent).free
        wal = path.with_name(path.name + "-wal")
        need = (wal.stat().st_size if wal.exists() else 0) + SAVE_HEADROOM
    except OSError:
        return StorageFullError()
    if free >= need:
        return StorageFullError()
    return StorageFullError(
        "error.storage_full_need",
        folder=str(path.parent),
        free=f"{free / 1_000_000:.1f}",
        need=f"{need / 1_000_000:.1f}",
    )


def translate(exc: BaseException, path: Path | None = None) -> Exception:
    """Turn driver errors into errors the user can act on."""
    if is_disk_full(exc):
        return disk_full_error(path)
    orig = getattr(exc, "orig", exc)
    return StorageError(detail=str(orig).splitlines()[0][:200])


class Database:
    """Sessions over one station file: `read()` for queries, `write()` for one transaction."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.key = key
        self.engine = make_engine(path, key)
        self._write_lock = threading.RLock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Queries. A query that trips over a damaged page marks the file damaged and says so
        in plain words (DatabaseDamaged) instead of a driver traceback."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except (DBAPIError, sqlite3.Error, sqlcipher.Error) as exc:
                if not is_malformed(exc):
                    raise
                mark_damaged(self.path, "read", str(getattr(exc, "orig", exc)))
                raise damaged_error(self.path, reading=True) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One durable transaction: committed (and fsynced) when the block exits normally.
        Refused on a file known to be damaged (writing could spread the damage)."""
        refuse_writes_if_damaged(self.path)
        with self._write_lock:
            token = _write_mode.set(True)
            try:
                with Session(self.engine, expire_on_commit=False) as session:
                    try:
                        yield session
                        session.commit()
                    except (DBAPIError, sqlite3.Error, sqlcipher.Error) as exc:
                        session.rollback()
                        if is_malformed(exc):
                            mark_damaged(self.path, "write", str(getattr(exc, "orig", exc)))
                            raise damaged_error(self.path) from exc
                        raise translate(exc, self.path) from exc
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                _write_mode.reset(token)

    def dispose(self) -> None:
        self.engine.dispose()
