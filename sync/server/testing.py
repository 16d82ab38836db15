"""Start a real reference HQ server in a subprocess, for tests on both sides of the sync.

    with start_hq_server(tmp_path, test_faults=True) as hq:
        token = hq.enrol("S001")                     # issue a code and enrol over HTTP
        hq.faults({"kind": "status", "status": 503, "count": 2, "retry_after": 1})
        requests.get(hq.url + "/api/v1/changes", headers=hq.auth(token), timeout=5)
        hq.admin.set_status(uuid, "accepted")        # HQAdmin straight on the database
        hq.kill(); hq.start()                        # SIGKILL mid-test, restart on the same port

``hq_server`` in ``tests/sync/server/conftest.py`` wraps this as a pytest fixture.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from sync import content_hash
from sync.server.admin import HQAdmin

REPO_ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("STATION_APP_PG_BIN", "/usr/lib/postgresql/15/bin"))


class PostgresUnavailable(RuntimeError):
    """The throwaway PostgreSQL server could not be started (message says why)."""


class PostgresCluster:
    """A PostgreSQL server in a temp folder on a free loopback port (see `throwaway_postgres`)."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.data = root / "data"
        self.port = port

    def url(self, database: str = "hq") -> str:
        return f"postgresql+psycopg2://hq@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        _run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "hq", name])
        return self.url(name)

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, proc.stdout, proc.stderr)


@contextmanager
def throwaway_postgres(
    *, fsync: bool = False, settings: dict[str, str] | None = None
) -> Iterator[PostgresCluster]:
    """Start a PostgreSQL server (``PG_BIN``) in a temp folder, stop and delete it after.

    ``fsync=False`` (the tests' setting) trades durability for speed; the bench can turn it on.
    Raises `PostgresUnavailable` when the binaries are missing or the server does not start.
    """
    if not (PG_BIN / "initdb").exists():
        raise PostgresUnavailable(
            f"PostgreSQL not found at {PG_BIN} (install Debian's postgresql package or set "
            "STATION_APP_PG_BIN)"
        )
    root = Path(tempfile.mkdtemp(prefix="hq-pg-"))
    cluster = PostgresCluster(root, free_port())
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    conf = {"listen_addresses": "127.0.0.1", "fsync": "on" if fsync else "off"}
    conf.update(settings or {})
    opts = f"-p {cluster.port} -k {root} " + " ".join(f"-c {k}={v}" for k, v in conf.items())
    try:
        _run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(cluster.data), "-A", "trust",
                           "-U", "hq", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]))  # fmt: skip
        _run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-o", opts,
                           "-l", str(root / "log"), "-w", "-t", "30", "start"]))  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"PostgreSQL could not be started ({exc}).\n{log}") from exc
    try:
        yield cluster
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate",
                          "stop"]),
            capture_output=True,
            check=False,
        )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HQServer:
    """A reference HQ server process and handles to drive it."""

    def __init__(
        self,
        data_dir: Path,
        database_url: str | None = None,
        *,
        port: int | None = None,
        workers: int = 1,
        test_faults: bool = True,
        extra_args: list[str] | None = None,
        repo_root: Path = REPO_ROOT,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.extra_args = list(extra_args or [])
        self.repo_root = Path(repo_root)  # another checkout's server, for before/after benches
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or f"sqlite:///{self.data_dir / 'hq.sqlite3'}"
        self.port = port or free_port()
        self.workers = workers
        self.test_faults = test_faults
        self.admin_token = secrets.token_urlsafe(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self._admin: HQAdmin | None = None
        self.log_path = self.data_dir / "hq-server.log"

    @property
    def admin(self) -> HQAdmin:
        """Admin actions straight on the server's database (issue codes, set states...)."""
        if self._admin is None:
            self._admin = HQAdmin(self.database_url)
        return self._admin

    def start(self, timeout: float = 20.0) -> HQServer:
        cmd = [
            sys.executable, "-m", "sync.server.cli", "hq-server",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--database-url", self.database_url, "--data-dir", str(self.data_dir),
            "--workers", str(self.workers),
        ]  # fmt: skip
        if self.test_faults:
            cmd += ["--enable-test-faults", f"--admin-token={self.admin_token}"]
        cmd += self.extra_args
        env = dict(os.environ)
        root = str(self.repo_root)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the child
        self.process = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"HQ server exited at start:\n{self.log_text()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"HQ server did not start in {timeout}s:\n{self.log_text()}")

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except FileNotFoundError:
            return ""

    def _signal(self, sig: int, wait: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)  # the workers too
        try:
            self.process.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def stop(self) -> None:
        """Graceful stop (SIGTERM, then SIGKILL after 10 s)."""
        self._signal(signal.SIGTERM, 10)

    def kill(self) -> None:
        """SIGKILL the server and its workers, as a crash would."""
        self._signal(signal.SIGKILL, 5)

    def close(self) -> None:
        self.stop()
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    # -- conveniences over HTTP -------------------------------------------------------------

    def enrol(self, station_code: str = "S001", station_name: str = "Test station") -> str:
        """Issue a code, enrol over HTTP, return the station token."""
        code = self.admin.issue_code(station_code, station_name)
        resp = requests.post(
            self.url + "/api/v1/enrol",
            json={
                "station_code": station_code,
                "station_name": station_name,
                "enrolment_code": code,
            },
            timeout=10,
        )
        resp.raise_for_status()
        return resp.json()["station_token"]

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def faults(self, *specs: dict[str, Any], replace: bool = True) -> None:
        """Queue faults (see ``sync.server.faults``); ``faults()`` with none clears them."""
        resp = requests.post(
            self.url + "/_test/faults",
            json={"faults": list(specs), "replace": replace},
            headers={"X-Admin-Token": self.admin_token},
            timeout=10,
        )
        resp.raise_for_status()

    def pending_faults(self) -> list[dict[str, Any]]:
        resp = requests.get(
            self.url + "/_test/faults", headers={"X-Admin-Token": self.admin_token}, timeout=10
        )
        resp.raise_for_status()
        return resp.json()["faults"]


@contextmanager
def start_hq_server(
    data_dir: Path,
    database_url: str | None = None,
    *,
    workers: int = 1,
    test_faults: bool = True,
) -> Iterator[HQServer]:
    server = HQServer(data_dir, database_url, workers=workers, test_faults=test_faults)
    server.start()
    try:
        yield server
    finally:
        server.close()


def sample_item(**overrides: Any) -> dict[str, Any]:
    """A valid suggestion item (with personal data) and its content_hash; override any key."""
    item: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "receipt_no": "S001-20250301-0001",
        "channel": "face_to_face",
        "received_at": "2025-03-01T09:30:00+08:00",
        "recorded_by": "王阿姨",
        "campaign_code": None,
        "category_code": "traffic",
        "title": "小区门口停车难",
        "content": "建议在小区门口增设停车位。",
        "location": "长寿路 100 号",
        "campaign_answers": {"q1": "是"},
        "suggester": {
            "name": "李先生",
            "phone": "13800000000",
            "anonymous": False,
            "wants_feedback": True,
            "feedback_method": "phone",
            "consent_version": "v1",
        },
        "scans": [],
        "links": [],
    }
    item.update(overrides)
    item.pop("content_hash", None)
    item["content_hash"] = content_hash(item)
    return item
