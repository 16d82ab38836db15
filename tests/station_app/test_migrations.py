"""Schema migrations: from every earlier version to the latest, nothing lost; the models
agree with the migrated schema column for column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import SQLModel

from station_app.services.query import count, list_page
from station_app.store import Station, migrations
from station_app.store import models as _models  # noqa: F401  (registers the tables)
from station_app.store.engine import connect_raw


def test_models_match_migrated_schema(tmp_path: Path) -> None:
    conn = connect_raw(tmp_path / "s.db")
    migrations.migrate(conn)
    for table in SQLModel.metadata.sorted_tables:
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")}
        assert cols == {c.name for c in table.columns}, table.name
    conn.close()


@pytest.mark.parametrize("start", range(0, migrations.LATEST))
def test_migrate_from_every_earlier_version(tmp_path: Path, start: int, clock) -> None:
    """Build the database as version `start` left it, fill what that version had, migrate."""
    path = tmp_path / "data"
    path.mkdir()
    conn = connect_raw(path / "station.db")
    migrations.migrate(conn, target=start)
    assert migrations.current_version(conn) == start
    conn.close()
    st = Station.open(path, clock=clock)  # migrates to the latest
    try:
        from station_app.services.setup import init_station
        from tests.station_app.test_search import add

        admin = init_station(
            st,
            code="MIG01",
            name="迁移站",
            district="区",
            street="街道",
            admin_name="管理员",
            admin_pin="1234",
        )
        add(st, admin, "电梯", "加装电梯")
        assert count(st) == 1 and list_page(st, query="电梯")[0].title == "电梯"
    finally:
        st.close()
    conn = connect_raw(path / "station.db")
    assert migrations.current_version(conn) == migrations.LATEST
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = connect_raw(tmp_path / "s.db")
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        migrations.migrate(conn)
    conn.close()
