"""The daily agenda: what to do on a day, for whom, why and at what cost (docs/planning.md).

``planner.agenda.day(on)`` reads the active pool (the balance above the reserve, the credit-backs
still pending, the forfeit deadline), the candidate rows (``store.agenda``: by index, never the
whole table) and the holds, and hands them to the pure ``core.agenda.build_agenda``.

A line leaves the agenda when what it asks is done: ``done`` records the action's pipeline step
through the outreach use cases (a connection request marks the prospect requested, an answer or
a message marks them messaged, a withdrawn invitation marks the request unanswered), so the
prospect's status no longer puts them on the agenda; an action with nothing to record (a
credit-back window) is held off it as done. An InMail is marked sent where its credit is spent
(the drafter, or ``inmail-tui sent``), which takes it off the same way. ``skip`` holds a line
until tomorrow, ``snooze`` for some days.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from inmail_tui.core.agenda import (
    LINES_PER_ACTION,
    SNOOZE_DAYS,
    Action,
    Agenda,
    AgendaRules,
    Candidate,
    CreditBackDue,
    Forfeit,
    HoldKind,
    Line,
    build_agenda,
    forfeit_of,
    hold_until,
    invitations_left,
)
from inmail_tui.core.calendar import PoolSpec
from inmail_tui.core.forecast import outlook
from inmail_tui.core.ledger import PendingCreditBack, pending_credit_backs
from inmail_tui.core.spend_plan import Knobs
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, Kept, user_facing
from inmail_tui.planner.derive import find
from inmail_tui.planner.pools import PoolLedger, Pools
from inmail_tui.store import agenda as store
from inmail_tui.store import spend_candidates
from inmail_tui.store.changes import Marker

if TYPE_CHECKING:
    from inmail_tui.planner.outreach import OutreachService


@dataclass(frozen=True)
class AgendaView:
    """The day's agenda with the pool's facts beside it."""

    agenda: Agenda
    pool: str | None  # the active pool's name (None: no pool set up)
    balance: int | None
    reserve: int
    forfeit: Forfeit | None

    @property
    def on(self) -> date:
        return self.agenda.today

    @property
    def lines(self) -> list[Line]:
        return self.agenda.lines

    def counts(self) -> dict[Action, int]:
        return {group.action: group.count for group in self.agenda.groups}

    def to_json(self) -> dict[str, Any]:
        """The ``agenda --json`` document (its keys are listed in the README)."""
        a = self.agenda
        forfeit = self.forfeit
        return {
            "on": a.today.isoformat(),
            "pool": self.pool,
            "balance": self.balance,
            "reserve": self.reserve,
            "available": a.available,
            "invitations_left": a.invitations_left,
            "forfeit": None
            if forfeit is None
            else {
                "credits": forfeit.credits,
                "lost": forfeit.lost,
                "before": forfeit.before.isoformat(),
                "days_left": forfeit.days_left,
                "says": forfeit.says(),
            },
            "counts": {action.value: n for action, n in self.counts().items()},
            "groups": [
                {
                    "action": g.action.value,
                    "label": g.action.label,
                    "count": g.count,
                    "more": g.more,
                    "lines": [_line_json(line) for line in g.lines],
                }
                for g in a.groups
            ],
        }


def _line_json(line: Line) -> dict[str, Any]:
    return {
        "id": line.prospect_id,
        "name": line.name,
        "url": line.url,
        "action": line.action.value,
        "channel": None if line.channel is None else line.channel.value,
        "fit": line.fit,
        "why": line.why,
        "cost": line.cost,
        "due": line.due.isoformat(),
    }


@dataclass(frozen=True)
class HoldResult:
    """What ``done``, ``skip`` or ``snooze`` did: the sentence to show."""

    prospect_id: int
    action: Action
    message: str
    until: date | None = None  # a hold: the first day the line may show again


def parse_action(action: Action | str) -> Action:
    if isinstance(action, Action):
        return action
    try:
        return Action.parse(action)
    except ValueError as exc:
        raise UserError(f"Unknown agenda action: {exc}.") from None


@dataclass(frozen=True)
class _PoolFacts:
    """What a day's agenda reads beside its candidates: the pool and its ledger's figures, the
    credit-backs due, the week's invitations and the holds."""

    pool: str | None
    balance: int | None
    forfeit: Forfeit | None
    dues: list[CreditBackDue]
    budget: int
    invitations_sent: dict[date, int]
    held: dict[Action, set[int]]


class AgendaService:
    def __init__(
        self,
        ctx: Context,
        pools: Pools,
        outreach: Callable[[], OutreachService],
        marker: Callable[[], Marker] | None = None,
    ) -> None:
        """``marker``: the database's change marker (``MaintenanceService.change_marker``); on
        SQLite the pool's facts are kept from one agenda to the next until it moves."""
        self._ctx = ctx
        self._pools = pools
        self._outreach = outreach
        self._marker = marker if ctx.engine.dialect.name == "sqlite" else None
        self._facts: Kept[_PoolFacts] = Kept()  # until the marker moves or the day changes
        # the forfeit deadline and the credit-backs due: while the ledger and the day are the same
        self._ledger_facts_kept: Kept[tuple[Forfeit | None, list[PendingCreditBack]]] = Kept()

    @user_facing
    def day(self, on: date | None = None) -> AgendaView:
        """The agenda of ``on`` (by default today), from what is recorded today."""
        ctx, settings = self._ctx, self._ctx.settings
        on = on or ctx.today
        lines = LINES_PER_ACTION
        # Read before the transaction: while it stays the same, nothing was committed since the
        # kept facts were read (SQLite's data_version, on a connection that never writes).
        key = None if self._marker is None else (on, self._marker())
        with ctx.read() as conn:
            facts = self._facts.get(key, lambda: self._pool_facts(conn, on))
            knobs = Knobs(
                reserve=settings.reserve,
                min_fit=settings.min_fit,
                strong_fit=settings.strong_fit,
                connect_wait_days=settings.connect_wait_days,
                invitation_weekly_budget=facts.budget,
                invitations_sent=facts.invitations_sent,
            )
            available = max(0, (facts.balance or 0) - settings.reserve)
            rules = AgendaRules(
                knobs,
                available,
                withdraw_after_days=settings.withdraw_after_days,
                credit_back_within_days=settings.credit_back_within_days,
                lines_per_action=lines,
            )
            held = facts.held

            def skip(action: Action) -> set[int]:
                return held.get(action, set())

            left = invitations_left(knobs, on)
            room = lines if left is None else min(left, lines)
            candidates: list[Candidate] = []
            # one more than the room: whether more wait
            candidates += store.new_for_requests(conn, room + 1, skip(Action.REQUEST))
            candidates += store.inmails_due(
                conn,
                today=on,
                wait_days=settings.connect_wait_days,
                strong_fit=settings.strong_fit,
                min_fit=settings.min_fit,
                limit=min(available, lines) + 1,  # one more: whether more are due
                held=skip(Action.INMAIL),
            )
            withdraw_by = on - timedelta(days=settings.withdraw_after_days)
            candidates += store.to_withdraw(conn, withdraw_by, lines + 1, skip(Action.WITHDRAW))
            for action in store.FOLLOW_UPS:
                candidates += store.follow_ups(conn, action, lines + 1, skip(action))
        holds = [(pid, action) for action, ids in held.items() for pid in ids]
        agenda = build_agenda(on, candidates, rules, credit_backs=facts.dues, holds=holds)
        return AgendaView(agenda, facts.pool, facts.balance, settings.reserve, facts.forfeit)

    def _pool_facts(self, conn: Connection, on: date) -> _PoolFacts:
        # in the same read as the candidates: one snapshot
        found = self._pools.active_ledger(conn)
        row = balance = forfeit = None
        dues: list[CreditBackDue] = []
        budget = 0
        if found is not None:
            row, ledger = found
            spec = self._pools.spec_of(row)
            budget = spec.plan.invitation_weekly_budget
            balance = ledger.balance
            forfeit, pending = self._ledger_facts(spec, ledger, on)
            found_by_url = store.by_urls(conn, (p.spend.ref or "" for p in pending))
            dues = [
                CreditBackDue(found_by_url[p.spend.ref], p.spend.on, p.deadline)
                for p in pending
                if p.spend.ref in found_by_url
            ]
        return _PoolFacts(
            row.name if row else None,
            balance,
            forfeit,
            dues,
            budget,
            spend_candidates.invitations_by_day(conn, on),
            store.holds(conn, on),
        )

    def _ledger_facts(
        self, spec: PoolSpec, ledger: PoolLedger, on: date
    ) -> tuple[Forfeit | None, list[PendingCreditBack]]:
        """The forfeit deadline and the credit-backs whose window ends soon, from the ledger;
        kept while the pool's ledger and the day are the same (``Pools.active_ledger`` gives
        the same ledger again while its events are unchanged)."""

        def read() -> tuple[Forfeit | None, list[PendingCreditBack]]:
            events = ledger.events
            look = outlook(spec, events, on)
            forfeit = forfeit_of(
                on, look.next_grant, look.forfeit_at_next_grant, look.sends_to_avoid_forfeit
            )
            ending = on + timedelta(days=self._ctx.settings.credit_back_within_days)
            pending = [
                p
                for p in pending_credit_backs(spec, events, on)
                if p.deadline <= ending and p.spend.ref
            ]
            return forfeit, pending

        # its id first: a ledger read again is told apart without comparing its events
        return self._ledger_facts_kept.get((id(ledger), ledger, on), read)

    @user_facing
    def done(
        self, prospect_id: int | str, action: Action | str, on: date | None = None
    ) -> HoldResult:
        """Mark a line done. An action with a pipeline step records it (``Action.records``)
        through the outreach use cases; one with nothing to record is held off as done."""
        act = parse_action(action)
        on = on or self._ctx.today
        with self._ctx.read() as conn:
            row = find(conn, prospect_id)
        name = row.full_name or row.url
        if act == Action.INMAIL:
            raise UserError(
                f"An InMail to {name} is marked sent where its credit is spent: the drafter's"
                f" mark sent, or inmail-tui sent {row.url}."
            )
        status = act.records
        if status is None:
            return self._hold(row.id, act, HoldKind.DONE, on, name)
        result = self._outreach().mark([row.id], status, on)
        if result.skipped:
            raise UserError(f"Not marked done: {result.skipped[0][1]}")
        return HoldResult(row.id, act, f"Done: {act.label} ({name}), marked {status.label}.")

    @user_facing
    def skip(
        self, prospect_id: int | str, action: Action | str, on: date | None = None
    ) -> HoldResult:
        """Hold a line off the agenda until tomorrow."""
        act = parse_action(action)
        on = on or self._ctx.today
        with self._ctx.read() as conn:
            row = find(conn, prospect_id)
        return self._hold(row.id, act, HoldKind.SKIP, on, row.full_name or row.url)

    @user_facing
    def snooze(
        self, prospect_id: int | str, action: Action | str, days: int, on: date | None = None
    ) -> HoldResult:
        """Hold a line off the agenda for ``days`` days (from 1 to 365)."""
        act = parse_action(action)
        low, high = SNOOZE_DAYS
        if not low <= days <= high:
            raise UserError(f"A line is snoozed for {low} to {high} days, not {days:,}.")
        on = on or self._ctx.today
        with self._ctx.read() as conn:
            row = find(conn, prospect_id)
        return self._hold(row.id, act, HoldKind.SNOOZE, on, row.full_name or row.url, days)

    def _hold(
        self, prospect_id: int, action: Action, kind: HoldKind, on: date, name: str, days: int = 0
    ) -> HoldResult:
        due = on + timedelta(days=self._ctx.settings.credit_back_within_days)
        until = hold_until(kind, on, due, days)
        with self._ctx.write() as conn:
            store.add_hold(conn, prospect_id, action, until, kind, self._ctx.now)
        said = {
            HoldKind.SKIP: "skipped until tomorrow",
            HoldKind.SNOOZE: f"snoozed until {until.isoformat()}",
            HoldKind.DONE: "done",
        }[kind]
        return HoldResult(prospect_id, action, f"{action.label} ({name}): {said}.", until)
