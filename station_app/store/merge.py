"""Bringing the records of a salvaged file that a restored backup lacks into it.

`newer_rows` compares a salvaged file with the database open on a connection (which records
are newer than the backup); `bring_back` adds them, parents before children.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from station_app.dbapi import Connection
from station_app.store.salvage import _tables, reindex_all


@dataclass
class NewerRows:
    """Records in a salvaged file that a backup does not have."""

    rows: dict[str, list[int]] = field(default_factory=dict)  # table -> rowids
    receipts: list[str] = field(default_factory=list)  # suggestions newer than the backup

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.rows.values())


def _attach(conn: Connection, path: Path, key: bytes | None, alias: str) -> None:
    escaped = str(path).replace("'", "''")
    key_sql = f" KEY \"x'{key.hex()}'\"" if key is not None else ""
    conn.execute(f"ATTACH DATABASE '{escaped}' AS {alias}{key_sql}")


def newer_rows(conn: Connection, salvaged: Path, key: bytes | None) -> NewerRows:
    """Compare the salvaged file with the database open on `conn` (the backup)."""
    _attach(conn, salvaged, key, "salvaged")
    try:
        return _newer(conn)
    finally:
        conn.execute("DETACH DATABASE salvaged")


def _newer(conn: Connection) -> NewerRows:
    found = NewerRows()
    for table in _tables(conn):
        ids = [
            r[0]
            for r in conn.execute(
                f'SELECT rowid FROM salvaged."{table}" '
                f'WHERE rowid NOT IN (SELECT rowid FROM main."{table}") ORDER BY rowid'
            )
        ]
        if ids:
            found.rows[table] = ids
    sug = found.rows.get("suggestion", [])
    if sug:
        marks = ",".join(str(int(i)) for i in sug)
        found.receipts = [
            r[0]
            for r in conn.execute(
                f"SELECT receipt_no FROM salvaged.suggestion WHERE id IN ({marks}) ORDER BY id"
            )
        ]
    return found


def bring_back(conn: Connection, salvaged: Path, key: bytes | None) -> NewerRows:
    """Add to the database open on `conn` every salvaged record it does not have (by id),
    parents before children, and index the added suggestions. Receipt counters take the
    higher value, so a receipt number is never given twice."""
    _attach(conn, salvaged, key, "salvaged")
    try:
        found = _newer(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            tables = _tables(conn)
            for table, ids in found.rows.items():
                cols = ", ".join(f'"{c}"' for c in tables[table])
                marks = ",".join(str(int(i)) for i in ids)
                conn.execute(
                    f'INSERT OR IGNORE INTO main."{table}"(rowid, {cols}) '
                    f'SELECT rowid, {cols} FROM salvaged."{table}" WHERE rowid IN ({marks})'
                )
            conn.execute(
                "UPDATE main.receipt_counter SET last_seq = max(last_seq, (SELECT s.last_seq "
                "FROM salvaged.receipt_counter s WHERE s.day = receipt_counter.day)) "
                "WHERE day IN (SELECT day FROM salvaged.receipt_counter)"
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
    finally:
        conn.execute("DETACH DATABASE salvaged")
    if found.rows.get("suggestion"):
        reindex_all(conn, found.rows["suggestion"])
    return found
