"""Where the database key comes from. The foundation runs unencrypted (no key); the
personal-data protection work replaces `database_key` with the keyring-backed key."""

from __future__ import annotations

from station_app.paths import DataDir


def database_key(data: DataDir) -> bytes | None:
    return None
