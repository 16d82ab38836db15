"""The station's sync client: enrolment, one sync run, and the `station-app sync` command.

Public API for the UI (call from a background worker, never the UI thread):

    from sync.client import enrol, sync_now
    from station_app.services.outbox import sync_status   # pure DB, fine on the UI thread

    enrol(station, "https://hq.example.cn", "ABCD-EFGH-JKLM", ca_file=None)
    report = sync_now(station, progress=lambda phase, done, total: ..., cancel=event)
    report.ok, report.summary(), report.error_text()
"""

from __future__ import annotations

from sync.client.engine import SyncReport, sync_now
from sync.client.enrol import enrol

__all__ = ["SyncReport", "enrol", "sync_now"]
