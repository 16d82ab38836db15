"""For `make package-test`: put an installed station's data folder back to the schema the
previous release left (the latest migration undone, rows kept), so that the upgrade to the
newer build runs a real migration on data an older app wrote.

    python scripts/package_test_old_schema.py DATA_DIR KEY_FILE

DATA_DIR is the data folder as seen from here; KEY_FILE is a keyring file (the
ConfigFileKeyring format) holding its key under DATA_DIR's entry name. Prints the version it
left. The inverse of each migration that package-test may need to undo is written below;
adding a migration means adding its inverse here (package-test says so when it is missing).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# the schema step each version added, undone (the version before it comes back exactly)
UNDO: dict[int, list[str]] = {
    4: [
        "DROP TABLE suggestion_fts_vocab",
        "DROP INDEX ix_suggestion_link_to",
        "ALTER TABLE suggestion_link DROP COLUMN in_payload",
    ],
}


def main(argv: list[str]) -> int:
    data_dir, key_file = Path(argv[1]), argv[2]
    os.environ["STATION_APP_KEY_FILE"] = key_file
    os.environ["PYTHON_KEYRING_BACKEND"] = "station_app.security.keystore.ConfigFileKeyring"
    from station_app.paths import DataDir
    from station_app.security.keys import ensure_key
    from station_app.store import migrations
    from station_app.store.engine import connect_raw

    latest = migrations.LATEST
    if latest not in UNDO:
        raise SystemExit(f"scripts/package_test_old_schema.py: write the inverse of v{latest}")
    key = ensure_key(DataDir(data_dir))
    conn = connect_raw(data_dir / "station.db", key=key)
    version = migrations.current_version(conn)
    if version != latest:
        raise SystemExit(f"the data folder is at schema v{version}, not v{latest}")
    conn.execute("BEGIN IMMEDIATE")
    for statement in UNDO[latest]:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {latest - 1}")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"schema v{migrations.current_version(conn)} (the latest migration, v{latest}, undone)")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
