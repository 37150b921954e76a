"""Queue use cases: pages of prospects with their tags, decision and next action; bulk edits.

Decisions are computed for the rows on screen only (a page), against the active pool as it is
today; the stored ``cost_class`` and ``next_due`` columns exist so that SQL can filter and sort
on them, and are refreshed whenever a prospect or the pool changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection

from inmail_tui.core.calendar import next_grant
from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.model import Channel, Degree, ProspectFacts, Status, ThreadState
from inmail_tui.core.pipeline import NextAction, check_move, next_action
from inmail_tui.core.rules import Decision, PoolView, decide
from inmail_tui.core.tags import parse_user_tags
from inmail_tui.core.urls import normalize_profile_url
from inmail_tui.errors import UserError
from inmail_tui.planner.base import PlannerBase, user_facing
from inmail_tui.store import pools, prospects, touches
from inmail_tui.store.prospect_rows import FACT_COLUMNS, ProspectRow, facts_of
from inmail_tui.store.queue_query import Cursor, QueueQuery, count, jump_to_end, page, page_before
from inmail_tui.store.tx import read_session, write_tx

__all__ = ["Cursor", "QueueItem", "QueuePage", "QueueQuery", "QueueSummary"]

# Without a pool (nothing set up yet) decisions are made for a Premium Career sender, the most
# common paid seat, so the queue still says who is free to reach.
FALLBACK_PLAN = "premium_career"


@dataclass(frozen=True)
class QueueItem:
    row: ProspectRow
    tags: tuple[str, ...]
    decision: Decision
    next_action: NextAction


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    next_cursor: Cursor | None
    prev_cursor: Cursor | None


@dataclass(frozen=True)
class QueueSummary:
    free: int
    credit: int
    blocked: int
    strong_fit_credit: int
    balance: int | None

    def text(self) -> str:
        parts = [
            f"{self.free:,} free to reach",
            f"{self.credit:,} cost a credit",
            f"{self.blocked:,} cannot be reached",
        ]
        strong = f"strong fits need {self.strong_fit_credit:,} credits"
        if self.balance is not None:
            strong += f" of {self.balance:,}"
        return " · ".join([*parts, strong])


@dataclass(frozen=True)
class MarkResult:
    changed: int
    skipped: list[tuple[int, str]]
    credited_back: int = 0  # credits the marked responses gave back


# Every column that ``derived_columns`` reads: rows equal in these derive the same values.
DECISION_INPUTS = (*FACT_COLUMNS, "status", "status_on")


def thread_of(status: str, status_on: date | None, degree: Degree) -> ThreadState:
    """The thread state a prospect's current status implies (enough for its decision)."""
    s = Status(status)
    return ThreadState(
        replied=s in (Status.REPLIED, Status.ACCEPTED),
        inmail_pending=s == Status.INMAIL_SENT,
        connect_requested_on=status_on if s == Status.CONNECT_REQUESTED else None,
        connected=s == Status.CONNECTED or degree == Degree.FIRST,
        do_not_contact=s == Status.DO_NOT_CONTACT,
    )


class QueueMixin(PlannerBase):
    # -- the pool as the rules see it -------------------------------------------------------
    def pool_view(self, conn: Connection) -> PoolView:
        row = pools.get_pool(conn)
        if row is None:
            return PoolView(self.catalog[FALLBACK_PLAN], 0, None)
        spec = self.spec_of(row)
        events = pools.events(conn, row.id)
        used = touches.usage(conn, self.today)
        return PoolView(
            spec.plan,
            ledger_balance(events),
            next_grant(spec, self.today),
            open_profile_used_this_month=used.open_profile_this_month,
            group_messages_this_month=used.group_messages_this_month,
            invitations_this_week=used.invitations_this_week,
        )

    def classify_view(self, view: PoolView) -> PoolView:
        """The view used for the stored cost class: what a send costs, whatever the balance
        and this month's use of the free allowances (so the stored class does not go stale).

        A credit send with the balance at 0 is still "credit" in the filters; the decision shown
        for each row (made with the real balance and usage) says it must wait for the grant.
        """
        return replace(
            view,
            balance=max(view.balance, 1),
            open_profile_used_this_month=0,
            group_messages_this_month=0,
            invitations_this_week=0,
        )

    def _decide(self, view: PoolView, facts: ProspectFacts, thread: ThreadState) -> Decision:
        return decide(
            view,
            facts,
            Channel.INMAIL,
            thread,
            self.today,
            connect_wait_days=self.settings.connect_wait_days,
        )

    def deriver(self, view: PoolView) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        """``derived_columns`` for many rows at once: most rows share a handful of fact sets,
        so each distinct one is decided once (the rules take ~15 µs a call; imports are 100k)."""
        memo: dict[tuple[Any, ...], dict[str, Any]] = {}

        def derive(values: Mapping[str, Any]) -> dict[str, Any]:
            key = tuple(values[name] for name in DECISION_INPUTS)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.derived_columns(view, values)
            return found

        return derive

    def derived_columns(self, view: PoolView, values: Mapping[str, Any]) -> dict[str, Any]:
        """``cost_class`` and ``next_due`` for a prospect row's values."""
        facts = facts_of(values)
        thread = thread_of(values["status"], values["status_on"], facts.degree)
        decision = self._decide(self.classify_view(view), facts, thread)
        action = self._next_action(facts, thread, values["status"], values["status_on"])
        return {"cost_class": decision.cost_class, "next_due": action.due}

    def _next_action(
        self, facts: ProspectFacts, thread: ThreadState, status: str, status_on: date | None
    ) -> NextAction:
        return next_action(
            facts,
            thread,
            Status(status),
            status_on,
            self.today,
            connect_wait_days=self.settings.connect_wait_days,
            strong_fit=self.settings.strong_fit,
        )

    def item_of(self, view: PoolView, row: ProspectRow) -> QueueItem:
        facts = row.facts
        thread = thread_of(row.status, row.status_on, row.degree)
        return QueueItem(
            row=row,
            tags=row.tags,
            decision=self._decide(view, facts, thread),
            next_action=self._next_action(facts, thread, row.status, row.status_on),
        )

    # -- reading ----------------------------------------------------------------------------
    @user_facing
    def queue_page(
        self,
        query: QueueQuery,
        *,
        after: Cursor | None = None,
        before: Cursor | None = None,
        to_end: bool = False,
        limit: int = 50,
    ) -> QueuePage:
        with read_session(self.engine) as conn:
            if to_end:
                found = jump_to_end(conn, query, limit)
            elif before is not None:
                found = page_before(conn, query, before, limit)
            else:
                found = page(conn, query, after, limit)
            view = self.pool_view(conn)
        items = [self.item_of(view, row) for row in found.rows]
        return QueuePage(items, found.next_cursor, found.prev_cursor)

    def queue_count(self, query: QueueQuery) -> int:
        with read_session(self.engine) as conn:
            return count(conn, query)

    def queue_total(self) -> int:
        with read_session(self.engine) as conn:
            return prospects.total(conn)

    def queue_summary(self) -> QueueSummary:
        with read_session(self.engine) as conn:
            found = prospects.summary(conn, strong_fit=self.settings.strong_fit)
            pool = pools.get_pool(conn)
            balance = None if pool is None else ledger_balance(pools.events(conn, pool.id))
        return QueueSummary(
            found.free, found.credit, found.blocked, found.strong_fit_credit, balance
        )

    def find(self, conn: Connection, url_or_id: str | int) -> ProspectRow:
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

    @user_facing
    def prospect(self, url_or_id: str | int) -> QueueItem:
        with read_session(self.engine) as conn:
            row = self.find(conn, url_or_id)
            return self.item_of(self.pool_view(conn), row)

    @user_facing
    def cost(self, url_or_id: str | int, channel: Channel = Channel.INMAIL) -> Decision:
        with read_session(self.engine) as conn:
            row = self.find(conn, url_or_id)
            view = self.pool_view(conn)
        thread = thread_of(row.status, row.status_on, row.degree)
        return decide(
            view,
            row.facts,
            channel,
            thread,
            self.today,
            connect_wait_days=self.settings.connect_wait_days,
        )

    def iter_items(self, query: QueueQuery, limit: int | None = None) -> Iterator[QueueItem]:
        """Every matching prospect, page by page (for the CLI and export)."""
        after: Cursor | None = None
        seen = 0
        while True:
            found = self.queue_page(query, after=after, limit=500)
            for item in found.items:
                if limit is not None and seen >= limit:
                    return
                seen += 1
                yield item
            if found.next_cursor is None:
                return
            after = found.next_cursor

    # -- writing ----------------------------------------------------------------------------
    def _refresh(self, conn: Connection, ids: Sequence[int]) -> None:
        view = self.pool_view(conn)
        pairs = []
        for prospect_id in ids:
            row = prospects.get(conn, prospect_id)
            if row is None:
                continue
            derived = self.derived_columns(view, _values(row))
            pairs.append((prospect_id, derived))
        prospects.set_derived(conn, pairs)

    def refresh_all(self) -> int:
        """Re-derive every prospect's stored cost class and due date (after a plan change).

        One transaction; rows are streamed and each distinct fact set is decided once.
        """
        with write_tx(self.engine) as conn:
            derive = self.deriver(self.pool_view(conn))
            batch: list[tuple[int, dict[str, Any]]] = []
            done = 0
            for row in prospects.iter_all(conn):
                batch.append((row.id, derive(_values(row))))
                if len(batch) >= 2000:
                    prospects.set_derived(conn, batch)
                    done, batch = done + len(batch), []
            prospects.set_derived(conn, batch)
        return done + len(batch)

    @user_facing
    def set_priority(self, ids: Sequence[int], priority: int) -> int:
        if not 1 <= priority <= 5:
            raise UserError(f"Priority goes from 1 (weak fit) to 5 (strong fit), not {priority}.")
        with write_tx(self.engine) as conn:
            changed = prospects.set_priority(conn, ids, priority)
            self._refresh(conn, ids)
        return changed

    @user_facing
    def add_tag(self, ids: Sequence[int], tag: str) -> int:
        parsed = parse_user_tags(tag)
        if not parsed:
            raise UserError("A tag needs at least one letter or digit.")
        with write_tx(self.engine) as conn:
            return sum(prospects.add_tag(conn, ids, one) for one in parsed)

    @user_facing
    def remove_tag(self, ids: Sequence[int], tag: str) -> int:
        with write_tx(self.engine) as conn:
            return prospects.remove_tag(conn, ids, tag)

    @user_facing
    def set_notes(self, prospect_id: int, notes: str) -> None:
        with write_tx(self.engine) as conn:
            prospects.set_notes(conn, [prospect_id], notes)

    @user_facing
    def mark(self, ids: Sequence[int], status: Status, on: date | None = None) -> MarkResult:
        """Record a status change (a touch) for each prospect where the pipeline allows it."""
        on = on or self.today
        changed, skipped = [], []
        with write_tx(self.engine) as conn:
            for prospect_id in ids:
                row = prospects.get(conn, prospect_id)
                if row is None:
                    skipped.append((prospect_id, "no such prospect"))
                    continue
                try:
                    check_move(Status(row.status), status)
                except ValueError as exc:
                    skipped.append((prospect_id, str(exc)))
                    continue
                touches.add_touch(conn, prospect_id, status.value, on)
                prospects.set_status(conn, [prospect_id], status.value, on, row.next_due)
                changed.append(prospect_id)
            self._refresh(conn, changed)
        return MarkResult(len(changed), skipped)


def _values(row: ProspectRow) -> dict[str, Any]:
    """The row's values of the columns its derived columns come from."""
    return {name: getattr(row, name) for name in DECISION_INPUTS}
