"""The fault-injection hook the client's tests rely on, and several workers on one database."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from sync.server.testing import HQServer, sample_item, start_hq_server

T = 10


def batch(hq: HQServer, token: str, items: list, key: str) -> requests.Response:
    return requests.post(
        hq.url + "/api/v1/suggestions/batch",
        json={"items": items},
        headers={**hq.auth(token), "Idempotency-Key": key},
        timeout=T,
    )


def test_faults_status_delay_and_lost_response(sqlite_hq: HQServer) -> None:
    hq = sqlite_hq
    token = hq.enrol("F001")
    hq.faults(
        {"kind": "status", "status": 503, "count": 2, "retry_after": 1},
        {"kind": "status", "status": 429, "count": 1, "retry_after": 7},
    )
    url = hq.url + "/api/v1/changes"
    codes = [requests.get(url, headers=hq.auth(token), timeout=T) for _ in range(4)]
    assert [r.status_code for r in codes] == [503, 503, 429, 200]
    assert codes[2].headers["Retry-After"] == "7"
    assert codes[0].headers["content-type"].startswith("application/problem+json")

    hq.faults({"kind": "delay", "seconds": 1.5, "count": 1})
    with pytest.raises(requests.Timeout):
        requests.get(url, headers=hq.auth(token), timeout=0.5)

    # HQ commits, the answer is lost; the resend is answered from the idempotency record.
    item = sample_item()
    hq.faults({"kind": "drop_after_commit", "path": "/api/v1/suggestions/batch"})
    with pytest.raises(requests.ConnectionError):
        batch(hq, token, [item], "lost-1")
    assert hq.admin.suggestion(item["uuid"])["uuid"] == item["uuid"]
    again = batch(hq, token, [item], "lost-1")
    assert again.json()["results"][0]["result"] == "created"
    assert batch(hq, token, [item], "new-key").json()["results"][0]["result"] == "already_had"

    hq.faults({"kind": "drop_before", "count": 1})
    with pytest.raises(requests.ConnectionError):
        requests.get(url, headers=hq.auth(token), timeout=T)
    assert requests.get(url, headers=hq.auth(token), timeout=T).status_code == 200
    assert hq.pending_faults() == []
    bad = requests.post(hq.url + "/_test/faults", json={"faults": []}, timeout=T)
    assert bad.status_code == 403


def test_kill_and_restart_keeps_data(sqlite_hq: HQServer) -> None:
    hq = sqlite_hq
    token = hq.enrol("K001")
    item = sample_item()
    batch(hq, token, [item], "k1")
    hq.kill()
    hq.start()
    assert batch(hq, token, [item], "k2").json()["results"][0]["result"] == "already_had"


def test_two_workers_store_each_uuid_once(tmp_path: Path) -> None:
    items = [sample_item() for _ in range(300)]
    with start_hq_server(tmp_path, workers=2) as hq:
        token = hq.enrol("W001")
        started = time.monotonic()

        def send(n: int) -> list[str]:
            # Overlapping slices with different keys race on the same uuids.
            chunk = items[(n * 50) % 300 : (n * 50) % 300 + 100]
            resp = batch(hq, token, chunk, f"w-{n}-{uuid.uuid4()}")
            assert resp.status_code == 200, resp.text
            return [r["result"] for r in resp.json()["results"]]

        with ThreadPoolExecutor(6) as pool:
            results = [r for rs in pool.map(send, range(12)) for r in rs]
        assert set(results) <= {"created", "already_had"}
        assert results.count("created") == 300
        assert hq.admin.count() == 300
        assert time.monotonic() - started < 20
