"""Looking ahead: the coming grants and what each forfeits, and the "use it or lose it" figure.

Both replay the ledger up to today (applying what is due, without recording it) and then simulate
forward. Simulated sends happen only while the balance holds a credit. The sends of one day are
one simulated event, so the cost grows with the number of grants and days, never with the number
of credits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from inmail_tui.core.calendar import LedgerError, PoolSpec, cycle_start, iter_grants, next_grant
from inmail_tui.core.lots import Timeline
from inmail_tui.core.model import EventKind, LedgerEvent
from inmail_tui.core.plans import MAX_CREDITS

MAX_MONTHS = 1200  # a forecast looks at most a hundred years ahead


@dataclass(frozen=True, slots=True)
class ForecastRow:
    date: dt.date
    grant: int
    forfeit: int  # credits lost at this grant (over the cap), 0 or more
    balance_after: int


@dataclass(frozen=True, slots=True)
class Outlook:
    balance: int
    cap: int
    allowance: int
    next_grant: dt.date | None
    days_left: int | None  # days until the next grant
    forfeit_at_next_grant: int  # lost at the next grant if nothing is sent before it
    sends_to_avoid_forfeit: int  # the fewest sends before the next grant that lose nothing
    spent_this_cycle: int  # spends minus credit-backs since the last grant (or the opening)


def _now(spec: PoolSpec, events: Sequence[LedgerEvent], today: dt.date) -> Timeline:
    timeline = Timeline(spec, list(events))
    timeline.advance(today)
    return timeline


def _send(timeline: Timeline, on: dt.date, sends: int) -> None:
    """``sends`` InMails on ``on``, as many as the balance pays for, as one event."""
    spent = min(sends, timeline.book.balance)
    if spent > 0:
        timeline.add(LedgerEvent(kind=EventKind.SPEND, on=on, amount=-spent, note="forecast"))


def _at_grant(timeline: Timeline, day: dt.date) -> ForecastRow:
    new = timeline.advance(day)
    grant = sum(e.amount for e in new if e.kind == EventKind.GRANT and e.on == day)
    forfeit = -sum(e.amount for e in new if e.kind == EventKind.FORFEIT and e.on == day)
    return ForecastRow(day, grant, forfeit, timeline.book.balance)


def forecast(
    spec: PoolSpec,
    events: Sequence[LedgerEvent],
    today: dt.date,
    months: int = 6,
    spend_per_month: int = 0,
) -> list[ForecastRow]:
    """One row per coming grant (at most ``months``), assuming ``spend_per_month`` sends spread
    evenly over the days before each grant (none by default)."""
    if months < 0 or spend_per_month < 0:
        raise LedgerError("The forecast needs a number of months and of sends of 0 or more.")
    if months > MAX_MONTHS:
        raise LedgerError(f"A forecast looks at most {MAX_MONTHS:,} months ahead, not {months:,}.")
    if spend_per_month > MAX_CREDITS:
        raise LedgerError(
            f"A forecast spends at most {MAX_CREDITS:,} credits a month, not {spend_per_month:,}."
        )
    timeline = _now(spec, events, today)
    rows = []
    start = today
    for day in islice(iter_grants(spec, today), months):
        span = (day - start).days
        # The i-th send of the month falls on start + i * span // spend_per_month (span >= 1),
        # so the sends of day ``offset`` are the i in [ceil(offset * n / span),
        # ceil((offset + 1) * n / span)): one simulated event per day, however many sends.
        for offset in range(span if spend_per_month else 0):
            first = -(-offset * spend_per_month // span)
            sends = -(-(offset + 1) * spend_per_month // span) - first
            if sends:
                on = start + dt.timedelta(days=offset)
                timeline.advance(on)
                _send(timeline, on, sends)
        rows.append(_at_grant(timeline, day))
        start = day
    return rows


def _forfeit_after_sends(now: Timeline, today: dt.date, day: dt.date, sends: int) -> int:
    timeline = now.fork()
    _send(timeline, today, sends)
    return _at_grant(timeline, day).forfeit


def outlook(spec: PoolSpec, events: Sequence[LedgerEvent], today: dt.date) -> Outlook:
    """Where the pool stands today and what the next grant will do to it."""
    now = _now(spec, events, today)
    held = now.book.balance
    coming = next_grant(spec, today)
    forfeit = sends = 0
    if coming is not None:
        forfeit = _forfeit_after_sends(now, today, coming, 0)
        least = _forfeit_after_sends(now, today, coming, held)
        # Fewer sends never forfeit less, so the fewest reaching the least is found by bisection.
        low, high = 0, held
        while low < high:
            middle = (low + high) // 2
            if _forfeit_after_sends(now, today, coming, middle) == least:
                high = middle
            else:
                low = middle + 1
        sends = low
    since = cycle_start(spec, today)
    spent = -sum(
        e.amount
        for e in events
        if since <= e.on <= today and e.kind in (EventKind.SPEND, EventKind.CREDIT_BACK)
    )
    return Outlook(
        balance=held,
        cap=spec.plan.cap,
        allowance=spec.plan.allowance,
        next_grant=coming,
        days_left=None if coming is None else (coming - today).days,
        forfeit_at_next_grant=forfeit,
        sends_to_avoid_forfeit=sends,
        spent_this_cycle=max(0, spent),
    )
