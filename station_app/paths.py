"""Where the station's data lives: one folder, chosen in one place."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from station_app.atomic import FOLDER_MODE, POSIX, private_folder

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

    def ensure(self) -> None:
        """Make the folders, owner-only (an older data folder made 0755 is tightened)."""
        for folder in (self.root, self.scans, self.quarantine, self.logs, self.tmp):
            private_folder(folder)
            if POSIX and folder.stat().st_mode & 0o777 != FOLDER_MODE:
                folder.chmod(FOLDER_MODE)
