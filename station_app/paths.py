"""Where the station's data lives: one folder, chosen in one place."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from station_app.atomic import FOLDER_MODE, POSIX, private_folder

if TYPE_CHECKING:
    from filelock import FileLock

APP_NAME = "station-app"
ENV_DATA_DIR = "STATION_APP_DATA"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then $STATION_APP_DATA, then the platform's user data folder."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path.expanduser().resolve()


class DataDir:
    """Names of everything inside the data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def database(self) -> Path:
        return self.root / "station.db"

    @property
    def scans(self) -> Path:
        return self.root / "scans"

    @property
    def quarantine(self) -> Path:
        return self.root / "could-not-read"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def tmp(self) -> Path:
        """Our own temp folder, inside the (encrypted-at-rest) data folder, never /tmp."""
        return self.root / "tmp"

    @property
    def config(self) -> Path:
        return self.root / "config.json"

    @property
    def sync_lock(self) -> Path:
        return self.root / "sync.lock"

    @property
    def app_lock(self) -> Path:
        """Held by the open app window (one per data folder), and by `restore` and an
        in-place `salvage` while they replace the database file (`app_closed`)."""
        return self.root / "ui.lock"

    def ensure(self) -> None:
        """Make the folders, owner-only (an older data folder made 0755 is tightened)."""
        for folder in (self.root, self.scans, self.quarantine, self.logs, self.tmp):
            private_folder(folder)
            if POSIX and folder.stat().st_mode & 0o777 != FOLDER_MODE:
                folder.chmod(FOLDER_MODE)


def take_app_lock(data: DataDir) -> FileLock | None:
    """The data folder's app lock, held by the caller until released; None when someone
    holds it (the app window is open, or a restore is running). One window per folder."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(data.app_lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    return lock


@contextmanager
def app_closed(data: DataDir) -> Iterator[None]:
    """Hold the app's lock while the database file is replaced (restore, in-place salvage):
    with the app open on this folder it would go on writing to the file just replaced, and
    what it saved after would be lost (on Windows the replace fails on the open file).
    Raises `StationError("error.app_open")` when the app is open; the app cannot start
    meanwhile (it is told the folder is in use)."""
    from station_app.errors import StationError

    lock = take_app_lock(data)
    if lock is None:
        raise StationError("error.app_open", folder=str(data.root))
    try:
        yield
    finally:
        lock.release()
