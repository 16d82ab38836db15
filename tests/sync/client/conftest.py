"""Fixtures for the sync client: a real HQ server over loopback, enrolled stations, checks.

`hq` is one reference server for the whole module (each test enrols its own station code);
tests that kill the server start their own with `start_hq_server`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from station_app.clock import CHINA_TZ, FixedClock
from station_app.demo import generate_forms
from station_app.services.setup import init_station
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from sync.client import enrol
from sync.client.http import RetryPolicy
from sync.server.models import hq_id_for
from sync.server.testing import HQServer, start_hq_server

_codes = itertools.count(1)


@pytest.fixture(scope="module")
def hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    with start_hq_server(tmp_path_factory.mktemp("hq")) as server:
        yield server


@pytest.fixture(autouse=True)
def _no_faults_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "hq" in request.fixturenames:
        server: HQServer = request.getfixturevalue("hq")
        if server.process is not None and server.process.poll() is None:
            server.faults()


class Recorder:
    """An injected sleep: remembers every wait, waits for none of them."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def fast_retry(attempts: int = 6, sleep: Recorder | None = None) -> RetryPolicy:
    import random

    return RetryPolicy(max_attempts=attempts, rng=random.Random(7), sleep=sleep or Recorder())


class StationUnderTest:
    """A set-up station with its admin, enrolled at an HQ under a code of its own."""

    def __init__(self, root: Path, key: bytes | None = None) -> None:
        self.clock = FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ))
        self.root = root
        self.code = f"T{next(_codes):03d}-{hashlib.sha1(str(root).encode()).hexdigest()[:6]}"
        self.code = self.code.upper()
        self.station = Station.open(root, clock=self.clock, key=key)
        self.admin: Operator = init_station(
            self.station,
            code=self.code,
            name="测试工作站",
            district="普陀区",
            street="长寿路街道",
            admin_name="王管理",
            admin_pin="2468",
        )
        self._forms = generate_forms(100_000, seed=len(self.code) + next(_codes))

    def enrol(self, hq: HQServer) -> None:
        enrol(self.station, hq.url, hq.admin.issue_code(self.code, "测试工作站"))

    def record(self, n: int, **kwargs: Any) -> list[str]:
        return [
            record_suggestion(self.station, self.admin, next(self._forms), **kwargs).uuid
            for _ in range(n)
        ]

    def close(self) -> None:
        self.station.close()


@pytest.fixture
def sut(tmp_path: Path) -> Iterator[StationUnderTest]:
    st = StationUnderTest(tmp_path / "station")
    yield st
    st.close()


def local_rows(station: Station) -> dict[str, dict[str, Any]]:
    with station.db.read() as s:
        conn = s.connection()
        rows = conn.execute(
            text("SELECT uuid, status, hq_id, content_hash FROM suggestion")
        ).fetchall()
        sent = {
            r[0]
            for r in conn.execute(
                text(
                    "SELECT ref FROM outbox WHERE kind='suggestion' AND sent_at IS NOT NULL "
                    "AND result IN ('created','already_had')"
                )
            )
        }
    return {
        r[0]: {"status": r[1], "hq_id": r[2], "hash": r[3], "acked": r[0] in sent} for r in rows
    }


def hq_rows(hq: HQServer, station_code: str) -> list[dict[str, Any]]:
    with hq.admin.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.id, s.uuid, s.content_hash, s.hq_status FROM hq_suggestion s "
                "JOIN hq_station st ON st.id = s.station_id WHERE st.code = :code"
            ),
            {"code": station_code},
        ).fetchall()
    return [{"hq_id": hq_id_for(r[0]), "uuid": r[1], "hash": r[2], "status": r[3]} for r in rows]


def check_invariant(sut: StationUnderTest, hq: HQServer, *, all_sent: bool = True) -> None:
    """HQ holds every acknowledged suggestion exactly once, with the station's body, and the
    station's states match HQ's. With `all_sent`, nothing is left behind either."""
    local = local_rows(sut.station)
    remote = hq_rows(hq, sut.code)
    uuids = [r["uuid"] for r in remote]
    assert len(uuids) == len(set(uuids)), "a suggestion is at HQ twice"
    by_uuid = {r["uuid"]: r for r in remote}
    assert set(by_uuid) <= set(local), "HQ holds a suggestion the station never made"
    for uuid, row in local.items():
        if row["acked"] or row["status"] == "sent":
            assert uuid in by_uuid, f"acknowledged but not at HQ: {uuid}"
        if uuid in by_uuid and row["status"] != "conflict":
            assert by_uuid[uuid]["hash"] == row["hash"]
        if row["acked"]:
            assert row["hq_id"] == by_uuid[uuid]["hq_id"]
            assert row["status"] != "recorded"
        if all_sent:
            assert uuid in by_uuid, f"lost: {uuid}"
            assert row["acked"] or row["status"] == "conflict", row
            assert row["hq_id"] == by_uuid[uuid]["hq_id"]
