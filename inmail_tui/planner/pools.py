"""The credit pools as the services read them: which pool, on which plan, with which ledger.

:class:`Pools` is the one place that turns a stored pool into the domain's terms: its plan (with
the user's overrides), its :class:`PoolSpec`, its ledger with every due grant applied, and the
view the rules engine decides with. Every service that needs a pool is given this object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from inmail_tui.core.calendar import PoolSpec, next_grant
from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.ledger import due_events
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Plan
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context
from inmail_tui.store import pools

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


class Pools:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

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
        catalog = self._ctx.catalog
        if row.plan_id not in catalog:
            raise UserError(
                f"Pool {row.name!r} uses plan {row.plan_id!r}, which your settings no longer"
                " define; add it back under [plans] or set another plan."
            )
        plan = catalog[row.plan_id]
        return plan.with_overrides(**row.overrides) if row.overrides else plan

    def spec_of(self, row: pools.PoolRow) -> PoolSpec:
        return PoolSpec(self.plan_of(row), row.renewal_day, row.opened_on, row.cancelled_on)

    def synced_events(self, conn: Connection, row: pools.PoolRow) -> list[LedgerEvent]:
        """The pool's ledger with every due grant, forfeit and expiry applied (idempotently)."""
        today = self._ctx.today
        events = pools.events(conn, row.id)
        latest = max((event.on for event in events), default=today)
        if latest > today:
            raise UserError(
                f"The ledger of pool {row.name!r} already has entries dated {latest}, after today"
                f" ({today}); check the computer's date or the --today option."
            )
        due = due_events(self.spec_of(row), events, today)
        if due:
            events = events + pools.append_events(conn, row.id, due, now=self._ctx.now)
        return events

    def rules_view(self, conn: Connection) -> PoolView:
        """The active pool as the rules engine sees it: plan, balance, next grant and this
        month's and week's use of the free allowances."""
        from inmail_tui.core.rules import PoolView  # (these two: not on the balance path)
        from inmail_tui.store import touches

        today = self._ctx.today
        row = pools.get_pool(conn)
        if row is None:
            return PoolView(self._ctx.catalog[FALLBACK_PLAN], 0, None)
        spec = self.spec_of(row)
        used = touches.usage(conn, today)
        return PoolView(
            spec.plan,
            ledger_balance(pools.events(conn, row.id)),
            next_grant(spec, today),
            open_profile_used_this_month=used.open_profile_this_month,
            group_messages_this_month=used.group_messages_this_month,
            invitations_this_week=used.invitations_this_week,
        )

    def limits(self) -> Limits:
        """The drafting limits of the active pool's plan (Premium Career's without a pool)."""
        from inmail_tui.core.lint import Limits  # (regex: not on the balance path)

        row = self.active()
        return Limits.for_plan(self.plan_of(row) if row else self._ctx.catalog[FALLBACK_PLAN])
