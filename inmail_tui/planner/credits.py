"""Credit use cases: set a plan, read the balance, forecast, reconcile, purchase, cancel.

A plan change changes what sends cost, so :meth:`CreditsService.set_plan` has the prospects'
stored cost classes derived again: whoever calls it, the CLI or the TUI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from inmail_tui.core.calendar import PoolSpec, check_day, next_grant
from inmail_tui.core.forecast import ForecastRow, forecast
from inmail_tui.core.ledger import (
    adjust_event,
    check_shown_balance,
    in_force,
    purchase_event,
    void_event,
)
from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Catalog, Renewal
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.ledger_view import PoolLedger, balance_view
from inmail_tui.planner.pools import Pools
from inmail_tui.planner.views import BalanceView
from inmail_tui.store import pools

if TYPE_CHECKING:
    from inmail_tui.planner.derive import Derivation

DEFAULT_POOL = "main"


@dataclass(frozen=True)
class Mended:
    """What ``mend_clock`` did: how many entries it voided (0: none were dated after today),
    the latest day among them, and the pool as it now stands."""

    voided: int
    latest: date | None
    view: BalanceView


class CreditsService:
    """The pool's plan and ledger. ``derivation`` is asked for only when a plan changes (so
    ``inmail-tui balance`` never loads the rules engine's queue side)."""

    def __init__(self, ctx: Context, pools: Pools, derivation: Callable[[], Derivation]) -> None:
        self._ctx = ctx
        self._pools = pools
        self._derivation = derivation

    @property
    def catalog(self) -> Catalog:
        return self._ctx.catalog

    def has_pool(self, pool: str | None = None) -> bool:
        return self._pools.exists(pool)

    def list_pools(self) -> list[pools.PoolRow]:
        return self._pools.all()

    @user_facing
    def set_plan(
        self,
        plan_id: str,
        renewal_day: int | None = None,
        balance: int | None = None,
        pool: str | None = None,
    ) -> BalanceView:
        """Set up a pool on ``plan_id``; with only a new balance, reconcile it instead."""
        if plan_id not in self.catalog:
            known = ", ".join(self.catalog.ids())
            raise UserError(f"Unknown plan {plan_id!r}; choose one of: {known}.")
        plan = self.catalog[plan_id]
        if balance is not None:
            check_shown_balance(plan, balance)
        self._ctx.check_writable()
        active = pools.get_pool(self._ctx.engine)
        name = pool or (active.name if active else DEFAULT_POOL)
        current = pools.get_pool(self._ctx.engine, name)
        if plan.renewal is Renewal.CALENDAR_FIRST:
            renewal_day = 1
        if (
            current is not None
            and current.plan_id == plan_id
            and (renewal_day is None or renewal_day == current.renewal_day)
        ):
            pools.set_active(self._ctx.engine, name)
            self._plan_changed(active, plan_id)
            if balance is not None:
                return self.adjust(balance, name)
            return self.balance(name)
        if balance is None:
            balance = 0
        first_pool = not pools.list_pools(self._ctx.engine)
        pools.set_pool(
            self._ctx.engine,
            name,
            plan_id,
            renewal_day or self._ctx.today.day,
            self._ctx.today,
            balance,
            now=self._ctx.now,
        )
        if first_pool:  # a new user starts with the starter templates (once: deletions stick)
            from inmail_tui.core.templates import starter_templates
            from inmail_tui.store.templates import seed_templates

            seed_templates(self._ctx.engine, starter_templates())
        self._plan_changed(active, plan_id)
        return self.balance(name)

    def _plan_changed(self, active: pools.PoolRow | None, plan_id: str) -> None:
        """The active pool is now on ``plan_id``: if that changes what sends cost, the stored
        cost classes and due dates (the queue's filters and summary) are derived again."""
        if active is None or active.plan_id != plan_id:
            self._derivation().refresh_all()

    def _view(
        self,
        row: pools.PoolRow,
        events: Sequence[LedgerEvent],
        ahead: Sequence[LedgerEvent] = (),
    ) -> BalanceView:
        return balance_view(self._pools.spec_of(row), row.name, events, self._ctx.today, ahead)

    def _read(self, row: pools.PoolRow) -> PoolLedger:
        with self._ctx.read() as conn:
            return self._pools.read(conn, row)

    @user_facing
    def balance(self, pool: str | None = None) -> BalanceView:
        """Where the pool stands today (the due grants derived; nothing is written)."""
        row = self._pools.row(pool)
        found = self._read(row)
        return self._view(row, found.events, found.ahead)

    @user_facing
    def forecast(
        self, months: int = 6, spend_per_month: int = 0, pool: str | None = None
    ) -> list[ForecastRow]:
        row = self._pools.row(pool)
        events = self._read(row).events
        return forecast(self._pools.spec_of(row), events, self._ctx.today, months, spend_per_month)

    @user_facing
    def adjust(self, shown_balance: int, pool: str | None = None) -> BalanceView:
        """Reconcile with the balance LinkedIn shows: an ``adjust`` event, history untouched."""
        row = self._pools.row(pool)
        check_shown_balance(self._pools.plan_of(row), shown_balance)
        with self._ctx.write(row.id) as conn:
            events = self._pools.synced_events(conn, row)
            event = adjust_event(events, shown_balance, self._ctx.today)
            if event is not None:
                events = events + self._pools.append(conn, row, [event])
        return self._view(row, events)

    @user_facing
    def mend_clock(self, pool: str | None = None) -> Mended:
        """Void the ledger's entries dated after today (written under a wrong clock or a wrong
        --today): one ``void`` event appended, dated today; the entries stay in the history."""
        row = self._pools.row(pool)
        today = self._ctx.today
        with self._ctx.write(row.id) as conn:
            recorded = pools.events(conn, row.id)
            ahead = [event for event in in_force(recorded) if event.on > today]
            void = void_event(recorded, today)
            if void is not None:
                self._pools.append(conn, row, [void], recorded)
            events = self._pools.synced_events(conn, row)
        latest = max((event.on for event in ahead), default=None)
        return Mended(len(ahead), latest, self._view(row, events))

    @user_facing
    def cancel(self, on: date | None = None, pool: str | None = None) -> BalanceView:
        """Record that the subscription ends: the pool goes to 0 on ``on`` (by default the end
        of the billing cycle, the next grant day), with no grant from then on."""
        row = self._pools.row(pool)
        spec = self._pools.spec_of(row)
        on = on or next_grant(spec, self._ctx.today)
        if on is None:
            raise UserError(f"Pool {row.name!r} has no grant ahead: give the date it ends.")
        if on < self._ctx.today:
            raise UserError(f"{on} has passed; give today's date or a later one.")
        check_day(on)
        self._ctx.check_writable()
        pools.cancel_pool(self._ctx.engine, row.name, on)
        return self.balance(row.name)

    @user_facing
    def purchase(self, blocks: int, pool: str | None = None) -> BalanceView:
        row = self._pools.row(pool)
        spec: PoolSpec = self._pools.spec_of(row)
        with self._ctx.write(row.id) as conn:
            events = self._pools.synced_events(conn, row)
            event = purchase_event(spec, blocks, self._ctx.today, held=ledger_balance(events))
            seat = self._pools.my_seat(conn, row)  # who bought it, when a seat is chosen
            event = replace(event, seat=seat.id if seat else None)
            events = events + self._pools.append(conn, row, [event])
        return self._view(row, events)
