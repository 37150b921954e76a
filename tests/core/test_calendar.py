"""Grant days: renewal day, month ends, leap years, calendar-first, opening and cancellation."""

from __future__ import annotations

from datetime import date

import pytest

from inmail_tui.core.calendar import (
    LedgerError,
    PoolSpec,
    cycle_start,
    grant_dates,
    grant_day,
    next_grant,
)
from inmail_tui.core.plans import Catalog, load_catalog

CATALOG: Catalog = load_catalog()
PREMIUM = CATALOG["premium_business"]
SALES_NAV = CATALOG["sales_navigator_core"]
RECRUITER = CATALOG["recruiter_lite"]


@pytest.mark.parametrize(
    ("year", "month", "renewal_day", "expected"),
    [
        (2026, 1, 15, date(2026, 1, 15)),
        (2026, 1, 31, date(2026, 1, 31)),
        (2026, 2, 31, date(2026, 2, 28)),  # "31" means the last day of a shorter month
        (2026, 2, 30, date(2026, 2, 28)),
        (2026, 2, 29, date(2026, 2, 28)),
        (2026, 2, 28, date(2026, 2, 28)),
        (2028, 2, 31, date(2028, 2, 29)),  # leap year
        (2028, 2, 30, date(2028, 2, 29)),
        (2028, 2, 29, date(2028, 2, 29)),
        (2000, 2, 29, date(2000, 2, 29)),  # divisible by 400: leap
        (2100, 2, 29, date(2100, 2, 28)),  # divisible by 100: not leap
        (2026, 4, 31, date(2026, 4, 30)),
        (2026, 4, 30, date(2026, 4, 30)),
        (2026, 6, 31, date(2026, 6, 30)),
        (2026, 12, 31, date(2026, 12, 31)),
        (2026, 3, 1, date(2026, 3, 1)),
    ],
)
def test_billing_day_falls_back_to_the_last_day_of_short_months(
    year: int, month: int, renewal_day: int, expected: date
) -> None:
    assert grant_day(year, month, PREMIUM, renewal_day) == expected
    assert grant_day(year, month, RECRUITER, renewal_day) == expected


@pytest.mark.parametrize("renewal_day", [1, 15, 29, 30, 31])
@pytest.mark.parametrize("month", [1, 2, 4, 12])
def test_calendar_first_is_always_the_first(renewal_day: int, month: int) -> None:
    assert grant_day(2028, month, SALES_NAV, renewal_day) == date(2028, month, 1)


def test_renewal_31_grants_on_every_month_end_of_a_leap_year() -> None:
    spec = PoolSpec(PREMIUM, 31, date(2027, 12, 31))
    assert grant_dates(spec, date(2027, 12, 31), date(2028, 12, 31)) == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
        date(2028, 4, 30),
        date(2028, 5, 31),
        date(2028, 6, 30),
        date(2028, 7, 31),
        date(2028, 8, 31),
        date(2028, 9, 30),
        date(2028, 10, 31),
        date(2028, 11, 30),
        date(2028, 12, 31),
    ]


def test_renewal_30_returns_to_the_30th_after_february() -> None:
    spec = PoolSpec(PREMIUM, 30, date(2026, 1, 1))
    assert grant_dates(spec, date(2026, 1, 1), date(2026, 4, 30)) == [
        date(2026, 1, 30),
        date(2026, 2, 28),
        date(2026, 3, 30),
        date(2026, 4, 30),
    ]


def test_grant_dates_are_after_the_first_and_up_to_the_second_bound() -> None:
    spec = PoolSpec(SALES_NAV, 1, date(2025, 11, 20))
    assert grant_dates(spec, date(2026, 1, 1), date(2026, 3, 1)) == [
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert grant_dates(spec, date(2026, 1, 1), date(2026, 1, 31)) == []


def test_grants_begin_after_the_opening_day() -> None:
    spec = PoolSpec(SALES_NAV, 1, date(2026, 1, 1))
    assert grant_dates(spec, date(2025, 6, 1), date(2026, 2, 1)) == [date(2026, 2, 1)]


def test_no_grant_on_or_after_cancellation() -> None:
    spec = PoolSpec(PREMIUM, 10, date(2026, 1, 1), cancelled_on=date(2026, 4, 10))
    assert grant_dates(spec, date(2026, 1, 1), date(2027, 1, 1)) == [
        date(2026, 1, 10),
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]
    assert next_grant(spec, date(2026, 3, 10)) is None
    assert next_grant(spec, date(2026, 3, 9)) == date(2026, 3, 10)


def test_a_plan_without_credits_has_no_grants() -> None:
    spec = PoolSpec(CATALOG["free"], 1, date(2026, 1, 1))
    assert grant_dates(spec, date(2026, 1, 1), date(2027, 1, 1)) == []
    assert next_grant(spec, date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 15), date(2026, 2, 1)),
        (date(2026, 1, 31), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 3, 1)),  # strictly after today
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2025, 12, 1), date(2026, 2, 1)),  # before the opening: the first after it
    ],
)
def test_next_grant_is_strictly_after_today(today: date, expected: date) -> None:
    spec = PoolSpec(SALES_NAV, 1, date(2026, 1, 15))
    assert next_grant(spec, today) == expected


def test_next_grant_on_the_renewal_day_of_a_short_month() -> None:
    spec = PoolSpec(RECRUITER, 31, date(2026, 1, 5))
    assert next_grant(spec, date(2026, 1, 31)) == date(2026, 2, 28)
    assert next_grant(spec, date(2026, 2, 28)) == date(2026, 3, 31)


def test_cycle_start_is_the_last_grant_or_the_opening() -> None:
    spec = PoolSpec(SALES_NAV, 1, date(2026, 1, 15))
    assert cycle_start(spec, date(2026, 1, 20)) == date(2026, 1, 15)
    assert cycle_start(spec, date(2026, 2, 1)) == date(2026, 2, 1)
    assert cycle_start(spec, date(2026, 3, 31)) == date(2026, 3, 1)


@pytest.mark.parametrize("renewal_day", [0, 32, -1])
def test_renewal_day_out_of_range_is_a_clear_error(renewal_day: int) -> None:
    with pytest.raises(LedgerError, match="between 1 and 31"):
        PoolSpec(PREMIUM, renewal_day, date(2026, 1, 1))


def test_cancelled_before_opened_is_an_error() -> None:
    with pytest.raises(LedgerError, match="before it was opened"):
        PoolSpec(PREMIUM, 1, date(2026, 3, 1), cancelled_on=date(2026, 2, 1))
