"""Storage rules: WAL, synchronous=FULL, one transaction per save, a full disk loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from station_app.errors import StorageFullError
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Outbox, ReceiptCounter, StatusEvent, Suggestion
from tests.station_app.test_suggestions import form


def test_pragmas(station: Station, admin) -> None:
    with station.db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY: no temp files


def _counts(station: Station) -> tuple[int, ...]:
    with station.db.read() as s:
        return (
            len(s.exec(select(Suggestion)).all()),
            len(s.exec(select(StatusEvent)).all()),
            len(s.exec(select(Outbox)).all()),
            sum(r.last_seq for r in s.exec(select(ReceiptCounter))),
            s.execute(text("SELECT count(*) FROM suggestion_fts")).scalar(),
        )


def test_full_disk_gives_clear_error_and_nothing_half_written(station: Station, volunteer) -> None:
    record_suggestion(station, volunteer, form())
    before = _counts(station)
    # SQLITE_FULL for real: cap the file at its current size on every pooled connection
    station.db.engine.dispose()
    from sqlalchemy import event

    @event.listens_for(station.db.engine, "connect")
    def _cap(dbapi_conn, _rec) -> None:  # noqa: ANN001
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    big = form(content="很长的建议内容。" * 600)
    with pytest.raises(StorageFullError) as err:
        for _ in range(50):
            record_suggestion(station, volunteer, big)
    assert "磁盘已满" in err.value.message()
    after = _counts(station)
    # whatever fitted before the disk filled is complete; the failed save left nothing behind
    saved = after[0] - before[0]
    assert after == (
        before[0] + saved,
        before[1] + saved,
        before[2] + saved,
        before[3] + saved,
        before[4] + saved,
    )
    event.remove(station.db.engine, "connect", _cap)
    station.db.engine.dispose()
    record_suggestion(station, volunteer, form())  # space back: saving works again
    assert _counts(station)[0] == after[0] + 1


def test_a_save_that_returned_survives_sigkill(tmp_path: Path) -> None:
    """A child process saves, reports the receipt, then is killed: the save must be there."""
    data = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        import sys, time
        from station_app.store import Station
        from station_app.services.setup import init_station
        from station_app.services.suggestions import record_suggestion
        from tests.station_app.test_suggestions import form
        st = Station.open({str(data)!r})
        admin = init_station(st, code="KILL01", name="测试站", district="普陀区", street="长寿路街道",
                             admin_name="管理员", admin_pin="1234")
        for i in range(1000):
            rec = record_suggestion(st, admin, form())
            print(rec.receipt_no, flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    acknowledged = [proc.stdout.readline().strip() for _ in range(25)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    st = Station.open(data)
    try:
        with st.db.read() as s:
            stored = set(s.exec(select(Suggestion.receipt_no)))
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert set(acknowledged) <= stored
    finally:
        st.close()
