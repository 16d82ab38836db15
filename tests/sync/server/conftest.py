"""Fixtures: a real HQ server over HTTP, on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from sync.server.testing import HQServer, PostgresUnavailable, throwaway_postgres

SKIP_PG = os.environ.get("STATION_APP_SKIP_PG") == "1"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL 15 server in a temp dir on a free port, stopped at the end."""
    if SKIP_PG:
        pytest.skip("STATION_APP_SKIP_PG=1: PostgreSQL tests skipped on request")
    try:
        with throwaway_postgres() as cluster:
            yield cluster.create_database("hq")
    except PostgresUnavailable as exc:
        pytest.fail(f"{exc}\nSet STATION_APP_SKIP_PG=1 to skip the PostgreSQL tests.")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hq(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HQServer]:
    """A running HQ server (one per module and backend) with test faults enabled."""
    database_url = None
    if request.param == "postgresql":
        database_url = request.getfixturevalue("pg_url")
    server = HQServer(tmp_path_factory.mktemp(f"hq-{request.param}"), database_url)
    server.start()
    yield server
    server.close()


@pytest.fixture
def sqlite_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    server = HQServer(tmp_path_factory.mktemp("hq-sqlite"))
    server.start()
    yield server
    server.close()


@pytest.fixture
def token(hq: HQServer) -> str:
    """A freshly enrolled station, so tests sharing one server do not see each other."""
    return hq.enrol(f"S{uuid.uuid4().hex[:8]}")
