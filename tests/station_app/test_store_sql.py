"""The plain-SQL helpers: long `IN` lists in batches, rows by name, the session's connection."""

from __future__ import annotations

from pathlib import Path

import pytest

from station_app.services.common import get_setting
from station_app.store import Station
from station_app.store.engine import connect_raw
from station_app.store.sql import (
    IN_BATCH,
    execute_in,
    named,
    raw,
    select_in,
    select_in_named,
)


def test_select_in_crosses_batches_and_keeps_the_parameters_around_the_list(
    tmp_path: Path,
) -> None:
    conn = connect_raw(tmp_path / "n.db")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, tag TEXT)")
    total = 2 * IN_BATCH + 7
    conn.executemany(
        "INSERT INTO t(id, tag) VALUES (?, ?)",
        [(i, "even" if i % 2 == 0 else "odd") for i in range(total)],
    )
    wanted = list(range(1, total, 3))  # more values than one batch may hold
    got = sorted(
        r[0]
        for r in select_in(
            conn,
            "SELECT id FROM t WHERE tag = ? AND id IN ({marks}) AND id < ?",
            wanted,
            before=("odd",),
            after=(total - 10,),
        )
    )
    assert got == [i for i in wanted if i % 2 == 1 and i < total - 10]
    changed = execute_in(conn, "UPDATE t SET tag = ? WHERE id IN ({marks})", wanted, before=("x",))
    assert changed == len(wanted)
    assert conn.execute("SELECT count(*) FROM t WHERE tag = 'x'").fetchone()[0] == len(wanted)
    rows = select_in_named(conn, "SELECT id AS n, tag FROM t WHERE id IN ({marks})", wanted[:3])
    assert sorted(rows, key=lambda r: r["n"]) == [{"n": i, "tag": "x"} for i in wanted[:3]]
    assert select_in_named(conn, "SELECT id FROM t WHERE id IN ({marks})", []) == []
    conn.close()


def test_raw_is_the_sessions_own_transaction(station: Station) -> None:
    with station.db.write() as s:
        raw(s).execute("INSERT INTO setting(key, value) VALUES ('probe', '1')")
        assert get_setting(s, "probe") == "1"  # the ORM sees it: one connection, one transaction
    with pytest.raises(RuntimeError), station.db.write() as s:
        raw(s).execute("UPDATE setting SET value = '2' WHERE key = 'probe'")
        raise RuntimeError("rolled back with the session")
    with station.db.read() as s:
        assert named(raw(s).execute("SELECT value FROM setting WHERE key = 'probe'")) == [
            {"value": "1"}
        ]
