"""Plain SQL on a session's own connection: the hot paths that skip the ORM.

`raw(session)` is the DB-API connection of the session's transaction (what the hot save path
and the big reads use); `select_in` runs a query over a long list of values 500 at a time (an
`IN (?, ...)` list may not hold more than SQLite's variable limit); `named` reads rows by
column name. `Connection` is the little of a DB-API connection this code uses, so the
sqlcipher3 driver (no type stubs) and the standard `sqlite3` both fit it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from sqlalchemy.orm import Session

# Values in one `IN (...)` list: far below SQLite's variable limit (32766 since 3.32).
IN_BATCH = 500


class Cursor(Protocol):
    """What a DB-API cursor gives back here."""

    @property
    def description(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A DB-API connection, as used by the plain-SQL paths (sqlcipher3 or sqlite3)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    def close(self) -> None: ...


def raw(session: Session) -> Connection:
    """The DB-API connection of the session's transaction."""
    conn: Connection = session.connection().connection.dbapi_connection  # type: ignore[assignment]
    return conn


def chunks(values: Sequence[Any], size: int = IN_BATCH) -> Iterator[Sequence[Any]]:
    """`values` in slices of at most `size`."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


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
    for part in chunks(values):
        marks = ",".join("?" * len(part))
        yield from conn.execute(sql.format(marks=marks), (*before, *part, *after))


def execute_in(
    conn: Connection,
    sql: str,
    values: Sequence[Any],
    *,
    before: Sequence[Any] = (),
    after: Sequence[Any] = (),
) -> int:
    """`select_in` for a statement that changes rows: how many it changed."""
    changed = 0
    for part in chunks(values):
        marks = ",".join("?" * len(part))
        changed += conn.execute(sql.format(marks=marks), (*before, *part, *after)).rowcount
    return changed


def named(cursor: Cursor) -> list[dict[str, Any]]:
    """The cursor's rows as dicts by column name (the label after AS where there is one)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
