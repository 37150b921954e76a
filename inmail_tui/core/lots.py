"""Replaying a pool's ledger in time order: the balance, its FIFO lots, and the events falling due.

Order within a day: the opening, then the cancellation (``cancelled_on`` is the first day without
the subscription: the pool is emptied as the day begins), then lots expiring (at the start of the
day), then the grant and its forfeit, and last what the user did that day (spends, purchases,
adjustments, credit-backs) in the order they were recorded. Everything computed for a day thus
comes before the user's acts of that day, so replaying a history gives the same events as
computing them day by day as the app ran.

Lots: the opening balance, each grant, each purchase, each credit-back and each upward adjustment
is a lot, issued on its event's day. Spends, forfeits and downward adjustments take from the oldest
lot first. A credit-back is a new lot issued the day the credit comes back (it does not revive the
lot the spend drew from). With the plan's ``lot_expiry`` on, what is left of a lot expires at the
start of the day ``expiry_days`` after its issue, as an EXPIRE event keyed ``expire:<lot>``, where
``<lot>`` is the issuing event's key, or ``<kind>:<day>#<n>`` for the n-th keyless one that day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from inmail_tui.core.calendar import PoolSpec, next_grant
from inmail_tui.core.model import EventKind, LedgerEvent

_PHASE = {
    EventKind.OPEN: 0,
    EventKind.CANCEL: 1,
    EventKind.EXPIRE: 2,
    EventKind.GRANT: 3,
    EventKind.FORFEIT: 4,
}
_USER_PHASE = 5


def _phase(kind: EventKind) -> int:
    return _PHASE.get(kind, _USER_PHASE)


@dataclass(slots=True)
class Lot:
    label: str
    issued: date
    left: int


class Book:
    """A running balance split into FIFO lots. Always ``sum(lot.left) - debt == balance``.

    ``debt`` is what was taken when no lot held anything (only possible with an out-of-order
    history); the next lot pays it off first.
    """

    def __init__(self) -> None:
        self.balance = 0
        self.debt = 0
        self.lots: list[Lot] = []
        self._keyless: Counter[tuple[EventKind, date]] = Counter()

    def copy(self) -> Book:
        other = Book()
        other.balance, other.debt = self.balance, self.debt
        other.lots = [replace(lot) for lot in self.lots]
        other._keyless = self._keyless.copy()
        return other

    def apply(self, event: LedgerEvent) -> None:
        self.balance += event.amount
        if event.amount > 0:
            self._add(self._label(event), event.on, event.amount)
        elif event.amount < 0:
            take = -event.amount
            if event.kind == EventKind.EXPIRE and event.key is not None:
                take = self._take_from(event.key.removeprefix("expire:"), take)
            self._take_oldest(take)

    def _label(self, event: LedgerEvent) -> str:
        if event.key is not None:
            return event.key
        self._keyless[event.kind, event.on] += 1
        return f"{event.kind}:{event.on.isoformat()}#{self._keyless[event.kind, event.on]}"

    def _add(self, label: str, issued: date, amount: int) -> None:
        paid = min(self.debt, amount)
        self.debt -= paid
        if amount > paid:
            self.lots.append(Lot(label, issued, amount - paid))

    def _take_from(self, label: str, amount: int) -> int:
        """Take up to ``amount`` from the lot named ``label``; return what is still to take."""
        for i, lot in enumerate(self.lots):
            if lot.label == label:
                taken = min(lot.left, amount)
                lot.left -= taken
                if lot.left == 0:
                    del self.lots[i]
                return amount - taken
        return amount

    def _take_oldest(self, amount: int) -> None:
        while amount and self.lots:
            lot = self.lots[0]
            taken = min(lot.left, amount)
            lot.left -= taken
            amount -= taken
            if lot.left == 0:
                self.lots.pop(0)
        self.debt += amount


class Timeline:
    """Walks a pool's recorded events in time order and adds the grants, forfeits, expiries and
    the cancellation that fall due on the way."""

    def __init__(self, spec: PoolSpec, events: list[LedgerEvent]) -> None:
        self.spec = spec
        self.book = Book()
        order = sorted(range(len(events)), key=lambda i: (events[i].on, _phase(events[i].kind), i))
        self._recorded = [events[i] for i in order]
        self._next = 0
        self._keys = {e.key for e in events if e.key is not None}
        # Grants resume after the last recorded one, so a changed renewal day never re-grants.
        last = max((e.on for e in events if e.kind == EventKind.GRANT), default=spec.opened_on)
        self._grant = next_grant(spec, last)

    def fork(self) -> Timeline:
        """An independent copy at the same point in time (for what-if simulations)."""
        other = Timeline.__new__(Timeline)
        other.spec, other.book = self.spec, self.book.copy()
        other._recorded, other._next = self._recorded, self._next
        other._keys, other._grant = set(self._keys), self._grant
        return other

    def add(self, event: LedgerEvent) -> None:
        """Apply an event happening now (after everything processed so far)."""
        self.book.apply(event)
        if event.key is not None:
            self._keys.add(event.key)

    def advance(self, until: date) -> list[LedgerEvent]:
        """Process everything on or before ``until``; return the new events that fell due."""
        new: list[LedgerEvent] = []
        while True:
            steps: list[tuple[tuple[date, int, int], str]] = []
            if self._next < len(self._recorded) and self._recorded[self._next].on <= until:
                event = self._recorded[self._next]
                steps.append(((event.on, _phase(event.kind), 0), "recorded"))
            if self._grant is not None and self._grant <= until:
                steps.append(((self._grant, _PHASE[EventKind.GRANT], 1), "grant"))
            expiring = self._expiring(until)
            if expiring is not None:
                steps.append(((self._expiry(expiring), _PHASE[EventKind.EXPIRE], 1), "expire"))
            cancel = self.spec.cancelled_on
            if cancel is not None and cancel <= until and "cancel" not in self._keys:
                steps.append(((cancel, _PHASE[EventKind.CANCEL], 1), "cancel"))
            if not steps:
                return new
            _, step = min(steps)
            if step == "recorded":
                self.add(self._recorded[self._next])
                self._next += 1
            elif step == "grant":
                new += self._grant_due()
            elif step == "expire":
                assert expiring is not None
                new.append(
                    self._due(
                        EventKind.EXPIRE,
                        self._expiry(expiring),
                        -expiring.left,
                        f"expire:{expiring.label}",
                        f"unused credits issued {expiring.issued.isoformat()}",
                    )
                )
            else:
                assert cancel is not None
                new.append(
                    self._due(
                        EventKind.CANCEL,
                        cancel,
                        -max(0, self.book.balance),
                        "cancel",
                        "subscription ended",
                    )
                )

    def _due(self, kind: EventKind, on: date, amount: int, key: str, note: str) -> LedgerEvent:
        event = LedgerEvent(kind=kind, on=on, amount=amount, note=note, key=key)
        self.add(event)
        return event

    def _grant_due(self) -> list[LedgerEvent]:
        day = self._grant
        assert day is not None
        self._grant = next_grant(self.spec, day)
        key = f"grant:{day.isoformat()}"
        if key in self._keys:  # recorded already: replayed with the recorded events
            return []
        plan, held = self.spec.plan, self.book.balance
        # The cap limits what a grant adds; it never takes away credits already held.
        after = max(held, min(plan.cap, held + plan.allowance))
        forfeit = held + plan.allowance - after
        events = [self._due(EventKind.GRANT, day, plan.allowance, key, "monthly grant")]
        if forfeit > 0:
            events.append(
                self._due(
                    EventKind.FORFEIT,
                    day,
                    -forfeit,
                    f"forfeit:{day.isoformat()}",
                    f"over the cap of {plan.cap}",
                )
            )
        return events

    def _expiring(self, until: date) -> Lot | None:
        """The next lot to expire on or before ``until``, if the plan expires lots."""
        if not self.spec.plan.lot_expiry:
            return None
        for lot in self.book.lots:  # issued in time order: the first one found expires first
            if f"expire:{lot.label}" not in self._keys:
                return lot if self._expiry(lot) <= until else None
        return None

    def _expiry(self, lot: Lot) -> date:
        return lot.issued + timedelta(days=self.spec.plan.expiry_days)
