"""Personal-data protection: keys and recovery, encryption of the database and scans,
roles and settings, the audit log, retention and withdrawal.

Importing this package also adds its messages to the one catalogue (`station_app.i18n`).
"""

from __future__ import annotations

from station_app.security import messages as _messages  # noqa: F401  (registers messages)
