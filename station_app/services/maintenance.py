"""The station's health: `check`, the check at start, `salvage`, and the daily maintenance.

`health_check` runs SQLite's quick_check (at start, in the background, and daily); a damaged
file is marked (`store.damage`), which stops writing until it is salvaged or restored.
`daily_maintenance` is what the app runs at start and then every hour (each part acts at
most once a day): the health check, the retention purge, and the automatic backup.
Backups and restore themselves are in `services.backups`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from station_app.atomic import sync_folder
from station_app.clock import SystemClock
from station_app.dbapi import Connection
from station_app.errors import StationError
from station_app.paths import DataDir, app_closed
from station_app.security.dbcrypt import file_state
from station_app.services import backup_messages  # noqa: F401  # registers the messages
from station_app.services.backup_schedule import BackupSettings, is_overdue, scheduled_backup
from station_app.store import Station, migrations
from station_app.store.damage import (
    DatabaseDamaged,
    clear_damage,
    damage_note,
    is_malformed,
    mark_damaged,
    quick_check,
)
from station_app.store.engine import connect_raw
from station_app.store.salvage import SalvageReport, salvage

log = logging.getLogger(__name__)
_last_health: dict[Path, dt.datetime] = {}


@dataclass
class CheckReport:
    ok: bool = True
    damaged: bool = False
    lines: list[str] = field(default_factory=list)

    def add(self, good: bool, line: str) -> None:
        self.ok = self.ok and good
        self.lines.append(("✓ " if good else "✗ ") + line)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def check(data: DataDir, key: bytes | None = None) -> CheckReport:
    """Integrity, foreign keys, search index coverage, stored scans, outbox. A damaged file
    is reported (and marked damaged), never a traceback; a clean integrity_check clears an
    earlier damage mark."""
    report = CheckReport()
    state = file_state(data.database)
    report.add(
        key is None or state == "encrypted",
        "database encrypted (SQLCipher)" if state == "encrypted" else "database NOT encrypted",
    )
    try:
        conn = connect_raw(data.database, key)
    except DatabaseDamaged as exc:
        report.add(False, exc.message())
        report.damaged = True
        return report
    integrity = ""
    steps = [
        ("integrity_check", _integrity_step),
        ("foreign keys", _fk_step),
        ("schema", _schema_step),
        ("search index", _index_step),
        ("outbox", _outbox_step),
        ("scans", _scans_step),
    ]
    try:
        for name, step in steps:
            try:
                result = step(conn, data, report)
                if name == "integrity_check":
                    integrity = result
            except Exception as exc:  # noqa: BLE001  # every finding is reported, none raised
                report.add(False, f"{name}: {_first_line(exc)}")
                if is_malformed(exc):
                    report.damaged = True
                    conn.close()
                    conn = connect_raw(data.database, key)
    finally:
        conn.close()
    if integrity != "ok":
        report.damaged = True
    if report.damaged:
        mark_damaged(data.database, "check", integrity or "malformed")
    else:
        clear_damage(data.database)
    return report


def _integrity_step(conn: Connection, _data: DataDir, report: CheckReport) -> str:
    rows = conn.execute("PRAGMA integrity_check(10)").fetchall()
    result = "; ".join(r[0] for r in rows).replace("\n", " ")
    report.add(result == "ok", f"integrity_check: {result[:300]}")
    return result


def _fk_step(conn: Connection, _data: DataDir, report: CheckReport) -> str:
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    report.add(not fk, f"foreign keys: {len(fk)} problems")
    return ""


def _schema_step(conn: Connection, _data: DataDir, report: CheckReport) -> str:
    version = migrations.current_version(conn)
    report.add(version == migrations.LATEST, f"schema v{version} (app v{migrations.LATEST})")
    return ""


def _index_step(conn: Connection, _data: DataDir, report: CheckReport) -> str:
    c = conn
    n = c.execute("SELECT count(*) FROM suggestion").fetchone()[0]
    missing = c.execute(
        "SELECT count(*) FROM suggestion WHERE id NOT IN (SELECT rowid FROM suggestion_fts)"
    ).fetchone()[0]
    report.add(missing == 0, f"search index covers {n - missing}/{n} suggestions")
    return ""


def _outbox_step(conn: Connection, _data: DataDir, report: CheckReport) -> str:
    c = conn
    pending = c.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
    failing = c.execute(
        "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts >= 5"
    ).fetchone()[0]
    report.add(True, f"outbox: {pending} waiting to send, {failing} failing repeatedly")
    return ""


def _scans_step(conn: Connection, data: DataDir, report: CheckReport) -> str:
    scans = conn.execute("SELECT sha256 FROM scan WHERE purged_at IS NULL").fetchall()
    absent = [s for (s,) in scans if not (data.scans / s[:2] / s).exists()]
    report.add(not absent, f"scans on disk: {len(scans) - len(absent)}/{len(scans)}")
    return ""


def health_check(
    data: DataDir, key: bytes | None, found_by: str, structure: bool = True
) -> str | None:
    """Check the station file (every page's HMAC; with `structure` also SQLite's
    quick_check): None when healthy, else what was found, and the file is marked damaged
    so writing stops."""
    _last_health[data.database] = dt.datetime.now(dt.UTC)
    if damage_note(data.database) is not None:
        return "marked damaged"
    try:
        conn = connect_raw(data.database, key)
    except DatabaseDamaged:
        return "first page"
    try:
        result = quick_check(conn, encrypted=key is not None, structure=structure or key is None)
    finally:
        conn.close()
    if result == "ok":
        return None
    mark_damaged(data.database, found_by, result)
    return result


@dataclass
class SalvageOutcome:
    report: SalvageReport
    kept: Path | None = None  # the damaged file, byte for byte (when salvaged in place)


def salvage_station(data: DataDir, key: bytes | None, out: Path | None = None) -> SalvageOutcome:
    """`salvage -o NEW.db`: write what can be read into NEW.db. Without `out`: the same
    into the data folder, then the damaged file is kept aside (unchanged) and the new one
    takes its place: refused while the app is open on this data folder (`paths.app_closed`)."""
    if out is not None:
        return SalvageOutcome(salvage(data.database, key, Path(out).resolve()))
    with app_closed(data):
        return _salvage_in_place(data, key)


def _salvage_in_place(data: DataDir, key: bytes | None) -> SalvageOutcome:
    from station_app.services.backups import _keep_aside

    stamp = SystemClock().now().strftime("%Y%m%d-%H%M%S")
    fresh = data.root / f".station.salvaged-{stamp}.db"
    report = salvage(data.database, key, fresh)
    kept = _keep_aside(data, stamp, "damaged")
    for suffix in ("-wal", "-shm"):
        Path(f"{data.database}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, data.database)
    report.out = data.database
    sync_folder(data.root)
    clear_damage(data.database)
    return SalvageOutcome(report, kept)


@dataclass
class DailyResult:
    damaged: bool = False
    backup: Path | None = None
    backup_error: str = ""
    backup_overdue: bool = False
    purged: int = 0


def daily_maintenance(station: Station) -> DailyResult:
    """Run at start and hourly by the app; each part acts when due (at most daily)."""
    from station_app.services.retention import scheduled_purge

    data, now, key = station.data, station.clock.now(), station.db.key
    result = DailyResult()
    last = _last_health.get(data.database)
    if last is None or dt.datetime.now(dt.UTC) - last >= dt.timedelta(days=1):
        result.damaged = health_check(data, key, "daily") is not None
    else:
        result.damaged = damage_note(data.database) is not None
    if not result.damaged:
        try:
            report = scheduled_purge(station)
            result.purged = len(report.suggestion_ids) if report else 0
        except StationError as exc:
            log.warning("scheduled purge failed: %s", exc.key)
        try:
            result.backup = scheduled_backup(data, key, now)
        except StationError as exc:
            result.backup_error = exc.message()
            log.warning("automatic backup failed: %s", exc.key)
    result.backup_overdue = is_overdue(BackupSettings.load(data), now)
    return result
