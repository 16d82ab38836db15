"""An open station: its data folder, database and clock. Services take one of these."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from station_app.atomic import private_file
from station_app.clock import Clock, SystemClock
from station_app.paths import DataDir, resolve_data_dir
from station_app.store import migrations
from station_app.store.engine import Database, connect_raw

log = logging.getLogger(__name__)


@dataclass
class Station:
    data: DataDir
    db: Database
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        clock: Clock | None = None,
        key: bytes | None = None,
    ) -> Station:
        """Open (creating if needed) the station in `data_dir` and migrate its schema."""
        data = DataDir(resolve_data_dir(data_dir))
        data.ensure()
        private_file(data.database)  # SQLite gives the -wal and -shm files the same mode
        conn = connect_raw(data.database, key)
        try:
            before = migrations.current_version(conn)
            after = migrations.migrate(conn)
            if after != before:
                log.info("schema migrated from v%s to v%s", before, after)
        finally:
            conn.close()
        return cls(data=data, db=Database(data.database, key), clock=clock or SystemClock())

    def close(self) -> None:
        self.db.dispose()
