"""The planner's base: one open database, the user's settings, and an injected "today".

Every use case runs in one transaction and turns the lower layers' errors into ``UserError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from functools import wraps
from pathlib import Path
from typing import ParamSpec, Self, TypeVar

from sqlalchemy import Connection, Engine

from inmail_tui.core.calendar import PoolSpec
from inmail_tui.core.errors import DomainError
from inmail_tui.core.ledger import due_events
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Catalog, Plan
from inmail_tui.errors import UserError
from inmail_tui.settings import Settings
from inmail_tui.store import pools
from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema

P = ParamSpec("P")
R = TypeVar("R")

NO_POOL = (
    "No credit pool yet: set one up with `inmail-tui plan PLAN_ID --renewal-day N --balance N`"
    " (or open the app)."
)


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise the domain's and the store's own errors as ``UserError`` (same sentence)."""
    try:
        yield
    except DomainError as exc:
        raise UserError(str(exc)) from exc


def user_facing(method: Callable[P, R]) -> Callable[P, R]:
    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return method(*args, **kwargs)

    return wrapper


class PlannerBase:
    def __init__(self, engine: Engine, settings: Settings, today: date) -> None:
        self.engine = engine
        self.settings = settings
        self.today = today
        self.catalog: Catalog = settings.catalog()

    @classmethod
    def open(cls, db: str | Path | None, today: date, settings: Settings) -> Self:
        with user_errors():
            engine = make_engine(db)
            ensure_schema(engine)
        return cls(engine, settings, today)

    @property
    def now(self) -> datetime:
        """A timestamp for rows written "today" (noon UTC: deterministic under --today)."""
        return datetime.combine(self.today, time(12), tzinfo=UTC)

    # -- pools ------------------------------------------------------------------------------
    def pool_row(
        self, pool: str | None = None, bind: Engine | Connection | None = None
    ) -> pools.PoolRow:
        row = pools.get_pool(bind or self.engine, pool)
        if row is None:
            if pool is not None and pools.get_pool(bind or self.engine) is not None:
                names = ", ".join(p.name for p in pools.list_pools(bind or self.engine))
                raise UserError(f"There is no pool named {pool!r}; pools: {names}.")
            raise UserError(NO_POOL)
        return row

    def plan_of(self, row: pools.PoolRow) -> Plan:
        if row.plan_id not in self.catalog:
            raise UserError(
                f"Pool {row.name!r} uses plan {row.plan_id!r}, which your settings no longer"
                " define; add it back under [plans] or set another plan."
            )
        plan = self.catalog[row.plan_id]
        return plan.with_overrides(**row.overrides) if row.overrides else plan

    def spec_of(self, row: pools.PoolRow) -> PoolSpec:
        return PoolSpec(self.plan_of(row), row.renewal_day, row.opened_on, row.cancelled_on)

    def synced_events(self, conn: Connection, row: pools.PoolRow) -> list[LedgerEvent]:
        """The pool's ledger with every due grant, forfeit and expiry applied (idempotently)."""
        events = pools.events(conn, row.id)
        latest = max((event.on for event in events), default=self.today)
        if latest > self.today:
            raise UserError(
                f"The ledger of pool {row.name!r} already has entries dated {latest}, after today"
                f" ({self.today}); check the computer's date or the --today option."
            )
        due = due_events(self.spec_of(row), events, self.today)
        if due:
            events = events + pools.append_events(conn, row.id, due, now=self.now)
        return events
