"""Keys and encryption: the data key in the OS keyring and its recovery, the database's
SQLCipher encryption and the scans' AES-GCM. The bottom layer of station_app (the engine asks
it whether a key is the folder's); roles, security settings, the audit view, retention and
withdrawal act on the station's records and so are services.

Importing this package also adds its messages to the one catalogue (`station_app.i18n`).
"""

from __future__ import annotations

from station_app.security import messages as _messages  # noqa: F401  (registers messages)
