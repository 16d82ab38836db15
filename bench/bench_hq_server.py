"""Raw HTTP POST rate of the reference HQ server: the ceiling for the station's sync rate.

.venv/bin/python bench/bench_hq_server.py [--n 20000] [--batch 500] [--workers 1]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path

import requests

from sync.server.testing import sample_item, start_hq_server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    items = [sample_item(receipt_no=f"B-{i}") for i in range(args.n)]
    with (
        tempfile.TemporaryDirectory() as tmp,
        start_hq_server(
            Path(tmp), args.database_url, workers=args.workers, test_faults=False
        ) as hq,
    ):
        token = hq.enrol("BENCH")
        session = requests.Session()
        session.headers.update(hq.auth(token))
        started = time.perf_counter()
        for i in range(0, args.n, args.batch):
            resp = session.post(
                hq.url + "/api/v1/suggestions/batch",
                json={"items": items[i : i + args.batch]},
                headers={"Idempotency-Key": str(uuid.uuid4())},
                timeout=60,
            )
            resp.raise_for_status()
        elapsed = time.perf_counter() - started
        assert hq.admin.count() == args.n
    print(
        f"{args.n} suggestions in batches of {args.batch}, {args.workers} worker(s): "
        f"{elapsed:.2f} s, {args.n / elapsed:,.0f} per second"
    )


if __name__ == "__main__":
    main()
