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


def test_v7_indexes_speakers_by_their_session_topic(tmp_path: Path, clock) -> None:
    """A station that recorded group sessions on v6 (speakers indexed without the topic)
    finds them by the topic once migrated."""
    from station_app.services.forms import SuggestionForm
    from station_app.services.sessions import SessionForm, record_session, record_speaker
    from station_app.store.search_rows import write_row
    from tests.conftest import set_up_test_station

    st = Station.open(tmp_path / "data", clock=clock)
    admin = set_up_test_station(st)
    held = SessionForm(topic="老旧小区加装电梯议事会", place="活动中心", host="李主任")
    sid = record_session(st, admin, held).id
    form = SuggestionForm(category_code="ELV", title="审批", content="希望加快审批。")
    rec = record_speaker(st, admin, sid, form)
    with st.db.write() as s:  # the row as v6 wrote it, and the schema version it left
        conn = s.connection().connection.dbapi_connection
        write_row(conn, rec.id, "审批", "希望加快审批。", "活动中心", replace=True)
    assert list_page(st, query="议事会") == []
    st.close()
    conn = connect_raw(tmp_path / "data" / "station.db")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    st = Station.open(tmp_path / "data", clock=clock)  # migrates to v7
    try:
        assert [r.title for r in list_page(st, query="议事会")] == ["审批"]
    finally:
        st.close()
