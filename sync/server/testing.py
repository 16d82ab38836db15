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
import signal
import socket
import subprocess
import sys
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
    ) -> None:
        self.data_dir = Path(data_dir)
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
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the child
        self.process = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
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
