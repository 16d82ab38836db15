"""Backups that hold everything: the database and every stored scan, verified; restore.

A backup is one zip file (stored, not compressed: everything in it is already encrypted):
`station.db` (a copy made with SQLite's online backup API, consistent while the app runs,
encrypted with the station's key, checked with integrity_check), `scans/<xx>/<sha256>` (the
stored scans exactly as they are on disk, AES-GCM encrypted) and `manifest.json` (what is
in it). After writing, every member is read back against its CRC before the file gets its
final name. Old backups (a plain database file) still restore.

Restore keeps the current database byte for byte aside (a hard link, so nothing is copied
and nothing is rewritten), reads every readable record out of it (`store.salvage`), puts
the backup in place, and brings back the records that are newer than the backup. Scans in
the backup that the data folder lacks are put back; none is removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.atomic import private_file, private_folder, replacing, sync_folder
from station_app.clock import SystemClock
from station_app.dbapi import Connection
from station_app.errors import BackupError
from station_app.paths import DataDir, app_closed
from station_app.security.dbcrypt import file_state
from station_app.security.messages import KeyMissing, KeyWrong
from station_app.services import backup_messages  # noqa: F401  # registers the messages
from station_app.store import migrations
from station_app.store.damage import DatabaseDamaged, clear_damage
from station_app.store.engine import connect_raw, is_disk_full
from station_app.store.merge import NewerRows, bring_back
from station_app.store.salvage import SalvageReport, salvage

FORMAT = "station-app-backup/1"
DB_MEMBER = "station.db"
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _integrity(conn: Connection) -> str:
    return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())


def _copy_db(src_path: Path, dst_path: Path, key: bytes | None) -> None:
    """Copy one database into a fresh owner-only file with the backup API, then fsync it.
    With a key, the copy is encrypted with it; an unencrypted source (a backup from before
    encryption) is exported into an encrypted copy."""
    dst_path.unlink(missing_ok=True)
    private_file(dst_path)
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
    dst_path.unlink(missing_ok=True)  # sqlcipher_export wants to make the file itself
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


def _stored_scans(data: DataDir) -> list[Path]:
    if not data.scans.is_dir():
        return []
    return sorted(p for p in data.scans.glob("??/*") if p.is_file() and len(p.name) == 64)


def backup(data: DataDir, out: Path, key: bytes | None = None) -> Path:
    """Write a verified backup (database and every stored scan) to `out`."""
    out = Path(out).resolve()
    staged = data.tmp / f"backup-{os.getpid()}.db"
    try:
        private_folder(data.tmp)
        _copy_db(data.database, staged, key)
        conn = connect_raw(staged, key)
        try:
            result = _integrity(conn)
        finally:
            conn.close()
        if result != "ok":
            raise BackupError(detail=result)
        scans = _stored_scans(data)
        with replacing(out) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
                zf.write(staged, DB_MEMBER)
                for scan in scans:
                    zf.write(scan, f"scans/{scan.parent.name}/{scan.name}")
                manifest = {
                    "format": FORMAT,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "database": DB_MEMBER,
                    "scans": len(scans),
                }
                zf.writestr(MANIFEST, json.dumps(manifest))
            _verify_archive(tmp)
    except (BackupError, KeyMissing, KeyWrong, DatabaseDamaged):
        raise
    except Exception as exc:
        if is_disk_full(exc) or (isinstance(exc, OSError) and exc.errno == 28):
            raise BackupError(detail=_full_detail(out.parent, data)) from exc
        raise BackupError(detail=str(exc).splitlines()[0][:200]) from exc
    finally:
        staged.unlink(missing_ok=True)
    return out


def _full_detail(folder: Path, data: DataDir) -> str:
    from station_app.i18n import tr

    need = data.database.stat().st_size + sum(p.stat().st_size for p in _stored_scans(data))
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    return tr("backup.disk_full", folder=folder, need=_mb(need), free=_mb(free))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def _verify_archive(path: Path) -> dict[str, Any]:
    """Every member read back against its CRC, and the manifest's count of scans."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            if bad is not None:
                raise BackupError(detail=f"{bad}: CRC mismatch")
            manifest: dict[str, Any] = json.loads(zf.read(MANIFEST))
            names = zf.namelist()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupError(detail=f"not a station backup ({exc})") from exc
    scans = [n for n in names if n.startswith("scans/")]
    if manifest.get("format") != FORMAT or DB_MEMBER not in names:
        raise BackupError(detail="not a station backup")
    if len(scans) != manifest.get("scans"):
        raise BackupError(detail=f"{len(scans)} scans, the manifest says {manifest['scans']}")
    return manifest


@dataclass
class RestoreReport:
    kept: Path | None  # the database as it was, byte for byte (None: there was none)
    salvage: SalvageReport | None = None  # what could be read from it
    brought_back: NewerRows = field(default_factory=NewerRows)  # newer than the backup
    scans_restored: int = 0
    salvage_error: str = ""


def restore(data: DataDir, source: Path, key: bytes | None = None) -> RestoreReport:
    """Put a verified backup in place of the station database (and its missing scans back).

    The current file is kept aside unchanged; every record in it that the backup does not
    have is read out and brought back. Refused while the app is open on this data folder
    (`paths.app_closed`).
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(detail=f"{source} not found")
    with app_closed(data):
        return _restore(data, source, key)


def _restore(data: DataDir, source: Path, key: bytes | None) -> RestoreReport:
    staged = data.root / ".restore.part"
    archive = zipfile.is_zipfile(source)
    private_folder(data.root)
    if archive:
        _verify_archive(source)
        private_file(staged)
        with zipfile.ZipFile(source) as zf, zf.open(DB_MEMBER) as src, staged.open("wb") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
        _check_station_db(staged, key)
        _fsync_file(staged)
    else:
        _check_station_db(source, key)
        _copy_db(source, staged, key)
    stamp = SystemClock().now().strftime("%Y%m%d-%H%M%S")
    report = RestoreReport(kept=_keep_aside(data, stamp))
    salvaged = data.tmp / f"salvaged-{stamp}.db"
    if report.kept is not None:
        try:
            report.salvage = salvage(report.kept, key, salvaged, layout_from=staged)
        except Exception as exc:  # noqa: BLE001  # told to the user; the kept file stays
            report.salvage_error = str(exc).splitlines()[0][:200] if str(exc) else "unreadable"
    for suffix in ("-wal", "-shm"):
        Path(f"{data.database}{suffix}").unlink(missing_ok=True)
    os.replace(staged, data.database)
    sync_folder(data.root)
    clear_damage(data.database)
    conn = connect_raw(data.database, key)
    try:
        migrations.migrate(conn)
        if report.salvage is not None:
            report.brought_back = bring_back(conn, salvaged, key)
    finally:
        conn.close()
        salvaged.unlink(missing_ok=True)
    if archive:
        report.scans_restored = _restore_scans(data, source)
    return report


def _check_station_db(path: Path, key: bytes | None) -> None:
    try:
        conn = connect_raw(path, None if file_state(path) == "plain" else key)
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


def _keep_aside(data: DataDir, stamp: str, label: str = "before-restore") -> Path | None:
    """The current database (and its WAL, which may hold the newest records) under a new
    name, byte for byte: hard links where the file system has them, else copies."""
    if not data.database.exists() or data.database.stat().st_size == 0:
        return None
    kept = data.root / f"station.{label}-{stamp}.db"
    for suffix in ("", "-wal"):
        src, dst = Path(f"{data.database}{suffix}"), Path(f"{kept}{suffix}")
        if not src.exists():
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
            _fsync_file(dst)
    sync_folder(data.root)
    return kept


def _restore_scans(data: DataDir, source: Path) -> int:
    restored = 0
    with zipfile.ZipFile(source) as zf:
        for name in zf.namelist():
            parts = name.split("/")
            if len(parts) != 3 or parts[0] != "scans" or len(parts[2]) != 64:
                continue
            target = data.scans / parts[1] / parts[2]
            if target.exists():
                continue
            private_folder(target.parent)
            with replacing(target) as tmp, zf.open(name) as src, tmp.open("wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
            restored += 1
    return restored
