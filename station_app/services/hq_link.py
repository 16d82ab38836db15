"""Where HQ is and how the link to it stands: enrolment, the change-feed cursor, the last
sync's outcome.

HQ's address and CA file (saved by a successful enrolment, `sync.client.enrol`), the
change-feed cursor, "needs an admin" (HQ refused the token) and the last success or error are
kept in the `setting` table under the `SETTING_*` keys below. The station token never is: it
lives in the OS keyring (`sync.client.token`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from station_app.clock import iso
from station_app.services.common import get_setting, set_setting
from station_app.store import Station

SETTING_HQ_URL = "hq.url"
SETTING_CA_FILE = "hq.ca_file"
SETTING_CURSOR = "sync.cursor"
SETTING_LAST_SUCCESS = "sync.last_success_at"
SETTING_LAST_ERROR = "sync.last_error"  # JSON {"key": ..., "params": {...}, "at": ...}
SETTING_NEEDS_ADMIN = "sync.needs_admin"


@dataclass(frozen=True)
class HQSettings:
    url: str | None
    ca_file: str | None
    cursor: str | None
    needs_admin: bool


def hq_settings(station: Station) -> HQSettings:
    with station.db.read() as s:
        return HQSettings(
            url=get_setting(s, SETTING_HQ_URL),
            ca_file=get_setting(s, SETTING_CA_FILE) or None,
            cursor=get_setting(s, SETTING_CURSOR) or None,
            needs_admin=get_setting(s, SETTING_NEEDS_ADMIN) == "1",
        )


def save_enrolment(station: Station, url: str, ca_file: str | None) -> None:
    """Remember HQ's address (and CA file) after a successful enrolment; clears "needs admin"."""
    with station.db.write() as s:
        set_setting(s, SETTING_HQ_URL, url.rstrip("/"))
        set_setting(s, SETTING_CA_FILE, ca_file or "")
        set_setting(s, SETTING_NEEDS_ADMIN, "0")
        _clear_error(s)


def record_sync_error(
    station: Station, key: str, *, needs_admin: bool = False, **params: Any
) -> None:
    """Remember the last error (a message key from station_app.i18n) for the sync page."""
    with station.db.write() as s:
        value = {"key": key, "params": params, "at": iso(station.clock.now())}
        set_setting(s, SETTING_LAST_ERROR, json.dumps(value, ensure_ascii=False))
        if needs_admin:
            set_setting(s, SETTING_NEEDS_ADMIN, "1")


def record_sync_success(station: Station) -> None:
    with station.db.write() as s:
        set_setting(s, SETTING_LAST_SUCCESS, iso(station.clock.now()))
        _clear_error(s)


def _clear_error(s: Session) -> None:
    set_setting(s, SETTING_LAST_ERROR, "")
