"""The one place the database engine is made: driver, key, pragmas, transactions.

SQLite through the sqlcipher3 driver (the same SQLite with FTS5; encrypted with SQLCipher 4
when a key is given: pages, WAL and backups alike). The key comes from
`station_app.security_hooks.database_key`. WAL, synchronous=FULL, foreign keys on, temp files in memory (so no plaintext temp
file ever lands in /tmp). Writes take BEGIN IMMEDIATE under a process lock: one writer.
"""

from __future__ import annotations

import contextvars
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from station_app.errors import StorageError, StorageFullError

SQLITE_FULL = 13
_write_mode: contextvars.ContextVar[bool] = contextvars.ContextVar("write_mode", default=False)


def _apply_key(dbapi_conn: Any, key: bytes | None) -> None:
    """Key the connection, then read once so a wrong or missing key fails here, clearly,
    before any pragma could write to the file."""
    if key is not None:
        # raw 256-bit key: no KDF on every open, so startup stays fast
        dbapi_conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        dbapi_conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if "not a database" not in str(exc):
            raise
        dbapi_conn.close()
        from station_app.security.messages import KeyMissing, KeyWrong

        raise (KeyWrong() if key is not None else KeyMissing()) from None


def connect_raw(path: Path, key: bytes | None = None) -> Any:
    """A plain DB-API connection with the station's pragmas (for backup, check, migrations)."""
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    _apply_key(conn, key)
    _pragmas(conn)
    return conn


def _pragmas(conn: Any) -> None:
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
        _apply_key(conn, key)
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
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        _pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_mode.get() else "BEGIN")

    return engine


def is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code == SQLITE_FULL or "database or disk is full" in str(orig)


def translate(exc: BaseException) -> Exception:
    """Turn driver errors into errors the user can act on."""
    if is_disk_full(exc):
        return StorageFullError()
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
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One durable transaction: committed (and fsynced) when the block exits normally."""
        with self._write_lock:
            token = _write_mode.set(True)
            try:
                with Session(self.engine, expire_on_commit=False) as session:
                    try:
                        yield session
                        session.commit()
                    except (DBAPIError, sqlite3.Error, sqlcipher.Error) as exc:
                        session.rollback()
                        raise translate(exc) from exc
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                _write_mode.reset(token)

    def dispose(self) -> None:
        self.engine.dispose()
