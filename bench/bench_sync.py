"""Sync benchmark: 100k suggestions from a station to the reference HQ on loopback.

    .venv/bin/python bench/bench_sync.py [--rows 100000] [--batch 250] [--workers 1]

Prints:
- end to end: `sync_now()` on a copy of the generated station (`bench.gen_data.ensure_db`),
  enrolled at a fresh HQ: read the outbox, build bodies, POST batches, apply the answers
  (status, hq_id, history event, outbox row) in one transaction per batch; records/s.
- ceiling: the same bodies, pre-built and pre-serialised, POSTed to another fresh HQ server
  with the same batch size and one keep-alive session, no station work; records/s.
- idle: CPU seconds a fresh process spends over 10 s holding an open station and an HQ
  client while the in-app timer's equivalent waits (`threading.Event.wait`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.gen_data import ensure_db
from station_app.services import outbox
from station_app.store import Station
from sync.client import enrol, sync_now
from sync.server.testing import start_hq_server

IDLE_SNIPPET = """
import sys, threading, time
from station_app.store import Station
from sync.client.engine import make_client
from station_app.services.outbox import sync_status
st = Station.open(sys.argv[1])
client = make_client(st)
sync_status(st)
t0 = time.process_time()
threading.Event().wait(float(sys.argv[2]))
print(time.process_time() - t0)
"""


def prebuilt_bodies(station: Station, batch: int) -> list[tuple[bytes, str]]:
    out: list[tuple[bytes, str]] = []
    after = 0
    while True:
        items = outbox.pending_suggestions(station, batch, after)
        if not items:
            return out
        after = items[-1].outbox_id
        body = json.dumps(
            {"items": [i.body for i in items]}, ensure_ascii=False, separators=(",", ":")
        ).encode()
        out.append((body, "raw-" + hashlib.sha256(body).hexdigest()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    source = ensure_db(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp) / "station"
        shutil.copytree(source, root)
        station = Station.open(root)
        code = outbox.sync_status(station)  # warm
        print(f"station: {args.rows} rows, {code.queued} queued; batch {args.batch}, "
              f"HQ workers {args.workers}")  # fmt: skip

        with start_hq_server(Path(tmp) / "hq-raw", workers=args.workers, test_faults=False) as hq:
            token = hq.enrol("RAW01")
            bodies = prebuilt_bodies(station, args.batch)
            session = requests.Session()
            headers = {**hq.auth(token), "Content-Type": "application/json"}
            t0 = time.perf_counter()
            for body, key in bodies:
                resp = session.post(
                    hq.url + "/api/v1/suggestions/batch",
                    data=body,
                    headers={**headers, "Idempotency-Key": key},
                    timeout=(5, 120),
                )
                resp.raise_for_status()
            raw_s = time.perf_counter() - t0
            print(f"ceiling (raw POST, pre-built): {args.rows / raw_s:,.0f} records/s "
                  f"({raw_s:.1f} s)")  # fmt: skip

        with start_hq_server(Path(tmp) / "hq", workers=args.workers, test_faults=False) as hq:
            from station_app.services.setup import station_info

            info = station_info(station)
            assert info is not None
            enrol(station, hq.url, hq.admin.issue_code(info.code, info.name))
            cpu0, t0 = time.process_time(), time.perf_counter()
            report = sync_now(station, batch_size=args.batch)
            e2e_s, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
            assert report.ok, report.error_text()
            assert report.sent == args.rows, report
            assert hq.admin.count() == args.rows
            print(f"end to end (sync_now): {args.rows / e2e_s:,.0f} records/s ({e2e_s:.1f} s, "
                  f"station CPU {cpu_s:.1f} s) = {raw_s / e2e_s:.0%} of the ceiling")  # fmt: skip
            idle = subprocess.run(
                [sys.executable, "-c", IDLE_SNIPPET, str(root), str(args.idle)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(f"idle: {float(idle.stdout.strip()):.3f} CPU s over {args.idle:.0f} s "
                  "(open station + HQ client, timer waiting)")  # fmt: skip
        station.close()


if __name__ == "__main__":
    main()
