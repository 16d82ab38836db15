"""Storage figures: save latency and Chinese search against a LIKE scan, on N rows.

- Save: `record_suggestion` through the service (validation, suggester, suggestion, FTS row,
  status event, outbox, audit, one transaction with WAL + synchronous=FULL: fsync included),
  on a scratch copy of the N-row station and, in the same run, on an empty station.
- Search: `query.list_page(query=q, limit=50)` (the list's first page: FTS candidates newest
  first, verified against the real text) against `title LIKE '%q%' OR content LIKE '%q%' OR
  location LIKE '%q%'`, both the first page (ORDER BY id DESC LIMIT 50) and the full count,
  all on the same data in the same process, each warmed up the same way first.
- Count: `query.count()` without and with a query (exact: verifies every candidate).
Prints tables; asserts nothing. Targets (docs/ARCHITECTURE.md): save p95 < 5 ms at 1M rows,
search p95 < 30 ms and >= 50x faster than LIKE.

    python -m bench.bench_storage --rows 1000000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.gen_data import OUT, ensure_db
from station_app.demo import ensure_demo_station, generate_forms
from station_app.services import query
from station_app.services.common import first_admin
from station_app.services.suggestions import record_suggestion
from station_app.store import Station

# (query, what it is); hit counts are measured, not assumed
QUERIES: list[tuple[str, str]] = [
    ("梯", "1 char, common"),
    ("的", "1 char, very common"),
    ("窨", "1 char, rare"),
    ("停车", "2 chars, common"),
    ("电梯", "2 chars, common"),
    ("窨井", "2 chars, rare"),
    ("鹦鹉", "2 chars, absent"),
    ("加装电梯", "4 chars, common"),
    ("共享单车", "4 chars, rare"),
]
PAGE = 50
LIKE_WHERE = "title LIKE :p OR content LIKE :p OR location LIKE :p"


def pct(samples: list[float], p: float) -> float:
    """Nearest-rank percentile of `samples` (seconds) in milliseconds."""
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k] * 1000


def timed(fn: Callable[[], Any], reps: int, warmup: int) -> tuple[list[float], Any]:
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return samples, result


def bench_saves(folder: Path, saves: int, seed: int) -> list[float]:
    station = Station.open(folder)
    try:
        ensure_demo_station(station)
        with station.db.read() as s:
            admin = first_admin(s)
        forms = list(generate_forms(saves + 20, seed=seed))
        for form in forms[:20]:  # warm-up: connection pool, statement cache, pages
            record_suggestion(station, admin, form)
        samples = []
        for form in forms[20:]:
            t = time.perf_counter()
            record_suggestion(station, admin, form)
            samples.append(time.perf_counter() - t)
        return samples
    finally:
        station.close()


def scratch_copy(src: Path, name: str) -> Path:
    dst = OUT / name
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file() and f.name.startswith("station.db"):
            shutil.copy2(f, dst / f.name)
    return dst


def like_page(station: Station, q: str) -> list[Any]:
    sql = f"SELECT {query.COLUMNS} FROM suggestion WHERE {LIKE_WHERE} ORDER BY id DESC LIMIT :n"
    with station.db.read() as s:
        return list(s.execute(text(sql), {"p": f"%{q}%", "n": PAGE}))


def like_count(station: Station, q: str) -> int:
    with station.db.read() as s:
        sql = f"SELECT count(*) FROM suggestion WHERE {LIKE_WHERE}"
        return int(s.execute(text(sql), {"p": f"%{q}%"}).scalar_one())


def bench_receipts(station: Station, reps: int, like_reps: int) -> None:
    """A receipt number in the search box: the whole number (a QR scan), the sequence, the
    date and sequence, against a suffix LIKE over every receipt number (what a plain "ends
    with" search would cost)."""
    with station.db.read() as s:
        last = s.execute(text("SELECT receipt_no FROM suggestion ORDER BY id DESC")).first()
    assert last is not None
    whole = last[0]
    day, seq = whole.split("-")[-2:]
    print("\nReceipt number search (list_page vs receipt_no LIKE '%q'), ms; ratios of medians")
    print(f"{'query':<26}{'hits':>6}{'p50':>8}{'p95':>8}{'LIKE p50':>10}{'x':>7}")
    for q in (whole, seq, f"{day[4:]}-{seq}"):
        found, page = timed(lambda q=q: query.list_page(station, query=q, limit=PAGE), reps, 3)

        def like(q: str = q) -> list[Any]:
            tail = q.replace("-", "")
            with station.db.read() as s:
                sql = (
                    "SELECT id FROM suggestion WHERE replace(receipt_no, '-', '') LIKE :p "
                    "ORDER BY id DESC LIMIT :n"
                )
                return list(s.execute(text(sql), {"p": f"%{tail}", "n": PAGE}))

        lk, _rows = timed(like, like_reps, 1)
        print(
            f"{q:<26}{len(page):>6}{pct(found, 50):8.2f}{pct(found, 95):8.2f}"
            f"{pct(lk, 50):10.2f}{pct(lk, 50) / pct(found, 50):7.0f}"
        )


def run(rows: int, saves: int, reps: int, like_reps: int, count_reps: int) -> None:
    print(f"== bench_storage: {rows:,} rows ==")
    folder = ensure_db(rows)

    # --- save latency -------------------------------------------------------------------
    empty = OUT / "scratch-empty"
    shutil.rmtree(empty, ignore_errors=True)
    t = time.perf_counter()
    full = scratch_copy(folder, f"scratch-{rows}")
    print(
        f"(copied the {rows:,}-row database for the save test in {time.perf_counter() - t:.1f} s)"
    )
    results = {
        "empty station": bench_saves(empty, saves, seed=11),
        f"{rows:,} rows": bench_saves(full, saves, seed=12),
    }
    print(f"\nSave (record_suggestion, fsync included), n={saves} each, ms")
    print(f"{'database':<16}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}   target p95 < 5 ms")
    for name, s in results.items():
        print(f"{name:<16}{pct(s, 50):8.2f}{pct(s, 95):8.2f}{pct(s, 99):8.2f}{max(s) * 1e3:8.2f}")
    shutil.rmtree(full, ignore_errors=True)
    shutil.rmtree(empty, ignore_errors=True)

    # --- search -------------------------------------------------------------------------
    station = Station.open(folder)
    try:
        print(
            f"\nSearch, first page of {PAGE} (list_page vs LIKE), {rows:,} rows, ms; "
            f"FTS n={reps}, LIKE n={like_reps}; ratios of medians"
        )
        head = (
            f"{'query':<10}{'kind':<22}{'hits':>9}{'FTS p50':>9}{'FTS p95':>9}"
            f"{'LIKE pg p50':>12}{'LIKE cnt p50':>13}{'x page':>8}{'x count':>9}"
        )
        print(head)
        worst_p95 = 0.0
        worst_ratio = float("inf")
        for q, kind in QUERIES:
            fts, page = timed(lambda q=q: query.list_page(station, query=q, limit=PAGE), reps, 3)
            lp, lrows = timed(lambda q=q: like_page(station, q), like_reps, 1)
            lc, hits = timed(lambda q=q: like_count(station, q), like_reps, 1)
            if [r.id for r in page] != [r[0] for r in lrows]:
                print(f"!! {q}: FTS page differs from LIKE page")
            f50, f95 = pct(fts, 50), pct(fts, 95)
            p50, c50 = pct(lp, 50), pct(lc, 50)
            worst_p95 = max(worst_p95, f95)
            worst_ratio = min(worst_ratio, c50 / f50)
            print(
                f"{q:<{10 - len(q)}}{kind:<22}{hits:>9,}{f50:9.2f}{f95:9.2f}"
                f"{p50:12.2f}{c50:13.1f}{p50 / f50:8.1f}{c50 / f50:9.0f}"
            )
        print(
            f"worst FTS p95 {worst_p95:.2f} ms (target < 30); lowest count ratio {worst_ratio:.0f}x"
        )

        bench_receipts(station, reps, like_reps)

        print(f"\ncount() (exact), n={count_reps}, ms")
        c_plain, n = timed(lambda: query.count(station), count_reps, 1)
        print(f"{'(no query)':<16}{n:>9,}{pct(c_plain, 50):10.2f}")
        for q, _kind in QUERIES:
            c, n = timed(lambda q=q: query.count(station, query=q), count_reps, 0)
            print(f"{q:<{16 - len(q)}}{n:>9,}{pct(c, 50):10.1f}")
    finally:
        station.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.bench_storage")
    p.add_argument("--rows", type=int, action="append", help="repeatable; default 100000 and 1M")
    p.add_argument("--saves", type=int, default=300)
    p.add_argument("--reps", type=int, default=40, help="timed runs per FTS query")
    p.add_argument("--like-reps", type=int, default=5, help="timed runs per LIKE query")
    p.add_argument("--count-reps", type=int, default=1)
    args = p.parse_args(argv)
    for rows in args.rows or [100_000, 1_000_000]:
        run(rows, args.saves, args.reps, args.like_reps, args.count_reps)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
