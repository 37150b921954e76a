"""What the rules engine says of each prospect, and the columns stored from it.

:class:`Derivation` is the one place a prospect's decision and next action are made: from its
facts, its current status and its whole touch history (a prospect who replied keeps an open
thread whatever is marked after; a pending InMail stays pending). The stored ``cost_class`` and
``next_due`` columns exist so that SQL can filter and sort on them; they are derived again here
whenever a prospect, its status or the plan changes, whichever service made the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Connection

from inmail_tui.core.model import Channel, Degree, ProspectFacts, Status, ThreadState
from inmail_tui.core.pipeline import NextAction, next_action, thread_state
from inmail_tui.core.rules import Decision, PoolView, decide
from inmail_tui.core.tags import derived_tags
from inmail_tui.core.team import TeamFacts
from inmail_tui.core.urls import normalize_profile_url
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context
from inmail_tui.planner.pools import Pools, Roster
from inmail_tui.store import prospects, touches
from inmail_tui.store.prospect_rows import FACT_COLUMNS, ProspectRow, facts_of

# Every column the derived columns come from (with the thread): equal inputs, equal outputs.
DECISION_INPUTS = (*FACT_COLUMNS, "status", "status_on")
# The inputs a memo of decisions is keyed on: the email only matters as known or not, so it is
# keyed apart (a lead list holds as many addresses as rows).
_KEYED = tuple(name for name in DECISION_INPUTS if name != "email")
_key_of = attrgetter(*_KEYED)  # a ProspectRow's values of ``_KEYED``, as a tuple
_keyed_values = itemgetter(*_KEYED)  # the same of a row's values (a mapping)
# A stream's memo of decisions is emptied past this many distinct inputs (a long touch history
# makes each touched prospect its own input): the memory of a listing stays flat.
STREAM_MEMO = 50_000
History = Sequence[tuple[Status, date]]


@dataclass(frozen=True)
class QueueItem:
    """A prospect with what the planner makes of it today."""

    row: ProspectRow
    tags: tuple[str, ...]
    decision: Decision  # an InMail to them: what it costs, by which rule, and cheaper ways
    next_action: NextAction


def find(conn: Connection, url_or_id: str | int) -> ProspectRow:
    """A prospect by id, by a digit string, or by any form of their profile URL."""
    key: str | int = url_or_id
    if isinstance(url_or_id, str) and not url_or_id.isdigit():
        try:
            key = normalize_profile_url(url_or_id)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    elif isinstance(url_or_id, str):
        key = int(url_or_id)
    row = prospects.get(conn, key)
    if row is None:
        raise UserError(f"No prospect {url_or_id!r}: import them first (inmail-tui import).")
    return row


_STATUSES = frozenset(status.value for status in Status)


def _history(kinds: Iterable[tuple[str, date]]) -> tuple[tuple[Status, date], ...]:
    return tuple((Status(kind), on) for kind, on in kinds if kind in _STATUSES)


class Derivation:
    def __init__(self, ctx: Context, pools: Pools) -> None:
        self._ctx = ctx
        self._pools = pools

    # -- threads ---------------------------------------------------------------------------
    def histories(
        self, conn: Connection, ids: Iterable[int] | None = None
    ) -> dict[int, tuple[tuple[Status, date], ...]]:
        """The touch histories of ``ids`` (of every prospect with touches when None)."""
        found = touches.histories(conn, ids)
        return {prospect_id: _history(kinds) for prospect_id, kinds in found.items()}

    def pool_balance(self, conn: Connection) -> int | None:
        """The active pool's balance today (None without a pool)."""
        return self._pools.balance(conn)

    def thread(
        self, status: str, status_on: date | None, degree: Degree, history: History
    ) -> ThreadState:
        return thread_state(Status(status), status_on, Degree(degree), history)

    # -- decisions -------------------------------------------------------------------------
    def decide(
        self,
        view: PoolView,
        facts: ProspectFacts,
        thread: ThreadState,
        channel: Channel,
        team: TeamFacts | None = None,
        *,
        alternatives: bool = True,
    ) -> Decision:
        return decide(
            view,
            facts,
            channel,
            thread,
            self._ctx.today,
            connect_wait_days=self._ctx.settings.connect_wait_days,
            team=team,
            alternatives=alternatives,
        )

    def team(
        self, conn: Connection, rows: Sequence[ProspectRow], roster: Roster | None
    ) -> dict[int, TeamFacts]:
        """What teammates did to each of ``rows`` (a team pool): the owner when it is another
        seat, and another seat's InMail to them. Empty on a solo pool, without a query."""
        if roster is None or not roster.seats or not rows:
            return {}
        mine = roster.me.id if roster.me else None
        names = {seat.id: seat.name for seat in roster.seats}
        sent = touches.seat_inmails(conn, [row.id for row in rows], but=mine)
        facts: dict[int, TeamFacts] = {}
        for row in rows:
            owner = row.owner_seat if row.owner_seat != mine else None
            by, on = sent.get(row.id, (None, None))
            if owner is not None or by is not None:
                facts[row.id] = TeamFacts(
                    owner=names.get(owner) if owner is not None else None,
                    claimed_on=row.claimed_on if owner is not None else None,
                    inmailed_by=names.get(by) if by is not None else None,
                    inmailed_on=on,
                )
        return facts

    def next_action(
        self, facts: ProspectFacts, thread: ThreadState, status: str, status_on: date | None
    ) -> NextAction:
        settings = self._ctx.settings
        return next_action(
            facts,
            thread,
            Status(status),
            status_on,
            self._ctx.today,
            connect_wait_days=settings.connect_wait_days,
            strong_fit=settings.strong_fit,
        )

    def items(self, conn: Connection, rows: Sequence[ProspectRow]) -> list[QueueItem]:
        """Each row with its decision (an InMail, with the real balance and what teammates did,
        alternatives included) and next action: ``streamed`` for one chunk (a page of the queue
        holds a handful of distinct inputs)."""
        return self.streamed(conn, alternatives=True)(rows)

    def streamed(
        self, conn: Connection, *, alternatives: bool = False
    ) -> Callable[[Sequence[ProspectRow]], list[QueueItem]]:
        """``items`` for the chunks of a stream read in this transaction (a listing of every
        prospect: ``prospects``, ``export``): one query for each chunk's histories and, on a
        team pool, one for what teammates did; the pool, its seats and the rules view are read
        once; the tags, decision and next action are made once per distinct input (``_maker``).
        A listing prints no alternatives, so by default the decisions come without them. The
        memo is emptied when it grows past ``STREAM_MEMO`` inputs, so memory stays flat."""
        roster = self._pools.roster(conn)
        made = self._maker(
            self._pools.rules_view(conn, roster), alternatives=alternatives, most=STREAM_MEMO
        )

        def items(rows: Sequence[ProspectRow]) -> list[QueueItem]:
            found = self.histories(conn, [row.id for row in rows])
            team = self.team(conn, rows, roster)
            return [made(row, found.get(row.id, ()), team.get(row.id)) for row in rows]

        return items

    def _maker(
        self, view: PoolView, *, alternatives: bool, most: int | None = None
    ) -> Callable[[ProspectRow, History, TeamFacts | None], QueueItem]:
        """An item maker with a memo: the tags, decision and next action are made once per
        distinct input (the decision's columns, the history and what teammates did; most
        prospects share a handful of them). ``most``: the memo is emptied when it holds that
        many."""
        memo: dict[tuple[Any, ...], tuple[tuple[str, ...], Decision, NextAction]] = {}

        def made(row: ProspectRow, history: History, team: TeamFacts | None) -> QueueItem:
            key = (*_key_of(row), bool(row.email), history, team)
            done = memo.get(key)
            if done is None:
                if most is not None and len(memo) >= most:
                    memo.clear()
                facts = row.facts
                thread = self.thread(row.status, row.status_on, row.degree, history)
                done = memo[key] = (
                    tuple(derived_tags(facts)),
                    self.decide(
                        view, facts, thread, Channel.INMAIL, team, alternatives=alternatives
                    ),
                    self.next_action(facts, thread, row.status, row.status_on),
                )
            tags, decision, action = done
            return QueueItem(row, tags + row.user_tags, decision, action)

        return made

    def decision(self, conn: Connection, row: ProspectRow, channel: Channel) -> Decision:
        """What sending on ``channel`` to this prospect costs now (real balance, usage, the
        seat's limit and what teammates did)."""
        history = self.histories(conn, [row.id]).get(row.id, ())
        thread = self.thread(row.status, row.status_on, row.degree, history)
        roster = self._pools.roster(conn)
        view = self._pools.rules_view(conn, roster)
        team = self.team(conn, [row], roster).get(row.id)
        return self.decide(view, row.facts, thread, channel, team)

    # -- stored columns --------------------------------------------------------------------
    @staticmethod
    def classify_view(view: PoolView) -> PoolView:
        """The view used for the stored cost class: what a send costs, whatever the balance
        and this month's use of the free allowances (so the stored class does not go stale).

        A credit send with the balance at 0 is still "credit" in the filters; the decision shown
        for each row (made with the real balance and usage) says it must wait for the grant.
        Claims and teammates' InMails are left out too (``columns`` passes no team facts): the
        stored class is shared by every seat, the decision shown is the seat's own.
        """
        return replace(
            view,
            balance=max(view.balance, 1),
            open_profile_used_this_month=0,
            group_messages_this_month=0,
            invitations_this_week=0,
            seat=None,  # the class is the team's: one seat's limit is not stored
            seat_limit=None,
            seat_used_this_month=0,
        )

    def columns(
        self, view: PoolView, values: Mapping[str, Any], history: History = ()
    ) -> dict[str, Any]:
        """``cost_class`` and ``next_due`` for a prospect row's values and touch history."""
        facts = facts_of(values)
        thread = self.thread(values["status"], values["status_on"], facts.degree, history)
        return self._columns(view, values, facts, thread)

    def _columns(
        self, view: PoolView, values: Mapping[str, Any], facts: ProspectFacts, thread: ThreadState
    ) -> dict[str, Any]:
        decision = self.decide(self.classify_view(view), facts, thread, Channel.INMAIL)
        action = self.next_action(facts, thread, values["status"], values["status_on"])
        return {"cost_class": decision.cost_class.value, "next_due": action.due}

    def deriver(
        self, conn: Connection, ids: Iterable[int] | None = None
    ) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        """``columns`` for many rows at once (an import, a plan change): most rows share a
        handful of fact sets, so each distinct one is decided once (the rules take ~15 µs a
        call; imports are 100k). A row's ``id`` finds its touch history (of ``ids`` only, when
        the caller knows which rows it will derive); the history enters the decision only
        through the thread state it leaves, so that is what the memo is keyed on (an archive's
        histories are nearly all different, their thread states a handful)."""
        view = self._pools.rules_view(conn)
        found = self.histories(conn, ids)
        memo: dict[tuple[Any, ...], dict[str, Any]] = {}

        def derive(values: Mapping[str, Any]) -> dict[str, Any]:
            history = found.get(values["id"], ()) if values.get("id") is not None else ()
            thread = None  # without a history, the keyed columns alone make the thread
            if history:
                degree = Degree(values["degree"])
                thread = self.thread(values["status"], values["status_on"], degree, history)
            key = (*_keyed_values(values), bool(values["email"]), thread)
            done = memo.get(key)
            if done is None:
                if thread is None:
                    done = memo[key] = self.columns(view, values)
                else:
                    done = memo[key] = self._columns(view, values, facts_of(values), thread)
            return done

        return derive

    def refresh(self, conn: Connection, ids: Sequence[int]) -> None:
        """Derive these prospects' stored columns again (inside the caller's transaction)."""
        view = self._pools.class_view(conn)
        found = self.histories(conn, ids)
        pairs = []
        for prospect_id in ids:
            row = prospects.get(conn, prospect_id)
            if row is not None:
                values = _values(row)
                pairs.append((prospect_id, self.columns(view, values, found.get(row.id, ()))))
        prospects.set_derived(conn, pairs)

    def refresh_all(self) -> int:
        """Derive every prospect's stored columns again (after a plan change); one transaction,
        rows streamed. Returns how many rows were derived."""
        with self._ctx.write() as conn:
            derive = self.deriver(conn)
            batch: list[tuple[int, dict[str, Any]]] = []
            done = 0
            for row in prospects.iter_all(conn):
                batch.append((row.id, derive(_values(row))))
                if len(batch) >= 2000:
                    prospects.set_derived(conn, batch)
                    done, batch = done + len(batch), []
            prospects.set_derived(conn, batch)
        return done + len(batch)


def _values(row: ProspectRow) -> dict[str, Any]:
    """The row's id and the values of the columns its derived columns come from."""
    return {"id": row.id, **{name: getattr(row, name) for name in DECISION_INPUTS}}
