"""The station token: kept in the OS keyring, never in the database or a config file.

Reuses the app's one keyring helper (`station_app.security.keystore`: the real OS keyring,
or a 0600 file in the user's config folder where there is none, never in the data folder).
The entry is named per data folder, so two stations on one PC keep separate tokens.
"""

from __future__ import annotations

import hashlib

from station_app.paths import DataDir
from station_app.security import keystore


def _entry(data: DataDir) -> str:
    digest = hashlib.sha256(str(data.root.resolve()).encode("utf-8")).hexdigest()
    return f"hq-token-{digest[:24]}"


def get_token(data: DataDir) -> str | None:
    return keystore.get_secret(_entry(data)) or None


def set_token(data: DataDir, token: str) -> None:
    keystore.set_secret(_entry(data), token)


def delete_token(data: DataDir) -> None:
    keystore.delete_secret(_entry(data))
