"""The app's own garbage collection: young objects often, the old ones rarely, what lived at
start never again (a full collection over it stalled typing for 60-90 ms)."""

from __future__ import annotations

import gc

from ui.app import MainThreadGC


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_young_collections_often_full_ones_rarely(qapp) -> None:
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    collector = MainThreadGC(qapp, interval_ms=60_000)
    gc.callbacks.append(record)
    try:
        assert gc.get_freeze_count() > 10_000  # modules, Qt wrappers: out of every collection
        assert not gc.isenabled()
        t0, t1, t2 = gc.get_threshold()
        for _ in range((t1 + 1) * (t2 + 1)):  # timer ticks enough for one full collection
            for _ in range(t0 + 1):
                Cycle()
            collector.check()
        assert seen.count(0) >= t1 * t2 and t2 - 1 <= seen.count(1) <= t2 and seen.count(2) == 1
        before = len(seen)
        collector.check()  # nothing new made: no collection at all
        assert len(seen) == before
    finally:
        gc.callbacks.remove(record)
        collector.timer.stop()
        gc.unfreeze()
