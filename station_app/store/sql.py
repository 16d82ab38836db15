"""Plain SQL on a session's own connection: the hot paths that skip the ORM.

`raw(session)` is the DB-API connection of the session's transaction (what the hot save path
and the big reads use); `select_in` runs a query over a long list of values 500 at a time (an
`IN (?, ...)` list may not hold more than SQLite's variable limit); `named` reads rows by
column name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from station_app.dbapi import Connection, Cursor

# Values in one `IN (...)` list: far below SQLite's variable limit (32766 since 3.32).
IN_BATCH = 500


def raw(session: Session) -> Connection:
    """The DB-API connection of the session's transaction."""
    conn: Connection = session.connection().connection.dbapi_connection  # type: ignore[assignment]
    return conn


def chunks(values: Sequence[Any], size: int = IN_BATCH) -> Iterator[Sequence[Any]]:
    """`values` in slices of at most `size`."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _batches(
    sql: str, values: Sequence[Any], before: Sequence[Any], after: Sequence[Any]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for part in chunks(values):
        yield sql.format(marks=",".join("?" * len(part))), (*before, *part, *after)


def select_in(
    conn: Connection,
    sql: str,
    values: Sequence[Any],
    *,
    before: Sequence[Any] = (),
    after: Sequence[Any] = (),
) -> Iterator[Any]:
    """Run `sql` once per batch of `values`, its `{marks}` replaced by that batch's `?, ?, ...`
    (`before` and `after` are the parameters around the list); yields every row."""
    for query, params in _batches(sql, values, before, after):
        yield from conn.execute(query, params)


def select_in_named(conn: Connection, sql: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """`select_in`, each row a dict by column name (`named`)."""
    return [row for q, p in _batches(sql, values, (), ()) for row in named(conn.execute(q, p))]


def execute_in(
    conn: Connection,
    sql: str,
    values: Sequence[Any],
    *,
    before: Sequence[Any] = (),
    after: Sequence[Any] = (),
) -> int:
    """`select_in` for a statement that changes rows: how many it changed."""
    return sum(conn.execute(q, p).rowcount for q, p in _batches(sql, values, before, after))


def named(cursor: Cursor) -> list[dict[str, Any]]:
    """The cursor's rows as dicts by column name (the label after AS where there is one)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
