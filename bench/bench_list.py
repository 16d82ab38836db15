"""List view benchmark: open the suggestion list on a big station, scroll, measure.

Prints: time from creating the list screen to its first page painted (target < 300 ms),
time to reach row 10,000 by scrolling to the bottom again and again (each time the view asks
the model for one more page on a worker thread), the longest UI event-loop stall meanwhile
(a QTimer ticking every 5 ms records the largest gap between ticks; target < 50 ms), the same
for a search, and the process's peak RSS (target < 250 MB).

    python -m bench.bench_list                # 1M rows from bench.gen_data (built once)
    python -m bench.bench_list --rows 100000
    python -m bench.bench_list --demo 5000    # no generator: a demo station in a temp folder
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from station_app.store import Station  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.screens.suggestion_list import SuggestionListScreen  # noqa: E402


class StallMeter:
    """Largest gap between ticks of a 5 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.worst = 0
        self._last = 0

    def start(self) -> None:
        self.worst = 0
        self.clock.start()
        self._last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.worst


def wait_until(app: QApplication, cond, timeout_s: float = 60.0) -> None:
    end = time.perf_counter() + timeout_s
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("benchmark step did not finish")
        # sleeps until an event arrives (the 5 ms meter tick at the latest): no busy loop
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def data_folder(args: argparse.Namespace) -> tuple[Path, str]:
    if args.demo:
        from station_app.demo import load_demo

        folder = Path(tempfile.mkdtemp(prefix="bench-list-")) / "data"
        st = Station.open(folder)
        load_demo(st, args.demo)
        st.close()
        return folder, f"demo station, {args.demo:,} rows"
    from bench.gen_data import ensure_db

    return ensure_db(args.rows), f"bench.gen_data, {args.rows:,} rows"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.bench_list")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--demo", type=int, default=0, help="use a demo station of N rows instead")
    p.add_argument("--scroll-to", type=int, default=10_000)
    p.add_argument("--query", default="停车")
    args = p.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv)
    folder, source = data_folder(args)
    from ui.app import MainThreadGC

    collector = MainThreadGC(app)  # as the app runs: GC on the UI thread only, start frozen
    rss_before = peak_rss_mb()
    station = Station.open(folder)
    ctx = AppContext(station=station)
    meter = StallMeter()
    meter.start()  # also wakes wait_until every 5 ms

    # 1. open: screen created -> first page painted
    t0 = time.perf_counter()
    screen = SuggestionListScreen(ctx)
    screen.resize(1280, 720)
    screen.show()
    wait_until(app, lambda: screen.model.rowCount() > 0)
    screen.table.viewport().repaint()
    open_ms = (time.perf_counter() - t0) * 1000
    wait_until(app, lambda: screen.model.total is not None)
    count_ms = (time.perf_counter() - t0) * 1000
    all_total = screen.model.total or 0

    # 2. scroll: bottom, wait for the next page, again, until the target row is loaded
    model, bar = screen.model, screen.table.verticalScrollBar()
    meter.start()
    t0 = time.perf_counter()
    while model.rowCount() < args.scroll_to and model.canFetchMore():
        before, old_max = model.rowCount(), bar.maximum()
        bar.setValue(bar.maximum())  # the view asks the model for more at the bottom
        wait_until(app, lambda b=before: model.rowCount() > b or not model.canFetchMore())
        # let the view lay out the new rows so that "bottom" moves down
        wait_until(app, lambda m=old_max: bar.maximum() > m or not model.canFetchMore())
    screen.table.scrollTo(model.index(min(args.scroll_to, model.rowCount()) - 1, 0))
    app.processEvents()
    scroll_ms = (time.perf_counter() - t0) * 1000
    scroll_stall = meter.stop()
    loaded = model.rowCount()

    # 3. a search typed into the box (debounce included), first page of hits shown
    meter.start()
    t0 = time.perf_counter()
    screen.search.setText(args.query)
    wait_until(app, lambda: model.query == args.query and not model.is_loading)
    search_ms = (time.perf_counter() - t0) * 1000
    hits = model.rowCount()
    wait_until(app, lambda: model.total is not None, timeout_s=120)
    search_count_ms = (time.perf_counter() - t0) * 1000
    search_stall = meter.stop()

    print(f"data: {source} ({folder})")
    print(f"open list -> first page painted: {open_ms:7.1f} ms   (target < 300 ms)")
    print(f"  total count ({all_total:,}) shown after {count_ms:.0f} ms")
    print(
        f"scroll to row {args.scroll_to:,}: {scroll_ms:7.1f} ms, {loaded:,} rows loaded, "
        f"longest event-loop stall {scroll_stall} ms   (target < 50 ms)"
    )
    print(
        f"search {args.query!r}: first {hits} hits in {search_ms:.0f} ms "
        f"(incl. {screen._debounce.interval()} ms debounce), count {model.total:,} "
        f"after {search_count_ms:.0f} ms, longest stall {search_stall} ms"
    )
    print(
        f"peak RSS: {peak_rss_mb():.0f} MB (before opening the station: {rss_before:.0f} MB)"
        "   (target < 250 MB)"
    )
    screen.close()
    collector.timer.stop()
    for pool in (model._page_pool, model._count_pool):
        pool.waitForDone()
    station.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
