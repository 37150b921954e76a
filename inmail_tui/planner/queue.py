"""Queue use cases: pages of prospects with their tags, decision and next action; bulk edits of
what the user knows of them (priority, tags, notes).

Decisions are computed for the rows on screen only (a page), against the active pool as it is
today (:class:`~inmail_tui.planner.derive.Derivation`). Status changes, which are the pipeline,
are :class:`~inmail_tui.planner.outreach.OutreachService`'s.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from inmail_tui.core.model import Channel
from inmail_tui.core.rules import Decision
from inmail_tui.core.tags import parse_user_tags
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_errors, user_facing
from inmail_tui.planner.derive import Derivation, QueueItem, find
from inmail_tui.planner.detail import ProspectDetail, prospect_detail
from inmail_tui.store import prospects
from inmail_tui.store.queue_query import (
    Cursor,
    QueueQuery,
    SortName,
    count,
    jump_to_end,
    page,
    page_before,
)
from inmail_tui.store.tx import read_session

__all__ = [
    "Cursor",
    "QueueItem",
    "QueuePage",
    "QueueQuery",
    "QueueService",
    "QueueSummary",
    "SortName",
]


# Rows per read of a listing's stream: large enough that the per-read costs (the keyset query,
# the chunk's touch histories) vanish, small enough that a chunk's rows are a few MB.
STREAM_CHUNK = 1000


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


class QueueService:
    def __init__(self, ctx: Context, derivation: Derivation) -> None:
        self._ctx = ctx
        self._derivation = derivation

    # -- reading ----------------------------------------------------------------------------
    @user_facing
    def page(
        self,
        query: QueueQuery,
        *,
        after: Cursor | None = None,
        before: Cursor | None = None,
        to_end: bool = False,
        limit: int = 50,
    ) -> QueuePage:
        with read_session(self._ctx.engine) as conn:
            if to_end:
                found = jump_to_end(conn, query, limit)
            elif before is not None:
                found = page_before(conn, query, before, limit)
            else:
                found = page(conn, query, after, limit)
            items = self._derivation.items(conn, found.rows)
        return QueuePage(items, found.next_cursor, found.prev_cursor)

    def count(self, query: QueueQuery) -> int:
        """How many prospects match ``query`` (the "N" of "N of M")."""
        with read_session(self._ctx.engine) as conn:
            return count(conn, query)

    def total(self) -> int:
        """Every prospect (the "M" of "N of M")."""
        with read_session(self._ctx.engine) as conn:
            return prospects.total(conn)

    def any(self) -> bool:
        """Whether there is a prospect at all (cheaper than ``total`` on a large queue)."""
        with read_session(self._ctx.engine) as conn:
            return prospects.any_prospect(conn)

    def summary(self) -> QueueSummary:
        with read_session(self._ctx.engine) as conn:
            found = prospects.summary(conn, strong_fit=self._ctx.settings.strong_fit)
            balance = self._derivation.pool_balance(conn)
        return QueueSummary(
            found.free, found.credit, found.blocked, found.strong_fit_credit, balance
        )

    @user_facing
    def prospect(self, url_or_id: str | int) -> QueueItem:
        with read_session(self._ctx.engine) as conn:
            return self._derivation.items(conn, [find(conn, url_or_id)])[0]

    @user_facing
    def detail(self, url_or_id: str | int) -> ProspectDetail:
        """Everything about one prospect: facts, decision, next action, touches and drafts."""
        with read_session(self._ctx.engine) as conn:
            return prospect_detail(conn, self._derivation, url_or_id)

    @user_facing
    def cost(self, url_or_id: str | int, channel: Channel = Channel.INMAIL) -> Decision:
        """What a send on ``channel`` to this prospect costs now, by which rule, and why."""
        with read_session(self._ctx.engine) as conn:
            return self._derivation.decision(conn, find(conn, url_or_id), channel)

    @user_facing
    def ids(self, refs: Sequence[str | int]) -> list[int]:
        """The id of the prospect each of ``refs`` names (an id, a digit string or a profile
        URL in any form), in their order; a ref that names nobody is refused, naming it."""
        with read_session(self._ctx.engine) as conn:
            return [find(conn, ref).id for ref in refs]

    def iter_items(self, query: QueueQuery, limit: int | None = None) -> Iterator[QueueItem]:
        """Every matching prospect in the query's order, for the listings (``prospects``,
        ``export``): read in keyset chunks of ``STREAM_CHUNK`` rows in one read transaction, each
        chunk's items made as they are asked for, so memory stays flat on a million prospects.
        Decisions are made once per distinct input and without alternatives
        (``Derivation.streamed``): ``cost`` and ``detail`` give those."""
        with user_errors(), read_session(self._ctx.engine) as conn:
            made = self._derivation.streamed(conn)
            after: Cursor | None = None
            chunk = STREAM_CHUNK
            left = limit
            while left is None or left > 0:
                found = page(conn, query, after, chunk if left is None else min(chunk, left))
                yield from made(found.rows)
                if left is not None:
                    left -= len(found.rows)
                if found.next_cursor is None:
                    return
                after = found.next_cursor

    # -- writing ----------------------------------------------------------------------------
    @user_facing
    def set_priority(self, ids: Sequence[int], priority: int) -> int:
        if not 1 <= priority <= 5:
            raise UserError(f"Priority goes from 1 (weak fit) to 5 (strong fit), not {priority}.")
        with self._ctx.write() as conn:
            changed = prospects.set_priority(conn, ids, priority)
            self._derivation.refresh(conn, ids)
        return changed

    @user_facing
    def add_tag(self, ids: Sequence[int], tag: str) -> int:
        parsed = parse_user_tags(tag)
        if not parsed:
            raise UserError("A tag needs at least one letter or digit.")
        with self._ctx.write() as conn:
            return prospects.add_tag(conn, ids, *parsed)

    @user_facing
    def remove_tag(self, ids: Sequence[int], tag: str) -> int:
        with self._ctx.write() as conn:
            try:
                return prospects.remove_tag(conn, ids, tag)
            except ValueError as exc:  # a derived tag, or no letter at all: nothing is changed
                raise UserError(str(exc)) from None

    @user_facing
    def set_notes(self, prospect_id: int, notes: str) -> None:
        with self._ctx.write() as conn:
            prospects.set_notes(conn, [prospect_id], notes)

    @user_facing
    def write_notes(self, ids: Sequence[int], text: str, *, append: bool = False) -> int:
        """Set the notes of these prospects to ``text`` (empty: clear them), or with ``append``
        add ``text`` as a new line after the notes each one holds; returns how many prospects
        were written."""
        with self._ctx.write() as conn:
            if not append:
                return prospects.set_notes(conn, ids, text)
            written = 0
            for prospect_id in ids:
                row = prospects.get(conn, prospect_id)
                if row is not None and text:
                    notes = f"{row.notes}\n{text}" if row.notes else text
                    written += prospects.set_notes(conn, [prospect_id], notes)
            return written
