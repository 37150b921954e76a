"""An independent model of the spend plan's pool and objective, for the tests.

Written apart from ``core.spend_plan`` (no shared code): the balance day by day, the reserve
rule, what is lost, and the objective of docs/planning.md, plus a brute-force search over every
feasible plan of a small case.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from inmail_tui.core.spend_plan import PoolState


@dataclass(frozen=True)
class Run:
    balances: list[int]  # after each day's sends
    lost: dict[date, int]  # credits lost on a day (grant over the cap, cancellation)
    feasible: bool
    end: int


def days_of(state: PoolState) -> list[date]:
    n = (state.until - state.today).days + 1
    return [state.today + timedelta(days=k) for k in range(n)]


def simulate(state: PoolState, reserve: int, sends: Mapping[date, int]) -> Run:
    """The pool under ``sends`` (InMails per day). Feasible when no day's balance is negative
    and no day ends below the reserve unless it is where it would be with no sends at all."""
    base = _walk(state, {})
    held_by_day = _walk(state, sends)
    ok = True
    for (held, _lost), (base_held, _b) in zip(held_by_day, base, strict=True):
        if held < 0 or (held < reserve and held != base_held):
            ok = False
    lost = {day: lo for day, (_h, lo) in zip(days_of(state), held_by_day, strict=True) if lo}
    return Run([h for h, _ in held_by_day], lost, ok, held_by_day[-1][0])


def _walk(state: PoolState, sends: Mapping[date, int]) -> list[tuple[int, int]]:
    held = state.balance
    out = []
    for day in days_of(state):
        lost = 0
        cancelled = state.cancelled_on is not None and day >= state.cancelled_on
        if day > state.today and day == state.cancelled_on:
            lost, held = held, 0
        elif day > state.today and day in state.grants and not cancelled:
            if held >= state.cap:
                lost = state.allowance
            else:
                new = min(state.cap, held + state.allowance)
                lost = held + state.allowance - new
                held = new
        held -= sends.get(day, 0)
        out.append((held, lost))
    return out


@dataclass(frozen=True)
class Option:
    """One candidate as the oracle sees it: its value, its chance of a credit back, and the
    first day it may be sent."""

    id: int
    value: float  # fit x reply
    back: float
    ready: date


def objective(
    state: PoolState, reserve: int, keep: float, chosen: Sequence[tuple[Option, date]]
) -> float | None:
    """The plan's objective, or None when it is not feasible."""
    sends: dict[date, int] = {}
    for _option, day in chosen:
        sends[day] = sends.get(day, 0) + 1
    run = simulate(state, reserve, sends)
    if not run.feasible:
        return None
    return sum(o.value + keep * o.back for o, _ in chosen) + keep * run.end


def best(state: PoolState, reserve: int, keep: float, options: Sequence[Option]) -> float:
    """The best objective over every feasible plan (each option: not sent, or sent on one day
    from its ready day to the last)."""
    days = days_of(state)
    choices = [[None, *[d for d in days if d >= o.ready]] for o in options]
    found = -1.0
    for pick in itertools.product(*choices):
        chosen = [(o, d) for o, d in zip(options, pick, strict=True) if d is not None]
        value = objective(state, reserve, keep, chosen)
        if value is not None and value > found:
            found = value
    return found
