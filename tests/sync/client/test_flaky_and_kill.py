"""A flaky link through our own TCP proxy, and `station-app sync` SIGKILLed at random points."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from station_app.paths import DataDir
from station_app.security.keys import ensure_key
from station_app.services.common import set_setting
from station_app.services.hq_link import SETTING_HQ_URL
from sync.client import sync_now
from sync.server.testing import HQServer, start_hq_server

from .conftest import StationUnderTest, check_invariant, fast_retry
from .flaky_proxy import FlakyProxy

REPO = Path(__file__).resolve().parents[3]


def test_flaky_link_through_a_proxy(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    uuids = sut.record(300)
    with FlakyProxy(hq.port, seed=11, faults=25, lifetime=60) as proxy:
        with sut.station.db.write() as s:
            set_setting(s, SETTING_HQ_URL, proxy.url)
        reports, acted = [], False
        for _ in range(20):
            report = sync_now(sut.station, retry=fast_retry(8), batch_size=20, timeout=(2, 5))
            reports.append(report)
            check_invariant(sut, hq, all_sent=False)
            if report.ok and not acted:  # HQ acts on some; that comes back over the link
                for uuid in uuids[:20]:
                    hq.admin.set_status(uuid, "accepted")
                acted = True
            elif report.ok and sum(r.pulled for r in reports) == 20:
                break
        assert sum(proxy.stats[k] for k in ("drop", "cut", "delay")) >= 10, proxy.stats
    assert reports[-1].ok, [r.error_key for r in reports]
    assert sum(r.pulled for r in reports) == 20
    check_invariant(sut, hq)


def _cli(data: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "station_app", "sync", "--data-dir", str(data), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_loop(tmp_path: Path, runs: int, seed: int) -> str:
    rng = random.Random(seed)
    root = tmp_path / "station"
    key = ensure_key(DataDir(root))  # encrypted, as a real station: the CLI gets the key too
    sut = StationUnderTest(root, key=key)
    try:
        with start_hq_server(tmp_path / "hq") as hq:
            sut.enrol(hq)
            hq.faults(
                {"kind": "delay", "seconds": 0.03, "path": "/api/v1/suggestions", "count": 100000}
            )
            # a run that ended before its kill still counts (the invariant holds after it), but
            # the kills are the point: on a fast machine the next kill comes sooner, and the loop
            # goes on (up to four times the runs) until at least half the runs were killed
            killed = attempts = recorded = 0
            latest = 2.0
            while (attempts < runs or killed < max(1, runs // 2)) and attempts < runs * 4:
                attempts += 1
                recorded += len(sut.record(rng.randint(40, 120)))
                proc = _cli(root, "--batch-size", str(rng.choice([10, 25, 50])))
                time.sleep(rng.uniform(0.3, latest))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    killed += 1
                else:
                    latest = max(0.4, latest * 0.6)
                proc.communicate(timeout=30)
                check_invariant(sut, hq, all_sent=False)
            assert killed >= max(1, runs // 2), (killed, attempts)
            hq.faults()
            final = _cli(root, "--json")
            out, err = final.communicate(timeout=60)
            assert final.returncode == 0, err.decode()
            check_invariant(sut, hq)
            return (
                f"kill loop (seed {seed}): {attempts} syncs, {killed} SIGKILLed mid-run, "
                f"{recorded} suggestions; HQ holds each exactly once and the states match"
            )
    finally:
        sut.close()


def test_sync_sigkilled_at_random_points(tmp_path: Path) -> None:
    _kill_loop(tmp_path, runs=4, seed=20261125)


@pytest.mark.soak
def test_sync_sigkilled_soak(tmp_path: Path) -> None:
    runs = int(os.environ.get("STATION_APP_SOAK_RUNS", "50"))
    print("\n" + _kill_loop(tmp_path, runs=runs, seed=int(time.time())))


def test_cli_second_sync_exits_busy(hq: HQServer, tmp_path: Path) -> None:
    root = tmp_path / "station"
    sut = StationUnderTest(root, key=ensure_key(DataDir(root)))
    try:
        sut.enrol(hq)
        with FileLock(str(sut.station.data.sync_lock), timeout=0):
            proc = _cli(root)
            out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 75
        assert "同步正在进行" in out.decode()
    finally:
        sut.close()


def test_cli_enrol_sync_and_status(hq: HQServer, tmp_path: Path) -> None:
    root = tmp_path / "station"
    sut = StationUnderTest(root, key=ensure_key(DataDir(root)))
    try:
        sut.record(3)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        base = [sys.executable, "-m", "station_app"]
        code = hq.admin.issue_code(sut.code)
        done = subprocess.run(
            [*base, "enrol", "--data-dir", str(root), "--hq", hq.url, "--code", code],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        again = subprocess.run(
            [*base, "enrol", "--data-dir", str(root), "--hq", hq.url, "--code", code],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
        )  # fmt: skip
        assert again.returncode == 1 and "用过" in again.stderr  # a code works once
        out, err = _cli(root, "--json").communicate(timeout=60)
        assert json.loads(out)["sent"] == 3, err
        status = subprocess.run(
            [*base, "sync-status", "--data-dir", str(root), "--json"],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
        )  # fmt: skip
        data = json.loads(status.stdout)
        assert (data["queued"], data["sent"], data["failed"]) == (0, 3, 0)
        check_invariant(sut, hq)
    finally:
        sut.close()
