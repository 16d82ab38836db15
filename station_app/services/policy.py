"""Security settings kept in the `setting` table: PIN lockout, idle lock, retention.

Everyone may read them (the UI needs the idle time); only admins may change them, and each
change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.services.common import audit, int_setting, require, set_setting
from station_app.store import Station
from station_app.store.models import Operator


@dataclass(frozen=True)
class IntSetting:
    key: str
    default: int
    low: int
    high: int


LOCKOUT_MINUTES = IntSetting("security.lockout_minutes", 15, 1, 24 * 60)
IDLE_MINUTES = IntSetting("security.idle_minutes", 10, 1, 240)
RETENTION_DAYS = IntSetting("retention.days", 180, 1, 3650)


def read(station: Station, setting: IntSetting) -> int:
    with station.db.read() as s:
        return int_setting(s, setting.key, setting.default)


def change(station: Station, actor: Operator, setting: IntSetting, value: int) -> None:
    """An admin changes a setting (range-checked, audited)."""
    from station_app.security.messages import BadSetting

    require(actor, "change_settings")
    if not isinstance(value, int) or not setting.low <= value <= setting.high:
        raise BadSetting(name=setting.key, low=setting.low, high=setting.high)
    with station.db.write() as s:
        set_setting(s, setting.key, str(value))
        audit(s, station, actor, "change_setting", "setting", setting.key, str(value))


def lockout_minutes(station: Station) -> int:
    return read(station, LOCKOUT_MINUTES)


def set_lockout_minutes(station: Station, actor: Operator, minutes: int) -> None:
    change(station, actor, LOCKOUT_MINUTES, minutes)


def idle_minutes(station: Station) -> int:
    return read(station, IDLE_MINUTES)


def set_idle_minutes(station: Station, actor: Operator, minutes: int) -> None:
    change(station, actor, IDLE_MINUTES, minutes)


def retention_days(station: Station) -> int:
    return read(station, RETENTION_DAYS)


def set_retention_days(station: Station, actor: Operator, days: int) -> None:
    change(station, actor, RETENTION_DAYS, days)
