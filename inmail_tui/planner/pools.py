"""The credit pools as the services read them: which pool, on which plan, with which ledger.

:class:`Pools` is the one place that turns a stored pool into the domain's terms: its plan (with
the user's overrides), its :class:`PoolSpec`, its ledger with every due grant applied, and the
view the rules engine decides with. Every service that needs a pool is given this object.

Reading never writes: :meth:`Pools.read` derives the grants, forfeits and expiries that are due
without storing them. A use case that writes to the ledger stores them first
(:meth:`Pools.synced_events`), so what it appends comes after them. Entries dated after today
(written under a wrong clock) are left out of the balance; a write refuses them until
``CreditsService.mend_clock`` voids them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from inmail_tui.core.calendar import PoolSpec, next_grant
from inmail_tui.core.ledger import due_events, in_force, storable
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Plan
from inmail_tui.core.team import spent_by_seat
from inmail_tui.core.words import plural
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context
from inmail_tui.planner.ledger_view import PoolLedger as PoolLedger
from inmail_tui.planner.ledger_view import ledger_as_of, plan_of, spec_of
from inmail_tui.store import pools
from inmail_tui.store.seats import SeatRow
from inmail_tui.store.seats import seats as stored_seats

if TYPE_CHECKING:
    from inmail_tui.core.lint import Limits
    from inmail_tui.core.rules import PoolView

NO_POOL = (
    "No credit pool yet: set one up with `inmail-tui plan PLAN_ID --renewal-day N --balance N`"
    " (or open the app)."
)
# Without a pool (nothing set up yet) decisions are made for a Premium Career sender, the most
# common paid seat, so the queue still says who is free to reach.
FALLBACK_PLAN = "premium_career"


@dataclass(frozen=True)
class Roster:
    """The active pool, its seats (none: a solo pool) and the user's seat among them."""

    row: pools.PoolRow
    seats: list[SeatRow]
    me: SeatRow | None


class Pools:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        # The last ledger read, by what it was read from: the queue asks for the balance on
        # every page, and replaying a long ledger costs milliseconds (the ledger only grows).
        self._last: tuple[object, PoolLedger] | None = None

    def exists(self, pool: str | None = None) -> bool:
        return pools.get_pool(self._ctx.engine, pool) is not None

    def all(self) -> list[pools.PoolRow]:
        return pools.list_pools(self._ctx.engine)

    def active(self, bind: Engine | Connection | None = None) -> pools.PoolRow | None:
        """The active pool, or None before any is set up."""
        return pools.get_pool(bind or self._ctx.engine)

    def row(self, pool: str | None = None) -> pools.PoolRow:
        """The pool named ``pool`` (by default the active one), or a ``UserError`` saying why."""
        engine = self._ctx.engine
        found = pools.get_pool(engine, pool)
        if found is None:
            if pool is not None and pools.get_pool(engine) is not None:
                names = ", ".join(p.name for p in pools.list_pools(engine))
                raise UserError(f"There is no pool named {pool!r}; pools: {names}.")
            raise UserError(NO_POOL)
        return found

    def plan_of(self, row: pools.PoolRow) -> Plan:
        return plan_of(self._ctx.catalog, row)

    def spec_of(self, row: pools.PoolRow) -> PoolSpec:
        return spec_of(self._ctx.catalog, row)

    def read(self, conn: Connection, row: pools.PoolRow) -> PoolLedger:
        """The pool's ledger as of today, the grants, forfeits and expiries due derived (never
        stored: reading writes nothing)."""
        return self._as_of(row, pools.events(conn, row.id))

    def active_ledger(self, conn: Connection) -> tuple[pools.PoolRow, PoolLedger] | None:
        """The active pool and its ledger as of today (as :meth:`read`); None before any pool
        is set up. One fast read on SQLite (``store.pools.active_with_events``)."""
        found = pools.active_with_events(conn)
        if found is None:
            return None
        row, stored = found
        return row, self._as_of(row, stored)

    def _as_of(self, row: pools.PoolRow, stored: list[LedgerEvent]) -> PoolLedger:
        """The ledger as of today from the stored events; the same object again while the
        pool and its events are the same."""
        key = (row, len(stored), max((event.id or 0 for event in stored), default=0))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        found = ledger_as_of(self.spec_of(row), stored, self._ctx.today)
        self._last = (key, found)
        return found

    def balance(self, conn: Connection) -> int | None:
        """The active pool's balance today; None without a pool."""
        row = pools.get_pool(conn)
        return None if row is None else self.read(conn, row).balance

    def synced_events(self, conn: Connection, row: pools.PoolRow) -> list[LedgerEvent]:
        """For a use case about to write the ledger (in its write transaction): the ledger with
        every due grant, forfeit and expiry stored first. Refused while entries are dated after
        today (see ``CreditsService.mend_clock``)."""
        today = self._ctx.today
        recorded = pools.events(conn, row.id)
        events = in_force(recorded)
        ahead = [event for event in events if event.on > today]
        if ahead:
            latest = max(event.on for event in ahead)
            raise UserError(
                f"The ledger of pool {row.name!r} has {plural(len(ahead), 'entry', 'entries')}"
                " dated after today"
                f" ({today}), the latest on {latest}: written under a wrong date. Check the"
                " computer's date and the --today option; if today is right, `inmail-tui"
                " mend-clock` voids them (the ledger keeps them, marked void)."
            )
        due = due_events(self.spec_of(row), events, today)
        if due:
            events = events + self.append(conn, row, due, recorded)
        return events

    def append(
        self,
        conn: Connection,
        row: pools.PoolRow,
        new: Sequence[LedgerEvent],
        recorded: Sequence[LedgerEvent] | None = None,
    ) -> list[LedgerEvent]:
        """Append ``new`` to the pool's ledger (inside the caller's write transaction); returns
        them as stored, with their ids. ``recorded``: the pool's events as stored, if read."""
        if recorded is None:
            recorded = pools.events(conn, row.id)
        stored = pools.append_events(conn, row.id, storable(new, recorded), now=self._ctx.now)
        return in_force(stored)

    def seats(self, conn: Connection, row: pools.PoolRow) -> list[SeatRow]:
        """The pool's seats by name (none: a solo pool)."""
        return stored_seats(conn, row.id)

    def my_seat(
        self, conn: Connection, row: pools.PoolRow, found: list[SeatRow] | None = None
    ) -> SeatRow | None:
        """The user's seat on the pool (the ``seat`` setting or ``--seat``); None when no seat
        is chosen. A name the pool does not have is a ``UserError`` listing the ones it has."""
        name = self._ctx.settings.seat
        if name is None:
            return None
        found = self.seats(conn, row) if found is None else found
        if not found:
            raise UserError(
                f"Pool {row.name!r} has no seats, so there is no seat {name!r}: add one with"
                " `inmail-tui seats add NAME`, or drop the seat setting (--seat)."
            )
        return seat_named(row, found, name)

    def sender_seat(
        self, conn: Connection, row: pools.PoolRow | None, found: list[SeatRow] | None = None
    ) -> SeatRow | None:
        """The seat a write records (None on a solo pool). A pool with seats needs one chosen:
        a ``UserError`` says how."""
        if row is None:
            return None
        found = self.seats(conn, row) if found is None else found
        seat = self.my_seat(conn, row, found)
        if seat is None and found:
            known = ", ".join(s.name for s in found)
            raise UserError(
                f"Pool {row.name!r} is shared by seats ({known}): pick yours with --seat NAME"
                ' or `seat = "NAME"` in settings.toml.'
            )
        return seat

    def class_view(self, conn: Connection) -> PoolView:
        """The view the stored cost class is derived with (``Derivation.classify_view``): the
        plan and the next grant, with the balance, the month's counts and the seat left out, so
        it reads neither the ledger nor the touches (a send re-derives its row with it)."""
        from inmail_tui.core.rules import PoolView

        row = pools.get_pool(conn)
        if row is None:
            return PoolView(self._ctx.catalog[FALLBACK_PLAN], 1, None)
        spec = self.spec_of(row)
        return PoolView(spec.plan, 1, next_grant(spec, self._ctx.today))

    def roster(self, conn: Connection) -> Roster | None:
        """The active pool with its seats and the user's (None: no pool yet). Read once per
        decision: the rules view and the team facts both come from it."""
        row = pools.get_pool(conn)
        if row is None:
            return None
        found = self.seats(conn, row)
        return Roster(row, found, self.my_seat(conn, row, found))

    def rules_view(self, conn: Connection, roster: Roster | None = None) -> PoolView:
        """The active pool as the rules engine sees it: plan, balance, next grant, this month's
        and week's use of the free allowances, and the user's seat's use of its limit.
        ``roster``: the pool as ``roster`` read it in this transaction (read here when not
        given)."""
        from inmail_tui.core.rules import PoolView  # (these two: not on the balance path)
        from inmail_tui.store import touches

        today = self._ctx.today
        roster = self.roster(conn) if roster is None else roster
        if roster is None:
            return PoolView(self._ctx.catalog[FALLBACK_PLAN], 0, None)
        spec = self.spec_of(roster.row)
        used = touches.usage(conn, today)
        ledger = self.read(conn, roster.row)
        seat = roster.me
        return PoolView(
            spec.plan,
            ledger.balance,
            next_grant(spec, today),
            open_profile_used_this_month=used.open_profile_this_month,
            group_messages_this_month=used.group_messages_this_month,
            invitations_this_week=used.invitations_this_week,
            seat=seat.name if seat else None,
            seat_limit=seat.monthly_limit if seat else None,
            seat_used_this_month=spent_by_seat(ledger.events, today).get(seat.id, 0) if seat else 0,
        )

    def limits(self) -> Limits:
        """The drafting limits of the active pool's plan (Premium Career's without a pool)."""
        from inmail_tui.core.lint import Limits  # (regex: not on the balance path)

        row = self.active()
        return Limits.for_plan(self.plan_of(row) if row else self._ctx.catalog[FALLBACK_PLAN])


def find_seat(found: Sequence[SeatRow], name: str) -> SeatRow | None:
    """The seat of ``found`` named ``name`` (seat names match trimmed and casefolded)."""
    wanted = name.strip().casefold()
    return next((seat for seat in found if seat.name.casefold() == wanted), None)


def seat_named(row: pools.PoolRow, found: Sequence[SeatRow], name: str) -> SeatRow:
    """The seat of ``found`` named ``name``, or a ``UserError`` listing the pool's seats."""
    seat = find_seat(found, name)
    if seat is None:
        known = ", ".join(s.name for s in found)
        raise UserError(f"Pool {row.name!r} has no seat {name!r}; its seats: {known}.")
    return seat
