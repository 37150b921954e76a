"""A pool's ledger as of today and the balance view made from it; and the balance's fast read.

These are the one place a stored pool and its stored entries become the ``BalanceView`` the CLI
and the screens show: ``Pools.read`` and ``CreditsService`` (the engine's path) use them, and so
does :func:`quick_balance`, which reads the same rows with the ``sqlite3`` module alone
(``store/ledger_read.py``) so that ``inmail-tui balance`` and the balance screen's first data
come before SQLAlchemy, pydantic and SQLModel are imported. Nothing here imports them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inmail_tui.core.calendar import PoolSpec
from inmail_tui.core.errors import DomainError
from inmail_tui.core.forecast import forecast, outlook
from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.ledger import due_events, in_force, pending_credit_backs
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Catalog, Plan
from inmail_tui.errors import UserError
from inmail_tui.planner.views import BalanceView
from inmail_tui.settings import Settings
from inmail_tui.store.ledger_rows import PoolRow


@dataclass(frozen=True)
class PoolLedger:
    """A pool's ledger as of today."""

    events: list[LedgerEvent]  # in force, dated today or before, with what is due applied
    ahead: list[LedgerEvent] = field(default_factory=list)  # in force but dated after today

    @property
    def balance(self) -> int:
        return ledger_balance(self.events)


def plan_of(catalog: Catalog, row: PoolRow) -> Plan:
    """The pool's plan with its overrides; a ``UserError`` when the settings lost it."""
    if row.plan_id not in catalog:
        raise UserError(
            f"Pool {row.name!r} uses plan {row.plan_id!r}, which your settings no longer"
            " define; add it back under [plans] or set another plan."
        )
    plan = catalog[row.plan_id]
    return plan.with_overrides(**row.overrides) if row.overrides else plan


def spec_of(catalog: Catalog, row: PoolRow) -> PoolSpec:
    return PoolSpec(plan_of(catalog, row), row.renewal_day, row.opened_on, row.cancelled_on)


def ledger_as_of(spec: PoolSpec, stored: Sequence[LedgerEvent], today: date) -> PoolLedger:
    """The stored entries as of ``today``: those in force, the grants, forfeits and expiries due
    derived (never stored: reading writes nothing), and those dated after today apart."""
    recorded = in_force(stored)
    events = [event for event in recorded if event.on <= today]
    ahead = [event for event in recorded if event.on > today]
    return PoolLedger(events + due_events(spec, events, today), ahead)


def balance_view(
    spec: PoolSpec,
    name: str,
    events: Sequence[LedgerEvent],
    today: date,
    ahead: Sequence[LedgerEvent] = (),
) -> BalanceView:
    """Where the pool ``name`` stands today, from its ledger as of today."""
    look = outlook(spec, events, today)
    pending = pending_credit_backs(spec, events, today)
    return BalanceView(
        pool=name,
        plan=spec.plan,
        balance=look.balance,
        allowance=look.allowance,
        cap=look.cap,
        next_grant=look.next_grant,
        days_left=look.days_left,
        forfeit_at_next_grant=look.forfeit_at_next_grant,
        sends_to_avoid_forfeit=look.sends_to_avoid_forfeit,
        pending_credit_back=len(pending),
        spent_this_cycle=look.spent_this_cycle,
        forecast=forecast(spec, events, today, months=6),
        history=list(reversed(events)),
        ahead=len(ahead),
        ahead_latest=max((event.on for event in ahead), default=None),
    )


def quick_balance(
    db: str | Path | None, today: date, settings: Settings, pool: str | None = None
) -> BalanceView | None:
    """``CreditsService.balance(pool)`` read with the ``sqlite3`` module alone, or None when
    that read cannot answer plainly (a PostgreSQL URL, no database or pool yet, another schema
    version, a plan the settings lost, a date out of range): then ask the planner, which gives
    the same view or says why not."""
    from inmail_tui.core.calendar import check_day
    from inmail_tui.paths import default_db_path
    from inmail_tui.store.ledger_read import read_ledger, sqlite_file

    path = sqlite_file(db, default_db_path)
    found = None if path is None else read_ledger(path, pool)
    if found is None:
        return None
    row, stored = found
    try:
        check_day(today)
        spec = spec_of(settings.catalog(), row)
        ledger = ledger_as_of(spec, stored, today)
        return balance_view(spec, row.name, ledger.events, today, ledger.ahead)
    except (DomainError, UserError):
        return None
