"""The one place for HQ's engine, pragmas, sessions and write transactions.

SQLite runs in WAL with a busy timeout so several uvicorn workers can share one file; write
transactions start with ``BEGIN IMMEDIATE`` so two writers queue on the lock instead of
failing on a stale snapshot. PostgreSQL relies on its row locks and unique constraints.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, make_url, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine, select

from sync.server.models import HQModel, Station

_IMMEDIATE = "hq_sqlite_immediate"


def make_engine(database_url: str) -> Engine:
    """Engine for ``database_url`` with the pragmas HQ needs; creates the tables."""
    if database_url.startswith("sqlite"):
        _owner_only_file(make_url(database_url).database)
        engine = create_engine(
            database_url, connect_args={"check_same_thread": False, "timeout": 30}
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            immediate = conn.get_execution_options().get(_IMMEDIATE, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    else:
        # Enough connections for the worker's thread pool (40) to rarely wait, and all of them
        # kept: an overflow connection is closed on return, and a new PostgreSQL connection is
        # a new process. 4 workers x 20 stays under PostgreSQL's default 100 connections.
        engine = create_engine(
            database_url, pool_pre_ping=True, pool_size=20, max_overflow=0, pool_timeout=30
        )
    return engine


def _owner_only_file(path: str | None) -> None:
    """Create the SQLite file 0600 before SQLite does (it would follow the umask, 0644); its
    -wal and -shm files take the database file's mode. An older file is made 0600 too."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def create_schema(engine: Engine) -> None:
    HQModel.metadata.create_all(engine)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction takes the write lock at once; commits on success."""
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={_IMMEDIATE: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def next_event_seq(session: Session, station_id: int) -> int:
    """Take the station's next cursor position.

    The UPDATE locks the station row until commit, so positions are handed out in commit order
    and a reader never sees position n+1 before n.
    """
    session.execute(
        update(Station).where(Station.id == station_id).values(event_seq=Station.event_seq + 1)
    )
    return session.exec(select(Station.event_seq).where(Station.id == station_id)).one()
