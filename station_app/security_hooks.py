"""Where the database key comes from: the OS keyring, through `station_app.security.keys`.

`database_key(data)` returns the 32-byte data key of the folder, creating it for a brand-new
folder and encrypting an old unencrypted database first. When this PC cannot open the data
it raises `KeyMissing`/`KeyWrong` (a StationError with a clear message) and changes nothing.
After setup the UI shows `pending_recovery_key(data)` once and then calls
`acknowledge_recovery_key(data)`.
"""

from __future__ import annotations

from station_app.paths import DataDir
from station_app.security.keys import (
    acknowledge_recovery_key,
    ensure_key,
    pending_recovery_key,
    recover,
)


def database_key(data: DataDir) -> bytes | None:
    return ensure_key(data)


__all__ = ["acknowledge_recovery_key", "database_key", "pending_recovery_key", "recover"]
