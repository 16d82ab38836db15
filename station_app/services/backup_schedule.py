"""Automatic daily backups to a folder the administrator chooses (a second disk, a USB stick),
keeping the newest N, with the last success and the last problem remembered.

The choice and the outcome live in `backup.json` in the data folder (not in the database:
they must survive a damaged database and a restore, which would bring back an older state).
`scheduled_backup` runs from the daily maintenance (`maintenance.daily_maintenance`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from station_app.atomic import write_bytes
from station_app.errors import StationError, os_reason
from station_app.paths import DataDir

log = logging.getLogger(__name__)
SETTINGS_FILE = "backup.json"
PREFIX = "station-backup-"
SUFFIX = ".zip"
DEFAULT_KEEP = 14
EVERY = dt.timedelta(days=1)
OVERDUE_AFTER = dt.timedelta(days=2)


@dataclass
class BackupSettings:
    folder: str = ""  # empty: no automatic backups chosen yet
    keep: int = DEFAULT_KEEP
    last_success_at: str = ""  # ISO time, UTC
    last_file: str = ""
    last_error: str = ""
    last_attempt_at: str = ""

    @classmethod
    def load(cls, data: DataDir) -> BackupSettings:
        try:
            raw = json.loads((data.root / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, data: DataDir) -> None:
        write_bytes(data.root / SETTINGS_FILE, json.dumps(asdict(self), indent=1).encode())


def choose_folder(data: DataDir, folder: str | Path, keep: int = DEFAULT_KEEP) -> BackupSettings:
    """The administrator picks where the daily backups go and how many are kept."""
    settings = BackupSettings.load(data)
    settings.folder = str(Path(folder).expanduser()) if str(folder).strip() else ""
    settings.keep = max(1, min(int(keep), 365))
    settings.save(data)
    return settings


def _parse(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def is_overdue(settings: BackupSettings, now: dt.datetime) -> bool:
    """A folder is chosen and the last good backup is older than two days (or never ran)."""
    if not settings.folder:
        return False
    last = _parse(settings.last_success_at)
    return last is None or now - last > OVERDUE_AFTER


def is_due(settings: BackupSettings, now: dt.datetime) -> bool:
    last = _parse(settings.last_success_at)
    return bool(settings.folder) and (last is None or now - last >= EVERY)


def backup_now(data: DataDir, key: bytes | None, now: dt.datetime) -> Path:
    """One backup into the chosen folder, then the oldest beyond `keep` removed. The outcome
    (success or the problem, in words) is remembered for the settings screen."""
    from station_app.services.backups import backup

    settings = BackupSettings.load(data)
    if not settings.folder:
        raise StationError("error.backup", detail="no backup folder chosen")
    settings.last_attempt_at = now.isoformat(timespec="seconds")
    folder = Path(settings.folder)
    name = f"{PREFIX}{now.astimezone(dt.UTC).strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
    try:
        if not folder.is_dir():
            raise StationError("backup.folder_missing", folder=folder)
        out = backup(data, folder / name, key)
    except StationError as exc:
        settings.last_error = exc.message()
        settings.save(data)
        raise
    except OSError as exc:
        settings.last_error = os_reason(exc)
        settings.save(data)
        raise StationError("error.backup", detail=settings.last_error) from exc
    settings.last_success_at = settings.last_attempt_at
    settings.last_file = str(out)
    settings.last_error = ""
    settings.save(data)
    rotate(folder, settings.keep)
    return out


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep` (only files this app named)."""
    ours = sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
    gone = ours[: max(len(ours) - keep, 0)]
    for old in gone:
        old.unlink(missing_ok=True)
    return gone


def scheduled_backup(data: DataDir, key: bytes | None, now: dt.datetime) -> Path | None:
    """The daily maintenance's backup: made when a folder is chosen and a day has passed."""
    settings = BackupSettings.load(data)
    if not is_due(settings, now):
        return None
    return backup_now(data, key, now)
