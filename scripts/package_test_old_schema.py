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
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _rewrite_suggestion_sql(conn: Any, old: str, new: str) -> None:
    """Edit the suggestion table's CREATE statement where the change touches no stored row
    (a CHECK, a REFERENCES clause), as migration v5 widens its channel CHECK."""
    from station_app.store.migrations import rewrite_table_sql

    sql = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'suggestion'"
    ).fetchone()[0]
    if old not in sql:
        raise SystemExit(f"suggestion's schema lacks {old!r}")
    rewrite_table_sql(conn, "suggestion", sql.replace(old, new))


def _undo_v5(conn: Any) -> None:
    """Sessions and questionnaires: the speaker column (its REFERENCES first: SQLite drops
    no column a foreign key uses), the two tables, and the channel CHECK narrowed again."""
    conn.execute("DROP INDEX ix_suggestion_session")
    _rewrite_suggestion_sql(
        conn,
        "session_id INTEGER REFERENCES group_session(id)",
        "session_id INTEGER",
    )
    conn.execute("ALTER TABLE suggestion DROP COLUMN session_id")
    for statement in (
        "DROP TABLE questionnaire_response",
        "DROP TABLE group_session",
    ):
        conn.execute(statement)
    _rewrite_suggestion_sql(
        conn,
        "CHECK (channel IN ('face_to_face','phone','postbox','other','session'))",
        "CHECK (channel IN ('face_to_face','phone','postbox','other'))",
    )


# the schema step each version added, undone (the version before it comes back exactly)
UNDO: dict[int, list[str] | Callable[[Any], None]] = {
    4: [
        "DROP TABLE suggestion_fts_vocab",
        "DROP INDEX ix_suggestion_link_to",
        "ALTER TABLE suggestion_link DROP COLUMN in_payload",
    ],
    5: _undo_v5,
    6: [
        "DROP TABLE form_serial",
        "DROP TABLE form_print",
        "ALTER TABLE scan DROP COLUMN form_json",
    ],
    7: [],  # index rows only (speakers found by their session's topic): v6 reads them as they are
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
    undo = UNDO[latest]
    if callable(undo):
        undo(conn)
    else:
        for statement in undo:
            conn.execute(statement)
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise SystemExit("integrity check failed after undoing the latest migration")
    conn.execute(f"PRAGMA user_version = {latest - 1}")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"schema v{migrations.current_version(conn)} (the latest migration, v{latest}, undone)")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
