"""Reading what can still be read from a damaged database into a new, healthy one.

SQLite's `.recover` is not in sqlcipher3, so this is done here, table by table: rows are read
by rowid ranges, and a range that trips over a damaged page is split in two until the
unreadable rowids are pinned down and skipped. SQLCipher checks every page's HMAC, so a row
that is read is exactly what was written. The new file gets the app's schema (migrations),
the rows with their original ids, and a rebuilt search index; it is verified with
integrity_check before it is given its name.

`store.merge` brings the records of a salvaged file that a backup lacks into it.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from station_app.atomic import private_file
from station_app.dbapi import Connection
from station_app.store import migrations
from station_app.store.engine import connect_raw

log = logging.getLogger(__name__)
_SKIP_PREFIXES = ("sqlite_", "suggestion_fts")


@dataclass
class SalvageReport:
    out: Path
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows rescued
    lost: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # unreadable rowids
    schema_readable: bool = True
    first_page_rebuilt: bool = False  # the table directory was damaged and made anew

    @property
    def lost_rows(self) -> int:
        return sum(hi - lo + 1 for runs in self.lost.values() for lo, hi in runs)

    @property
    def complete(self) -> bool:
        return self.schema_readable and not self.lost


def _open_source(path: Path, key: bytes | None) -> Connection:
    conn: Connection = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA query_only = 1")
    # a first page made by `_first_page_from` may count more pages than the file has:
    # with writable_schema SQLite takes the file's size instead of calling that corrupt
    conn.execute("PRAGMA writable_schema = ON")
    return conn


def _tables(conn: Connection) -> dict[str, list[str]]:
    """The ordinary tables (in creation order, so parents come before children) and their
    columns."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "ORDER BY rowid"
        )
        if not r[0].startswith(_SKIP_PREFIXES)
    ]
    return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


class _Reader:
    """A read-only connection to the damaged file that is opened afresh after an error:
    after a few bad pages SQLCipher's connection fails queries it could answer."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path, self.key = path, key
        self.conn = _open_source(path, key)
        self.fresh = True

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            rows: list[tuple[Any, ...]] = self.conn.execute(sql, params).fetchall()
            return rows
        except sqlcipher.DatabaseError:
            if self.fresh:
                self.fresh = False
                raise
        self.reopen()  # an error on a connection that had one before: ask a fresh one
        try:
            again: list[tuple[Any, ...]] = self.conn.execute(sql, params).fetchall()
            return again
        except sqlcipher.DatabaseError:
            self.fresh = False  # a real bad page
            raise

    def reopen(self) -> None:
        self.conn.close()
        self.conn = _open_source(self.path, self.key)
        self.fresh = True

    def close(self) -> None:
        self.conn.close()


def _bound(reader: _Reader, sql: str) -> int | None:
    try:
        value = reader.query(sql)[0][0]
    except sqlcipher.DatabaseError:
        return None
    return None if value is None else int(value)


def read_table(
    reader: _Reader, table: str, columns: list[str], emit: Callable[[list[tuple[Any, ...]]], None]
) -> list[tuple[int, int]]:
    """Hand every readable row of `table` (rowid first) to `emit`; returns the rowid runs
    that could not be read."""
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid BETWEEN ? AND ? ORDER BY rowid'
    try:
        if reader.query(f'SELECT NOT EXISTS (SELECT 1 FROM "{table}")')[0][0]:
            return []
    except sqlcipher.DatabaseError:
        pass
    low = _bound(reader, f'SELECT min(rowid) FROM "{table}"')
    high = _bound(reader, f'SELECT max(rowid) FROM "{table}"')
    lost: list[tuple[int, int]] = []
    if low is None:  # rowids start at 1 unless given: search from there
        low = 1 if high is None or high >= 1 else high
    if high is None:  # bound the search by the page count (no table holds more rows)
        high = max(low, 1) + 256 * _page_count(reader)
    pending = [(low, high)]
    while pending:
        lo, hi = pending.pop()
        try:
            rows = reader.query(sql, (lo, hi))
        except sqlcipher.DatabaseError:
            if lo == hi:
                if lost and lost[-1][1] == lo - 1:
                    lost[-1] = (lost[-1][0], lo)
                else:
                    lost.append((lo, lo))
                continue
            mid = (lo + hi) // 2
            pending += [(mid + 1, hi), (lo, mid)]  # low half first: runs come out in order
            continue
        if rows:
            emit(rows)
    return lost


def _page_count(reader: _Reader) -> int:
    size = reader.path.stat().st_size
    wal = Path(f"{reader.path}-wal")
    size += wal.stat().st_size if wal.exists() else 0
    return max(size // 1024, 1)


def salvage(
    source: Path, key: bytes | None, out: Path, layout_from: Path | None = None
) -> SalvageReport:
    """Write every readable row of the database at `source` into a new database at `out`
    (encrypted with the same key). The source is not touched: it is read through a copy
    (opening it would let SQLite fold its WAL into it). When its first page (the table
    directory) is damaged, a first page is made from `layout_from` (a backup of the same
    station) or else from the app's own schema; see `_first_page_from`."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.part")
    copy = out.with_name(f".{out.name}.source")
    donor = out.with_name(f".{out.name}.layout")
    try:
        for suffix in ("", "-wal"):
            if Path(f"{source}{suffix}").exists():
                private_file(Path(f"{copy}{suffix}"))
                shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
        rebuilt = False
        if key is not None and not _schema_readable(copy, key):
            for layout in [layout_from, None]:
                if _first_page_from(copy, key, donor, layout):
                    rebuilt = True
                    break
        report = _salvage(copy, key, out, tmp)
        report.first_page_rebuilt = rebuilt
        return report
    finally:
        for leftover in (copy, tmp, donor):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{leftover}{suffix}").unlink(missing_ok=True)


def _schema_readable(path: Path, key: bytes | None) -> bool:
    try:
        conn = _open_source(path, key)
    except sqlcipher.DatabaseError:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def _first_page_from(copy: Path, key: bytes, donor: Path, layout: Path | None) -> bool:
    """Give the (copied) damaged file a readable first page: a database with the same
    layout (a backup of this station, copied page for page by the backup API, or a new
    one made by the migrations, whose tables sit where a new station puts them), keyed with
    the same key *and the damaged file's salt* (its first 16 bytes, stored in the clear),
    has a first page that is valid for the damaged file. It is padded to at least the
    damaged file's size (SQLite trusts the page count in the first page) and its first
    page written over the damaged one. Returns whether the table directory reads then."""
    with copy.open("rb") as fh:
        salt = fh.read(16)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{donor}{suffix}").unlink(missing_ok=True)
    private_file(donor)
    conn = sqlcipher.connect(str(donor), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}{salt.hex()}'\"")
        if layout is not None:
            src = connect_raw(layout, key)
            try:
                src.backup(conn)
            finally:
                src.close()
        else:
            migrations.migrate(conn)
        conn.execute("PRAGMA journal_mode=DELETE")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = copy.stat().st_size // page_size + 1
        have = int(conn.execute("PRAGMA page_count").fetchone()[0])
        if have < pages:
            conn.execute("CREATE TABLE salvage_pad(x)")
            conn.execute(
                "INSERT INTO salvage_pad VALUES (zeroblob(?))", ((pages - have) * page_size,)
            )
            conn.execute("DROP TABLE salvage_pad")
    except sqlcipher.DatabaseError as exc:
        log.warning("no first page from %s: %s", "a backup" if layout else "the schema", exc)
        return False
    finally:
        conn.close()
    with donor.open("rb") as fh:
        first = fh.read(page_size)
    with copy.open("r+b") as fh:
        fh.write(first)
    return _schema_readable(copy, key)


def _salvage(source: Path, key: bytes | None, out: Path, tmp: Path) -> SalvageReport:
    report = SalvageReport(out=out)
    src = _Reader(source, key)
    try:
        try:
            source_tables = _tables(src.conn)
            version = migrations.current_version(src.conn)
        except sqlcipher.DatabaseError:
            # the schema itself (first page) cannot be read: nothing to go on but the app's
            # own schema, whose tables sit where a new station puts them
            report.schema_readable = False
            source_tables, version = {}, migrations.LATEST
        private_file(tmp)
        dst = connect_raw(tmp, key)
        try:
            migrations.migrate(dst, max(version, 1))
            target = _tables(dst)
            dst.execute("PRAGMA foreign_keys = OFF")  # a child may outlive its lost parent
            dst.execute("BEGIN IMMEDIATE")
            for table, columns in target.items():
                common = [c for c in columns if c in source_tables.get(table, [])]
                if not common:
                    continue
                marks = ", ".join("?" for _ in range(len(common) + 1))
                cols = ", ".join(f'"{c}"' for c in common)
                insert = f'INSERT OR IGNORE INTO "{table}"(rowid, {cols}) VALUES ({marks})'
                count = 0

                def emit(rows: list[tuple[Any, ...]], insert: str = insert) -> None:
                    nonlocal count
                    dst.executemany(insert, rows)
                    count += len(rows)

                try:
                    lost = read_table(src, table, common, emit)
                except sqlcipher.DatabaseError:
                    lost = [(0, 0)]
                report.rows[table] = count
                if lost:
                    report.lost[table] = lost
            dst.execute("COMMIT")
            migrations.migrate(dst)
            reindex_all(dst)
            result = "; ".join(r[0] for r in dst.execute("PRAGMA integrity_check"))
            if result != "ok":
                raise RuntimeError(f"salvaged copy failed its check: {result}")
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, out)
    log.info("salvaged %s rows, %s unreadable", sum(report.rows.values()), report.lost_rows)
    return report


def reindex_all(conn: Connection, ids: list[int] | None = None) -> int:
    """(Re)build the search index rows of the given suggestions (all when None), in a
    transaction of its own."""
    from station_app.store.search_rows import reindex

    conn.execute("BEGIN IMMEDIATE")
    count = reindex(conn, ids)
    conn.execute("COMMIT")
    return count
