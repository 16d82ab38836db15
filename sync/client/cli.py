"""`station-app enrol`, `station-app sync` and `station-app sync-status`.

Exit codes of `sync` (for the OS scheduler): 0 done; 1 not done, will be retried (HQ
unreachable, something refused: see the message); 4 needs an administrator (not enrolled,
or HQ refused our token); 75 another sync of this station is running (skipped).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import threading
from typing import Any

from station_app.i18n import tr
from station_app.services import outbox
from station_app.sync_protocol import EXIT_BUSY, EXIT_NEEDS_ADMIN, Progress
from sync.client.engine import BATCH_SIZE, NEEDS_ADMIN_KEYS, SyncReport, sync_now


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("enrol", parents=[common], help="enrol this station with HQ (admin)")
    p.add_argument("--hq", required=True, help="HQ address, e.g. https://hq.example.cn")
    p.add_argument(
        "--code", required=True, help="the one-time enrolment code from HQ ('-' reads stdin)"
    )
    p.add_argument("--ca-file", help="a CA certificate file for HQ's TLS (if not public)")
    p.add_argument(
        "--allow-http",
        action="store_true",
        help="allow a plain http:// HQ address (unencrypted; a protected internal network only)",
    )
    p.set_defaults(func=cmd_enrol)

    p = sub.add_parser("sync", parents=[common], help="send to HQ and fetch HQ's updates")
    p.add_argument("--once", action="store_true", help="one sync, then exit (the default)")
    p.add_argument(
        "--every", type=float, metavar="MINUTES", help="keep running, one sync every MINUTES"
    )
    p.add_argument("--retry-failed", action="store_true", help="offer held items again (admin)")
    p.add_argument(
        "--spread",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="first wait a random 0..SECONDS (a city's */15 schedules then do not all reach "
        "HQ in the same second; e.g. 300)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--progress",
        action="store_true",
        help='print progress as JSON lines {"progress": {"phase", "done", "total"}} (for the app)',
    )
    p.add_argument(
        "--batch-size", type=int, default=BATCH_SIZE, help="suggestions per request (1-500)"
    )
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("sync-status", parents=[common], help="queued/sent/failed, last error")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)


def _open(args: argparse.Namespace) -> Any:
    from station_app.cli_common import open_station

    return open_station(args)


def cmd_enrol(args: argparse.Namespace) -> int:
    from sync.client.enrol import enrol, is_loopback

    code_text = sys.stdin.readline().strip() if args.code == "-" else args.code
    if args.allow_http and args.hq.strip().startswith("http://") and not is_loopback(args.hq):
        print(tr("sync.warn.plain_http", url=args.hq.strip()), file=sys.stderr)
    station = _open(args)
    try:
        code = enrol(station, args.hq, code_text, ca_file=args.ca_file, allow_http=args.allow_http)
    finally:
        station.close()
    print(tr("sync.enrolled", code=code))
    return 0


def _exit_code(report: SyncReport) -> int:
    if report.busy:
        return EXIT_BUSY
    if report.needs_admin or report.error_key in NEEDS_ADMIN_KEYS:
        return EXIT_NEEDS_ADMIN
    return 0 if report.ok else 1


def _print(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False), flush=True)
        return
    if report.busy:
        print(tr("sync.busy"), flush=True)
        return
    print(report.summary(), flush=True)
    if report.error_key:
        print(report.error_text(), file=sys.stderr, flush=True)


def _print_progress(phase: str, done: int, total: int) -> None:
    print(Progress(phase, done, total).to_line(), flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    station = _open(args)
    progress = _print_progress if args.progress else None
    cancel = threading.Event()
    # SIGTERM (systemd stop, Task Scheduler end) finishes the current request, then stops
    signal.signal(signal.SIGTERM, lambda *_: cancel.set())
    try:
        if spread_wait(args.spread, cancel):
            return 1  # stopped while waiting: nothing was sent, the next run sends it
        if args.retry_failed:
            outbox.retry_failed(station)
        while True:
            report = sync_now(
                station,
                progress,
                cancel=cancel,
                batch_size=max(1, min(500, args.batch_size)),
            )
            _print(report, args.json)
            if not args.every or cancel.is_set():
                return _exit_code(report)
            if cancel.wait(max(1.0, args.every * 60)):
                return _exit_code(report)
    except KeyboardInterrupt:
        return 1
    finally:
        station.close()


def spread_wait(spread: float, cancel: threading.Event, rng: random.Random | None = None) -> bool:
    """Wait a random 0..`spread` seconds; True if `cancel` was set meanwhile."""
    if spread <= 0:
        return cancel.is_set()
    return cancel.wait((rng or random).uniform(0.0, spread))


def cmd_status(args: argparse.Namespace) -> int:
    station = _open(args)
    try:
        st = outbox.sync_status(station)
    finally:
        station.close()
    data = {**st.__dict__, "last_error": st.last_error_text()}
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        for key in ("hq_url", "queued", "sent", "failed", "conflicts", "last_success_at"):
            print(f"{key}: {data[key]}")
        if st.last_error_key:
            print(f"last_error: {data['last_error']} ({st.last_error_at})")
    return EXIT_NEEDS_ADMIN if st.needs_admin else 0
