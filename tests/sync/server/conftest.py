"""Fixtures: a real HQ server over HTTP, on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.testing import HQServer, free_port

PG_BIN = Path(os.environ.get("STATION_APP_PG_BIN", "/usr/lib/postgresql/15/bin"))
SKIP_PG = os.environ.get("STATION_APP_SKIP_PG") == "1"


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL 15 server in a temp dir on a free port, stopped at the end."""
    if SKIP_PG:
        pytest.skip("STATION_APP_SKIP_PG=1: PostgreSQL tests skipped on request")
    if not (PG_BIN / "initdb").exists():
        pytest.fail(
            f"PostgreSQL not found at {PG_BIN} (install Debian's postgresql package, set "
            "STATION_APP_PG_BIN, or set STATION_APP_SKIP_PG=1 to skip these tests)"
        )
    root = Path(tempfile.mkdtemp(prefix="hq-pg-"))
    data = root / "data"
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    try:
        _run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "hq",
                           "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]))  # fmt: skip
        opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts,
                           "-l", str(root / "log"), "-w", "-t", "30", "start"]))  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(
            f"PostgreSQL could not be started ({exc}); set STATION_APP_SKIP_PG=1 to skip.\n{log}"
        )
    try:
        _run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "hq", "hq"])
        yield f"postgresql+psycopg2://hq@127.0.0.1:{port}/hq"
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, proc.stdout, proc.stderr)


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
