"""Sessions on the save and send paths: what a speaker's suggestion costs next to an ordinary
one, in the same run.

    .venv/bin/python -m bench.bench_sessions [--rows 2000] [--repeat 5]

Prints, for `--rows` ordinary suggestions and as many session speakers (10 per session) on
one station:
- save: median ms per `record_suggestion` vs `sessions.record_speaker` (both one transaction
  with index, history, outbox and audit; the speaker also reads its session's body);
- send bodies: ms per 250-item batch of `outbox.pending_suggestions` for each kind (the
  speaker's body carries the session, read with one extra query per batch), best of
  `--repeat`;
- downgrade: µs per body of `hq_contract.body_for("1.0.0", ...)` (a 1.0 HQ: channel other,
  the session among the answers, the hash recomputed).
Each line gives the speaker / ordinary ratio measured in this run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from station_app.clock import CHINA_TZ, FixedClock
from station_app.demo import generate_forms
from station_app.services import outbox
from station_app.services.hq_contract import body_for
from station_app.services.sessions import SessionForm, record_session, record_speaker
from station_app.services.setup import init_station
from station_app.services.suggestions import record_suggestion
from station_app.store import Station

BATCH = 250


def _station(root: Path) -> tuple[Station, object]:
    clock = FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=CHINA_TZ))
    station = Station.open(root, clock=clock)
    admin = init_station(
        station, code="BENCH01", name="基准站", district="区", street="街道",
        admin_name="管理员", admin_pin="2468",
    )  # fmt: skip
    return station, admin


def _drain(station: Station) -> float:
    """ms per batch to read every waiting body (what a sync does before each POST)."""
    after, batches, took = 0, 0, 0.0
    while True:
        t = time.perf_counter()
        batch = outbox.pending_suggestions(station, BATCH, after)
        took += time.perf_counter() - t
        if not batch:
            break
        after = batch[-1].outbox_id
        batches += 1
    return took * 1000 / max(batches, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # two stations: the same number of rows of one kind each, so batches compare alike
        plain, admin = _station(Path(tmp) / "plain")
        speakers, admin2 = _station(Path(tmp) / "speakers")
        forms = generate_forms(args.rows * 2, seed=11)
        save_plain: list[float] = []
        save_speaker: list[float] = []
        session_id = 0
        for i in range(args.rows):
            form = next(forms)
            t = time.perf_counter()
            record_suggestion(plain, admin, form)  # type: ignore[arg-type]
            save_plain.append(time.perf_counter() - t)
            if i % 10 == 0:
                session_id = record_session(
                    speakers, admin2,  # type: ignore[arg-type]
                    SessionForm(topic=f"议事会 {i // 10}", place="活动室", host="李主任",
                                attendees=20),
                ).id  # fmt: skip
            form = next(forms)
            t = time.perf_counter()
            record_speaker(speakers, admin2, session_id, form)  # type: ignore[arg-type]
            save_speaker.append(time.perf_counter() - t)
        p, s = statistics.median(save_plain) * 1000, statistics.median(save_speaker) * 1000
        print(f"save, median ms: ordinary {p:.2f}, speaker {s:.2f} (ratio {s / p:.2f})")
        best_p = min(_drain(plain) for _ in range(args.repeat))
        best_s = min(_drain(speakers) for _ in range(args.repeat))
        print(
            f"send bodies, ms per {BATCH}-item batch (best of {args.repeat}): "
            f"ordinary {best_p:.2f}, speaker {best_s:.2f} (ratio {best_s / best_p:.2f})"
        )
        bodies = [b.body for b in outbox.pending_suggestions(speakers, BATCH)]
        plain_bodies = [b.body for b in outbox.pending_suggestions(plain, BATCH)]
        t = time.perf_counter()
        for body in bodies:
            body_for("1.0.0", body)
        down = (time.perf_counter() - t) / len(bodies) * 1e6
        t = time.perf_counter()
        for body in plain_bodies:
            body_for("1.0.0", body)
        same = (time.perf_counter() - t) / len(plain_bodies) * 1e6
        print(f"downgrade for a 1.0 HQ, µs per body: speaker {down:.1f}, ordinary {same:.2f}")
        plain.close()
        speakers.close()


if __name__ == "__main__":
    main()
