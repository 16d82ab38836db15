"""The little of a DB-API connection the plain-SQL code uses, as types.

The sqlcipher3 driver has no type stubs; `Connection` says what this code calls on it (and the
standard `sqlite3` module fits it too), so a function taking a connection is checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol


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

    def backup(self, target: Connection, /) -> None: ...

    def close(self) -> None: ...


def new_id(cursor: Cursor) -> int:
    """The rowid an INSERT just made (DB-API types it optional: an INSERT always sets it)."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("the statement inserted no row")
    return rowid
