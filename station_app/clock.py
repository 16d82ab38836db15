"""The one place the app asks what time it is, so tests can move time."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class Clock(Protocol):
    """Anything that can tell the current time (timezone-aware)."""

    def now(self) -> dt.datetime: ...


class SystemClock:
    """The real clock, in China Standard Time."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(CHINA_TZ)


class FixedClock:
    """A clock for tests: stands still until moved."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            at = at.replace(tzinfo=CHINA_TZ)
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def advance(self, **delta: float) -> None:
        self._at += dt.timedelta(**delta)

    def set(self, at: dt.datetime) -> None:
        self._at = at if at.tzinfo else at.replace(tzinfo=CHINA_TZ)


def iso(moment: dt.datetime) -> str:
    """Timestamps are stored as ISO-8601 text with offset, to the second."""
    return moment.isoformat(timespec="seconds")
