"""Team pools: seats, their monthly usage, and what the rules know of teammates' work.

A pool may have seats (the people working from it). Every spend, credit-back and purchase
records the seat that caused it; the balance stays the pool's. A seat's usage this month is the
credits its spends took since the 1st: a credit-back goes back to the pool and does not lower it
(docs/rules.md, "Teams and seats"). :class:`TeamFacts` is what one decision knows about the
teammates: who owns the prospect and whether another seat already sent them an InMail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inmail_tui.core.errors import DomainError
from inmail_tui.core.model import EventKind, LedgerEvent

SEAT_NAME_MAX = 64
SEAT_LIMIT_MAX = 100_000  # a monthly limit above any contract's allowance, never unbounded


class SeatError(DomainError):
    """A seat name or limit that cannot be used; the message says why."""


def month_start(today: date) -> date:
    """The first day of ``today``'s month: seat limits count from it."""
    return today.replace(day=1)


def spent_by_seat(events: Iterable[LedgerEvent], today: date) -> dict[int | None, int]:
    """Credits each seat spent this month (``None``: spends recorded without a seat).

    Only spends count: a credit-back returns the credit to the pool, not to the seat's limit.
    ``events`` are the ledger's events in force (voided ones left out by the caller).
    """
    since = month_start(today)
    used: dict[int | None, int] = {}
    for event in events:
        if event.kind == EventKind.SPEND and since <= event.on <= today:
            used[event.seat] = used.get(event.seat, 0) - event.amount
    return used


def seat_left(monthly_limit: int | None, used: int) -> int | None:
    """Credits a seat may still spend this month (None: no limit of its own); 0 refuses a send
    that costs a credit (rule R16)."""
    return None if monthly_limit is None else max(0, monthly_limit - used)


def check_seat_name(name: str) -> str:
    """``name`` trimmed, or a ``SeatError`` saying what a seat name must be."""
    trimmed = name.strip()
    if not trimmed:
        raise SeatError("A seat needs a name, such as the person's first name.")
    if len(trimmed) > SEAT_NAME_MAX:
        raise SeatError(f"A seat name has at most {SEAT_NAME_MAX} characters.")
    if any(not ch.isprintable() for ch in trimmed):
        raise SeatError("A seat name cannot hold control characters.")
    return trimmed


def check_seat_limit(limit: int | None) -> int | None:
    """A monthly limit (None: no limit), or a ``SeatError``."""
    if limit is not None and not 0 <= limit <= SEAT_LIMIT_MAX:
        raise SeatError(f"A seat's monthly limit is from 0 to {SEAT_LIMIT_MAX:,}, not {limit:,}.")
    return limit


@dataclass(frozen=True, slots=True)
class TeamFacts:
    """What one decision knows about teammates' work on this prospect (empty when solo)."""

    owner: str | None = None  # the seat that claimed them, when it is not the sender's
    claimed_on: date | None = None
    inmailed_by: str | None = None  # another seat that already sent them an InMail
    inmailed_on: date | None = None


NO_TEAM = TeamFacts()  # a solo pool, or nothing teammates did
