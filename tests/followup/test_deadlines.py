"""Working-day arithmetic with China's public holidays and make-up working days (调休)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.followup.deadlines import (
    add_working_days,
    covered,
    due_date,
    due_state,
    is_working_day,
    working_days_between,
)

D = dt.date


def test_plain_week() -> None:
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Fri + 1 = Mon
    assert add_working_days(D(2026, 11, 25), 0) == D(2026, 11, 25)
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1


def test_make_up_saturdays_count_and_holidays_do_not() -> None:
    assert is_working_day(D(2026, 10, 10))  # Saturday, 调休 for National Day
    assert is_working_day(D(2026, 2, 14)) and is_working_day(D(2026, 2, 28))  # Spring Festival
    assert not is_working_day(D(2026, 10, 5))  # a Monday inside the National Day holiday
    assert not is_working_day(D(2026, 10, 11))  # an ordinary Sunday
    assert add_working_days(D(2026, 10, 9), 1) == D(2026, 10, 10)
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)  # over 1-7 October
    # Spring Festival 2026: 15-23 February off, Saturday 14 February worked
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2


def test_outside_the_official_calendar_falls_back_to_monday_to_friday_and_says_so() -> None:
    assert covered(D(2026, 12, 31)) and not covered(D(2027, 1, 1))
    assert is_working_day(D(2027, 1, 1))  # a Friday; its holiday is not announced yet
    assert not is_working_day(D(2027, 1, 2))
    due = due_date(None, D(2026, 12, 30), 5)
    assert due.day == D(2027, 1, 6) and due.estimated and not due.from_hq
    assert not due_date(None, D(2026, 12, 1), 5).estimated
    hq = due_date("2027-01-15", D(2026, 12, 30), 5)  # HQ's own date is never an estimate
    assert hq.day == D(2027, 1, 15) and hq.from_hq and not hq.estimated


def test_due_state() -> None:
    today = D(2026, 12, 1)  # Tuesday
    assert due_state(D(2026, 11, 30), today) == "overdue"
    assert due_state(today, today) == "due_soon"
    assert due_state(D(2026, 12, 3), today) == "due_soon"  # two working days left
    assert due_state(D(2026, 12, 4), today) == "ok"
    # five calendar days, but only two working days because of the holiday
    assert due_state(D(2026, 10, 9), D(2026, 10, 4)) == "due_soon"


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)


days = st.dates(min_value=D(2004, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=days, n=st.integers(min_value=1, max_value=40))
def test_add_and_between_agree(day: dt.date, n: int) -> None:
    end = add_working_days(day, n)
    assert end > day and is_working_day(end)
    assert working_days_between(day, end) == n
    # it is the first such day: the day before still had one working day to go
    assert working_days_between(day, end - dt.timedelta(days=1)) == n - 1
    assert add_working_days(day, n + 1) > end
