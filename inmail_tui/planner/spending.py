"""The credit spend plan: which prospects get a credit, in what order and by which date.

``planner.spending.plan(until, reserve)`` reads the active pool (balance, coming grants, cap,
credit-back policy), the prospects that may need a credit (``store.spend_candidates``: by index,
never the whole table) and the InMail history (for the expected rates), and hands them to the
pure algorithm in ``core.spend_plan`` (docs/planning.md). Reading only: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any

from inmail_tui.core.calendar import PoolSpec, grant_dates, iter_grants
from inmail_tui.core.model import Status
from inmail_tui.core.plans import CreditBackPolicy
from inmail_tui.core.spend_plan import (
    Entry,
    Knobs,
    PlanDay,
    PoolState,
    Route,
    SpendPlan,
    plan_spend,
    route_of,
)
from inmail_tui.core.spend_rates import RateBook, RateSource, rates_from_history
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, Kept, user_facing
from inmail_tui.planner.pools import NO_POOL, Pools
from inmail_tui.settings import BOUNDS
from inmail_tui.store import spend_candidates, touches
from inmail_tui.store.changes import Marker
from inmail_tui.store.prospect_rows import tag_words

MAX_DAYS = 366  # a plan looks at most a year ahead
DEFAULT_DAYS = 30  # how far a plan looks when no grant is coming


@dataclass(frozen=True)
class SpendPlanView:
    """The plan with what ``spend-plan`` and the Today screen show beside it."""

    plan: SpendPlan
    pool: str
    plan_name: str
    balance: int
    names: dict[int, tuple[str, str]]  # id -> (full name, profile URL) of everyone planned

    def name(self, prospect_id: int) -> str:
        return self.names.get(prospect_id, ("", ""))[0] or f"#{prospect_id}"

    def url(self, prospect_id: int) -> str:
        return self.names.get(prospect_id, ("", ""))[1]

    def to_json(self) -> dict[str, Any]:
        """The ``spend-plan --json`` document (its keys are listed in the README)."""
        p = self.plan
        return {
            "pool": self.pool,
            "plan": self.plan_name,
            "today": p.today.isoformat(),
            "until": p.until.isoformat(),
            "balance": self.balance,
            "reserve": p.reserve,
            "keep_value": p.keep_value,
            "credits_used": p.credits_used,
            "credits_lost": p.credits_lost,
            "expected_replies": p.expected_replies,
            "expected_credit_backs": p.expected_credit_backs,
            "candidates": p.candidates,
            "waiting": p.waiting,
            "inmails": [
                {
                    "on": i.on.isoformat(),
                    "id": i.id,
                    "name": self.name(i.id),
                    "url": self.url(i.id),
                    "fit": i.fit,
                    "reply_rate": i.reply,
                    "credit_back_chance": i.back,
                    "value": i.value,
                    "ready": i.ready.isoformat(),
                    "route": i.route.value,
                    "uses_forfeit": i.uses_forfeit,
                    "rate_source": _source_json(i.source),
                    "why": i.why(p.wait_days),
                }
                for i in p.inmails
            ],
            "requests": [
                {
                    "on": r.on.isoformat(),
                    "id": r.id,
                    "name": self.name(r.id),
                    "url": self.url(r.id),
                    "fit": r.fit,
                    "inmail_from": None if r.inmail_from is None else r.inmail_from.isoformat(),
                }
                for r in p.requests
            ],
            "losses": [
                {"on": loss.on.isoformat(), "credits": loss.credits, "why": loss.why}
                for loss in p.losses
            ],
            "rate_sources": [
                {**_source_json(source), "inmails": n, "expected_replies": replies}
                for source, n, replies in p.sources()
            ],
            "days": [_day_json(d) for d in p.days],
            "weeks": [_day_json(d) for d in p.weeks()],
        }


def _source_json(source: RateSource) -> dict[str, Any]:
    return {
        "kind": source.kind,
        "label": source.label,
        "sends": source.sends,
        "replies": source.replies,
        "responses": source.responses,
        "reply_rate": source.reply_rate,
        "response_rate": source.response_rate,
        "says": source.describe(),
    }


def _day_json(day: PlanDay) -> dict[str, Any]:
    return {
        "on": day.on.isoformat(),
        "grant": day.grant,
        "lost": day.lost,
        "inmails": day.inmails,
        "requests": day.requests,
        "balance": day.balance,
        "available": day.available,
        "at_risk": day.at_risk,
    }


class SpendingService:
    def __init__(
        self, ctx: Context, pools: Pools, marker: Callable[[], Marker] | None = None
    ) -> None:
        """``marker``: the database's change marker (``MaintenanceService.change_marker``); on
        SQLite the expected rates, read from the whole InMail history, are kept from one plan to
        the next until it moves."""
        self._ctx = ctx
        self._pools = pools
        self._marker = marker if ctx.engine.dialect.name == "sqlite" else None
        self._rates: Kept[RateBook] = Kept()  # until the change marker moves

    @user_facing
    def plan(self, until: date | None = None, reserve: int | None = None) -> SpendPlanView:
        """The spend plan from today to ``until`` (by default the second coming grant), never
        spending below ``reserve`` (by default the ``reserve`` setting)."""
        ctx, settings = self._ctx, self._ctx.settings
        today = ctx.today
        row = self._pools.active()
        if row is None:
            raise UserError(NO_POOL)
        spec = self._pools.spec_of(row)
        plan = spec.plan
        until = until or _default_until(today, list(islice(iter_grants(spec, today), 2)), spec)
        if until < today:
            raise UserError(f"The plan cannot end ({until}) before today ({today}).")
        if (until - today).days > MAX_DAYS:
            raise UserError(
                f"A spend plan looks at most {MAX_DAYS} days ahead; {until} is"
                f" {(until - today).days:,} days away."
            )
        reserve = settings.reserve if reserve is None else reserve
        low, high = BOUNDS["reserve"]
        if not low <= reserve <= high:
            raise UserError(
                f"The reserve is a number of credits from {low:,} to {high:,}, not {reserve:,}."
            )
        budget = plan.invitation_weekly_budget
        weeks = (until - today).days // 7 + 1
        # Read before the transaction: while it stays the same, nothing was committed since the
        # kept rates were read (SQLite's data_version, on a connection that never writes).
        marked = None if self._marker is None else self._marker()
        with ctx.read() as conn:
            balance = self._pools.read(conn, row).balance
            rates = self._rates.get(
                marked,
                lambda: rates_from_history(
                    touches.outreach_rows(conn, inmailed_only=True),
                    settings.reply_prior_percent / 100,
                    settings.prior_weight,
                ),
            )
            knobs = Knobs(
                reserve=reserve,
                min_fit=settings.min_fit,
                strong_fit=settings.strong_fit,
                connect_wait_days=settings.connect_wait_days,
                invitation_weekly_budget=budget,
                invitations_sent=spend_candidates.invitations_by_day(conn, today),
            )
            rows = spend_candidates.candidates(
                conn,
                ready_by=until - timedelta(days=settings.connect_wait_days),
                strong_fit=settings.strong_fit,
                min_fit=settings.min_fit,
                new_limit=budget * weeks if budget > 0 else None,
            )
            entries = []
            routes: dict[tuple[str, bool], Route] = {}  # a handful of distinct ones
            for prospect_id, fit, status, status_on, tags, inmail_before in rows:
                key = (status, inmail_before)
                route = routes.get(key)
                if route is None:
                    route = routes[key] = route_of(Status(status), inmail_before)
                requested_on = status_on if route == Route.PENDING else None
                # made without Entry's generated __new__: tens of thousands per plan
                entries.append(
                    _new(Entry, (prospect_id, fit, route, requested_on, tag_words(tags)))
                )
            state = PoolState(
                today=today,
                until=until,
                balance=balance,
                cap=plan.cap,
                allowance=plan.allowance,
                grants=tuple(grant_dates(spec, today, until)),
                cancelled_on=spec.cancelled_on,
                credit_back=plan.credit_back,
                back_counts_declines=plan.credit_back_on != CreditBackPolicy.ACCEPTED_REPLIED,
            )
            result = plan_spend(state, entries, rates, knobs)
            ids = sorted({i.id for i in result.inmails} | {r.id for r in result.requests})
            names = spend_candidates.names(conn, ids)
        return SpendPlanView(result, row.name, plan.name, balance, names)


_new = tuple.__new__


def _default_until(today: date, grants: list[date], spec: PoolSpec) -> date:
    """The second coming grant; the cancellation day when it comes first; else 30 days."""
    cancel = spec.cancelled_on
    if len(grants) == 2:
        return grants[1]
    if cancel is not None and cancel > today:
        return min(cancel, today + timedelta(days=MAX_DAYS))
    return grants[0] if grants else today + timedelta(days=DEFAULT_DAYS)
