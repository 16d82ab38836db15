"""Enrolment over plain http, a CA file that is gone, and HQ shedding load with Retry-After."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from station_app.errors import StationError
from sync.client import enrol, sync_now
from sync.client.http import RetryPolicy
from sync.server.testing import REPO_ROOT, HQServer

from .conftest import StationUnderTest, check_invariant, fast_retry


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), STATION_APP_LANG="zh_CN")
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args, "--data-dir", str(data)],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=60, check=False,
    )  # fmt: skip


def test_plain_http_enrolment_is_refused_unless_allowed(sut: StationUnderTest) -> None:
    url = "http://hq.example.invalid:8700"
    with pytest.raises(StationError) as refused:
        enrol(sut.station, url, "ABCD-EFGH-JKLM", retry=fast_retry(2))
    assert refused.value.key == "sync.error.insecure_url"
    assert "https://" in refused.value.message()
    # Allowed explicitly, it goes on (and here finds no HQ at that name).
    with pytest.raises(StationError) as unreachable:
        enrol(sut.station, url, "ABCD-EFGH-JKLM", allow_http=True, retry=fast_retry(2))
    assert unreachable.value.key == "error.hq_unavailable"


def test_plain_http_on_the_command_line(sut: StationUnderTest) -> None:
    sut.close()
    refused = cli(sut.root, "enrol", "--hq", "http://hq.example.invalid", "--code", "X")
    assert refused.returncode != 0
    assert "https://" in refused.stderr and "Traceback" not in refused.stderr
    allowed = cli(
        sut.root, "enrol", "--hq", "http://hq.example.invalid", "--code", "X", "--allow-http"
    )
    assert "没有加密" in allowed.stderr  # the warning
    assert "Traceback" not in allowed.stderr


def test_a_missing_ca_file_is_said_plainly(hq: HQServer, sut: StationUnderTest) -> None:
    missing = sut.root / "no-such-ca.pem"
    with pytest.raises(StationError) as exc:
        enrol(sut.station, hq.url, hq.admin.issue_code(sut.code), ca_file=str(missing))
    assert exc.value.key == "sync.error.ca_missing"
    assert str(missing) in exc.value.message()
    sut.close()
    code = hq.admin.issue_code(sut.code)
    result = cli(sut.root, "enrol", "--hq", hq.url, "--code", code, "--ca-file", str(missing))
    assert result.returncode == 1
    assert "证书文件" in result.stderr and "Traceback" not in result.stderr


def test_sync_with_its_ca_file_gone_needs_an_admin(hq: HQServer, sut: StationUnderTest) -> None:
    ca = sut.root / "hq-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")  # only its path matters over loopback http
    enrol(sut.station, hq.url, hq.admin.issue_code(sut.code), ca_file=str(ca))
    sut.record(1)
    ca.unlink()
    sut.close()
    result = cli(sut.root, "sync")
    assert result.returncode == 4  # needs an admin, not "retry later"
    assert str(ca) in result.stderr and "Traceback" not in result.stderr
    status = cli(sut.root, "sync-status", "--json")
    assert status.returncode == 4 and '"needs_admin": true' in status.stdout


@pytest.fixture
def narrow_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    server = HQServer(tmp_path_factory.mktemp("hq-narrow"), extra_args=["--max-in-flight", "1"])
    server.start()
    yield server
    server.close()


def test_the_client_honours_retry_after_when_hq_sheds_load(
    narrow_hq: HQServer, sut: StationUnderTest
) -> None:
    hq = narrow_hq
    sut.enrol(hq)
    sut.record(3)
    other = hq.enrol("BUSY1")
    slow = socket.create_connection(("127.0.0.1", hq.port), timeout=15)
    # Another station's request holds the worker's only place (its body arrives slowly).
    slow.sendall(
        b"POST /api/v1/feedback HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {other}\r\nContent-Length: 12\r\n\r\n".encode()
        + b'{"items"'
    )
    for _ in range(2000):  # until HQ has counted it
        probe = requests.get(hq.url + "/api/v1/changes", headers=hq.auth(other), timeout=10)
        if probe.status_code == 503:
            break
    else:
        pytest.fail("HQ never shed load")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        """The station waits (we record it) while the other request finishes."""
        waits.append(seconds)
        if len(waits) == 1:
            slow.sendall(b":[]}")
            assert slow.recv(65536).startswith(b"HTTP/1.1 200")
            slow.close()

    report = sync_now(sut.station, retry=RetryPolicy(rng=random.Random(1), sleep=sleep))
    assert report.ok and report.sent == 3
    assert len(waits) == 1
    assert 5 <= waits[0] <= 30 and waits[0] == int(waits[0])  # HQ's Retry-After, not backoff
    check_invariant(sut, hq)


def test_sync_spread_waits_a_random_part_and_stops_on_cancel() -> None:
    import threading

    from sync.client.cli import spread_wait

    cancel = threading.Event()
    cancel.set()  # SIGTERM during the wait: the wait ends at once and says so
    assert spread_wait(300, cancel, random.Random(3)) is True
    assert spread_wait(0, threading.Event()) is False  # no spread: no wait

    chosen: list[float] = []

    class Recording(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            chosen.append(timeout or 0.0)
            return False

    rng = random.Random(15)
    for _ in range(500):
        assert spread_wait(300, Recording(), rng) is False
    assert min(chosen) >= 0 and max(chosen) <= 300
    assert len({int(c) for c in chosen}) > 200  # spread over the five minutes, not bunched
