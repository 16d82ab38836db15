"""Report figures: `station_stats` for a month and for a year on the N-row station.

The station is `gen_data.ensure_db(rows)` (1000 suggestions a day, ending yesterday), opened
as the app opens it. Each period is timed warm (one untimed call first) over `--runs` calls;
prints the median, min and max, the total counted, and the same figures when the ids are
not in received_at order (one backdated suggestion in the period, on a scratch copy, which
makes the report find and subtract the out-of-order rows). Asserts nothing.

    python -m bench.bench_reports --rows 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import time

from bench.gen_data import OUT, ensure_db
from station_app.followup.reports import month_bounds, station_stats
from station_app.services.common import first_admin
from station_app.store import Station
from station_app.store.models import Operator


def _last_day(station: Station) -> dt.date:
    with station.db.read() as s:
        last = s.connection().exec_driver_sql("SELECT max(received_at) FROM suggestion").scalar()
    return dt.date.fromisoformat(str(last)[:10])


def _time(station: Station, actor: Operator, start: dt.date, end: dt.date, runs: int) -> str:
    stats = station_stats(station, actor, start=start, end=end)  # warm-up
    times: list[float] = []
    for _ in range(runs):
        t = time.perf_counter()
        stats = station_stats(station, actor, start=start, end=end)
        times.append((time.perf_counter() - t) * 1000)
    return (
        f"{start} .. {end}  rows={stats.total:>8,}  median {statistics.median(times):7.1f} ms  "
        f"min {min(times):7.1f}  max {max(times):7.1f}"
    )


NAIVE = (
    "SELECT substr(received_at, 1, 7), channel, category_code, status, campaign_code, "
    "count(*) FROM suggestion WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3, 4, 5"
)


def _naive(station: Station, start: dt.date, end: dt.date) -> str:
    """The obvious one-query GROUP BY (reads every row of the period), for comparison."""
    bounds = (start.isoformat(), (end + dt.timedelta(days=1)).isoformat())
    times: list[float] = []
    with station.db.read() as s:
        conn = s.connection()
        conn.exec_driver_sql(NAIVE, bounds).fetchall()
        for _ in range(3):
            t = time.perf_counter()
            conn.exec_driver_sql(NAIVE, bounds).fetchall()
            times.append((time.perf_counter() - t) * 1000)
    return f"one GROUP BY over the rows: median {statistics.median(times):7.1f} ms"


def _periods(last: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    month_start, month_end = month_bounds(last.year, last.month)
    prev = month_start - dt.timedelta(days=1)
    full_start, full_end = month_bounds(prev.year, prev.month)
    before = month_start - dt.timedelta(days=335)  # 11 months back, then its first day
    year_start = dt.date(before.year, before.month, 1)
    return [
        ("month (last full)", full_start, full_end),
        ("month (current)", month_start, month_end),
        ("year (12 months)", year_start, month_end),
    ]


def run(rows: int, runs: int) -> None:
    folder = ensure_db(rows)
    station = Station.open(folder)
    try:
        with station.db.read() as s:
            actor = first_admin(s)
        last = _last_day(station)
        print(f"station_stats on {rows:,} rows (last received {last}), {runs} runs each")
        for name, start, end in _periods(last):
            print(f"  {name:18s} {_time(station, actor, start, end, runs)}")
            print(f"  {'':18s} {_naive(station, start, end)}")
    finally:
        station.close()

    # the slower path: ids not in received_at order inside the period
    scratch = OUT / f"reports-scratch-{rows}"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch)
    station = Station.open(scratch)
    try:
        with station.db.write() as s:
            s.connection().exec_driver_sql(
                "UPDATE suggestion SET received_at = ? WHERE id = (SELECT max(id) FROM suggestion)",
                (f"{(last - dt.timedelta(days=400)).isoformat()}T10:00:00+08:00",),
            )
        with station.db.read() as s:
            actor = first_admin(s)
        print("  with one backdated suggestion (stray ids subtracted):")
        for name, start, end in _periods(last):
            print(f"  {name:18s} {_time(station, actor, start, end, runs)}")
    finally:
        station.close()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.bench_reports")
    p.add_argument("--rows", type=int, action="append", help="default 1000000")
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args(argv)
    for rows in args.rows or [1_000_000]:
        run(rows, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
