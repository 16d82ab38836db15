"""Backup, restore and health check of the station's database.

Backups use SQLite's online backup API (consistent while the app runs) and are verified with
`PRAGMA integrity_check` before they are given their final name. With the station's key
they are encrypted with that same key (a backup opens only where the key is, or with the
recovery key); restoring an old unencrypted backup encrypts it on the way in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from station_app.clock import SystemClock
from station_app.errors import BackupError
from station_app.paths import DataDir
from station_app.security.dbcrypt import file_state
from station_app.security.messages import KeyMissing, KeyWrong
from station_app.store import migrations
from station_app.store.engine import connect_raw, is_disk_full


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _integrity(conn: object) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()  # type: ignore[attr-defined]
    return "; ".join(r[0] for r in rows)


def _copy(src_path: Path, dst_path: Path, key: bytes | None) -> None:
    """Copy one database into a fresh file with the backup API, then fsync it.
    With a key, the copy is encrypted with it (pages are copied encrypted); an unencrypted
    source (a backup from before encryption) is exported into an encrypted copy."""
    if dst_path.exists():
        dst_path.unlink()
    if key is not None and file_state(src_path) == "plain":
        _export_encrypted(src_path, dst_path, key)
        return
    src = connect_raw(src_path, key)
    dst = connect_raw(dst_path, key)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    _fsync_file(dst_path)


def _export_encrypted(src_path: Path, dst_path: Path, key: bytes) -> None:
    src = connect_raw(src_path, None)
    try:
        version = migrations.current_version(src)
        escaped = str(dst_path).replace("'", "''")
        src.execute(f"ATTACH DATABASE '{escaped}' AS enc KEY \"x'{key.hex()}'\"")
        src.execute("SELECT sqlcipher_export('enc')")
        src.execute(f"PRAGMA enc.user_version = {int(version)}")
        src.execute("DETACH DATABASE enc")
    finally:
        src.close()
    _fsync_file(dst_path)


def backup(data: DataDir, out: Path, key: bytes | None = None) -> Path:
    """Write a verified backup of the station database to `out`."""
    out = Path(out).resolve()
    tmp = out.with_name(f".{out.name}.part")
    try:
        _copy(data.database, tmp, key)
        conn = connect_raw(tmp, key)
        try:
            result = _integrity(conn)
        finally:
            conn.close()
        if result != "ok":
            raise BackupError(detail=result)
        os.replace(tmp, out)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(detail="disk full" if is_disk_full(exc) else str(exc)) from exc
    return out


def restore(data: DataDir, source: Path, key: bytes | None = None) -> Path:
    """Replace the station database with a verified backup; the old one is kept aside.

    The app must not be running on this data folder (the CLI checks with the GUI lock).
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(detail=f"{source} not found")
    try:
        conn = connect_raw(source, None if file_state(source) == "plain" else key)
        try:
            result = _integrity(conn)
            version = migrations.current_version(conn)
            has_station = conn.execute(
                "SELECT count(*) FROM setting WHERE key='station.code'"
            ).fetchone()[0]
        finally:
            conn.close()
    except (BackupError, KeyMissing):
        raise
    except KeyWrong:
        raise BackupError(detail="made with another key (another station or data folder)") from None
    except Exception as exc:
        raise BackupError(detail=f"not a station backup ({exc})") from exc
    if result != "ok":
        raise BackupError(detail=result)
    if version > migrations.LATEST or not has_station:
        raise BackupError(detail="not a station backup of a known version")
    stamp = SystemClock().now().strftime("%Y%m%d-%H%M%S")
    kept = data.root / f"station.before-restore-{stamp}.db"
    if data.database.exists():
        _copy(data.database, kept, key)
    staged = data.root / ".restore.part"
    _copy(source, staged, key)
    for suffix in ("-wal", "-shm"):
        Path(str(data.database) + suffix).unlink(missing_ok=True)
    os.replace(staged, data.database)
    conn = connect_raw(data.database, key)
    try:
        migrations.migrate(conn)
    finally:
        conn.close()
    return kept


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def add(self, good: bool, line: str) -> None:
        self.ok = self.ok and good
        self.lines.append(("✓ " if good else "✗ ") + line)


def check(data: DataDir, key: bytes | None = None) -> CheckReport:
    """Integrity, foreign keys, search index coverage, stored scans, outbox."""
    report = CheckReport()
    state = file_state(data.database)
    report.add(
        key is None or state == "encrypted",
        "database encrypted (SQLCipher)" if state == "encrypted" else "database NOT encrypted",
    )
    conn = connect_raw(data.database, key)
    try:
        result = _integrity(conn)
        report.add(result == "ok", f"integrity_check: {result}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        report.add(not fk, f"foreign keys: {len(fk)} problems")
        version = migrations.current_version(conn)
        report.add(version == migrations.LATEST, f"schema v{version} (app v{migrations.LATEST})")
        n = conn.execute("SELECT count(*) FROM suggestion").fetchone()[0]
        missing = conn.execute(
            "SELECT count(*) FROM suggestion WHERE id NOT IN (SELECT rowid FROM suggestion_fts)"
        ).fetchone()[0]
        report.add(missing == 0, f"search index covers {n - missing}/{n} suggestions")
        pending = conn.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
        failing = conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts >= 5"
        ).fetchone()[0]
        report.add(True, f"outbox: {pending} waiting to send, {failing} failing repeatedly")
        scans = conn.execute("SELECT sha256 FROM scan WHERE purged_at IS NULL").fetchall()
        absent = [s for (s,) in scans if not (data.scans / s[:2] / s).exists()]
        report.add(not absent, f"scans on disk: {len(scans) - len(absent)}/{len(scans)}")
    finally:
        conn.close()
    return report
