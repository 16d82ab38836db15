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

from sqlalchemy import Table, event, insert, inspect, make_url, update
from sqlalchemy.engine import Connection, Engine
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
        # No pre-ping (a round trip per checkout): after a database restart the first request
        # on each stale connection gets a 503 + Retry-After and the pool starts afresh.
        engine = create_engine(database_url, pool_size=20, max_overflow=0, pool_timeout=30)
    return engine


def _owner_only_file(path: str | None) -> None:
    """Create the SQLite file 0600 before SQLite does (it would follow the umask, 0644); its
    -wal and -shm files take the database file's mode. An older file is made 0600 too."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class OldSchema(RuntimeError):
    """The database was made by an older reference server (it has no migrations)."""


def create_schema(engine: Engine) -> None:
    HQModel.metadata.create_all(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("hq_enrolment_code")}
    if "expires_at" not in columns:
        # Uuids became unique per station and codes expire: the tables changed shape.
        raise OldSchema(
            "This HQ database was made by an older version of the reference server, which "
            "has no migrations: start it on a new database (or --data-dir)."
        )


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


def insert_rows(
    conn: Connection, table: Table, rows: list[dict[str, Any]], returning: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    """One multi-row ``INSERT ... [RETURNING]`` for ``rows`` (all with the same keys).

    On PostgreSQL with psycopg2 it goes straight to the driver: SQLAlchemy's
    per-call expansion of a 50-row, 18-column insertmanyvalues statement was a third of a
    batch's CPU. Column names come from our code, never from a request. Elsewhere (SQLite)
    SQLAlchemy's own multi-row insert.
    """
    if not rows:
        return []
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg2":
        quote = conn.dialect.identifier_preparer.quote
        cols = list(rows[0])
        one = "(" + ",".join(["%s"] * len(cols)) + ")"
        sql = f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, cols))}) VALUES " + ",".join(
            [one] * len(rows)
        )
        if returning:
            sql += " RETURNING " + ", ".join(map(quote, returning))
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            # one execute: psycopg2 quotes every value in C (execute_values does it per row
            # in Python)
            cursor.execute(sql, [r[c] for r in rows for c in cols])
            return [tuple(r) for r in cursor.fetchall()] if returning else []
        finally:
            cursor.close()
    statement = insert(table)
    if returning:
        result = conn.execute(
            statement.returning(*(table.c[c] for c in returning), sort_by_parameter_order=True),
            rows,
        )
        return [tuple(r) for r in result]
    conn.execute(statement, rows)
    return []


@contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """A Core transaction on ``conn`` that takes the write lock at once; commits on success.
    ``conn`` must not be in a transaction (commit or roll back its reads first)."""
    conn.execution_options(**{_IMMEDIATE: True})
    try:
        with conn.begin():
            yield conn
    finally:
        conn.execution_options(**{_IMMEDIATE: False})


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
