"""Working days in mainland China: public holidays and make-up working days (调休).

The official calendar comes from the `chinese-calendar` package, which knows the State
Council's arrangement for each year it ships (2004-2026 in version 1.11). For a date outside
that range there is no official arrangement yet, so we fall back to Monday-Friday and say so:
every function that may have used the fallback has a way to tell (`covered()`, and
`DueDate.estimated`), and the worklist shows such a due date as an estimate. Counting a
not-yet-announced holiday as a working day can only make a due date earlier, never later, so
the estimate errs on the side of answering the suggester sooner.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import chinese_calendar

log = logging.getLogger(__name__)

DueState = Literal["overdue", "due_soon", "ok"]
DUE_SOON_WORKING_DAYS = 2
# how far add_working_days may walk before we call the input absurd (about 8 years of days)
_MAX_DAYS = 3000


@lru_cache(maxsize=1)
def calendar_range() -> tuple[int, int]:
    """The first and last year the installed calendar knows (e.g. (2004, 2026))."""
    years = {d.year for d in chinese_calendar.constants.holidays} | {
        d.year for d in chinese_calendar.constants.workdays
    }
    return min(years), max(years)


def covered(day: dt.date) -> bool:
    """Whether the official holiday arrangement for `day`'s year is known."""
    first, last = calendar_range()
    return first <= day.year <= last


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    """Official working day (holidays off, 调休 Saturdays/Sundays on); Mon-Fri outside range."""
    if covered(day):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The `n`th working day after `day` (`day` itself does not count; n=0 gives `day`).

    Friday + 1 is the next Monday; the day before a 7-day holiday + 1 is the first working
    day after it (which may be a 调休 Saturday).
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    current, left, steps = day, n, 0
    while left:
        current += dt.timedelta(days=1)
        steps += 1
        if steps > _MAX_DAYS:
            raise ValueError("too many working days")
        if is_working_day(current):
            left -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: 0 when end <= start; `add_working_days(start, k)` is the
    first day with `working_days_between(start, day) == k` (k >= 1)."""
    if end <= start:
        return 0
    if (end - start).days > _MAX_DAYS:
        raise ValueError("range too long")
    return sum(
        1 for i in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=i))
    )


@dataclass(frozen=True)
class DueDate:
    """When the suggester must have been told, and where that date came from."""

    day: dt.date
    from_hq: bool  # HQ set it; otherwise the station's policy computed it
    estimated: bool  # computed across a year the official calendar does not cover yet


def due_date(
    hq_due: str | dt.date | None, reply_arrived: dt.date, policy_working_days: int
) -> DueDate:
    """HQ's due date when it gave one, else `policy_working_days` working days after the reply
    reached the station."""
    if hq_due:
        day = hq_due if isinstance(hq_due, dt.date) else dt.date.fromisoformat(str(hq_due)[:10])
        return DueDate(day=day, from_hq=True, estimated=False)
    day = add_working_days(reply_arrived, policy_working_days)
    estimated = not (covered(reply_arrived) and covered(day))
    if estimated:
        log.info("due date computed beyond the official holiday calendar (Mon-Fri assumed)")
    return DueDate(day=day, from_hq=False, estimated=estimated)


def due_state(due: dt.date, today: dt.date) -> DueState:
    """overdue: the due day has passed; due_soon: due within 2 working days (today included);
    ok otherwise."""
    if due < today:
        return "overdue"
    if working_days_between(today, due) <= DUE_SOON_WORKING_DAYS:
        return "due_soon"
    return "ok"
