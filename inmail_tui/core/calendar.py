"""When a pool's credits arrive: its grant days, from the plan's renewal rule and the pool's dates.

Credits are granted monthly (on annual billing too). Sales Navigator grants on the 1st of each
calendar month; Premium and Recruiter on the pool's renewal day, where 29, 30 or 31 fall back to
the last day of a shorter month ("31" means the last day of every month). Grants begin after the
day the pool was opened (its opening balance already holds that day's credits) and stop at
cancellation: ``cancelled_on`` is the first day without the subscription, so no grant falls on or
after it.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, date
from itertools import takewhile

from inmail_tui.core.errors import DomainError
from inmail_tui.core.plans import Plan, Renewal


class LedgerError(DomainError):
    """Something asked of a pool or its ledger cannot be done; the message says why, for a user."""


# The days inmail-tui plans for: "today", a cancellation, a date read from an import. Far enough
# from the calendar's ends (1 and 9999) that a month of grants or a wait of days never overflows.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def check_day(day: date, hint: str = "") -> date:
    """``day`` itself when it lies between ``FIRST_DAY`` and ``LAST_DAY``; else a ``LedgerError``
    (``hint``, if given, ends the sentence: what to check)."""
    if FIRST_DAY <= day <= LAST_DAY:
        return day
    raise LedgerError(
        f"inmail-tui works with dates from {FIRST_DAY} to {LAST_DAY}, not {day}" + (hint or ".")
    )


@dataclass(frozen=True, slots=True)
class PoolSpec:
    """What the ledger needs to know about a pool: its plan and its dates.

    ``cancelled_on`` is the first day without the subscription (the day after the last billing
    cycle ends): the pool is emptied as that day begins.
    """

    plan: Plan
    renewal_day: int
    opened_on: date
    cancelled_on: date | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.renewal_day <= 31:
            raise LedgerError(f"The renewal day must be between 1 and 31, not {self.renewal_day}.")
        if self.cancelled_on is not None and self.cancelled_on < self.opened_on:
            raise LedgerError(
                f"The pool cannot be cancelled ({self.cancelled_on}) "
                f"before it was opened ({self.opened_on})."
            )


def grant_day(year: int, month: int, plan: Plan, renewal_day: int) -> date:
    """The day of ``month`` when ``plan`` grants credits to a pool renewing on ``renewal_day``."""
    if plan.renewal == Renewal.CALENDAR_FIRST:
        return date(year, month, 1)
    return date(year, month, min(renewal_day, monthrange(year, month)[1]))


def iter_grants(spec: PoolSpec, after: date) -> Iterator[date]:
    """The pool's grant days strictly after ``after`` (and after it opened), in order.

    Endless for a pool that is not cancelled; empty for a plan that grants nothing.
    """
    if spec.plan.allowance <= 0:
        return
    start = max(after, spec.opened_on)
    year, month = start.year, start.month
    while True:
        day = grant_day(year, month, spec.plan, spec.renewal_day)
        if spec.cancelled_on is not None and day >= spec.cancelled_on:
            return
        if day > start:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if year > MAXYEAR:  # the calendar ends: no grant after 9999-12
            return


def grant_dates(spec: PoolSpec, after: date, until: date) -> list[date]:
    """The pool's grant days in ``(after, until]``."""
    return list(takewhile(lambda day: day <= until, iter_grants(spec, after)))


def next_grant(spec: PoolSpec, today: date) -> date | None:
    """The first grant day strictly after ``today``; None when no grant will come."""
    return next(iter_grants(spec, today), None)


def cycle_start(spec: PoolSpec, today: date) -> date:
    """When the current cycle began: the last grant day on or before ``today``, or the opening."""
    past = grant_dates(spec, spec.opened_on, today)
    return past[-1] if past else spec.opened_on
