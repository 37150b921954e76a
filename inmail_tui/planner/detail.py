"""One prospect in full, for the detail pane: every fact, the decision with its rule, reason and
alternatives, the next action, the whole touch history with dates, and every draft.

Built by :meth:`QueueService.detail <inmail_tui.planner.queue.QueueService.detail>` in one read
transaction, from the same :class:`~inmail_tui.planner.derive.Derivation` as the queue's rows,
so the pane and the row never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner.derive import Derivation, QueueItem, find
from inmail_tui.store import drafts, seats, touches


@dataclass(frozen=True)
class HistoryEntry:
    """One touch: what happened, when, on which channel, and whether the ledger moved with it (a
    send that spent a credit, a response that gave one back)."""

    on: date
    kind: str  # a Status value, or "note"
    label: str  # the status's label ("connection requested"), or "note"
    channel: Channel | None
    on_ledger: bool
    note: str


@dataclass(frozen=True)
class DraftEntry:
    """One draft written to the prospect (sent or still being written)."""

    id: int
    channel: Channel
    subject: str
    body: str
    variant: str
    sent_on: date | None  # None: not sent yet
    updated_at: datetime


@dataclass(frozen=True)
class ProspectDetail:
    """A prospect with what the planner makes of them today, their history and their drafts."""

    item: QueueItem  # the row (every fact), tags, the InMail decision and the next action
    history: tuple[HistoryEntry, ...]  # oldest first
    drafts: tuple[DraftEntry, ...]  # the last changed first
    owner: str | None = None  # the seat that claimed them (team pools)


def _label(kind: str) -> str:
    try:
        return Status(kind).label
    except ValueError:
        return kind


def _channel(value: str | None) -> Channel | None:
    try:
        return None if value is None else Channel(value)
    except ValueError:
        return None


def prospect_detail(
    conn: Connection, derivation: Derivation, url_or_id: str | int
) -> ProspectDetail:
    """The detail of one prospect, read on ``conn`` (one snapshot)."""
    item = derivation.items(conn, [find(conn, url_or_id)])[0]
    prospect_id = item.row.id
    history = tuple(
        HistoryEntry(
            touch.on,
            touch.kind,
            _label(touch.kind),
            _channel(touch.channel),
            touch.ledger_id is not None,
            touch.note,
        )
        for touch in touches.touches(conn, prospect_id)
    )
    written = tuple(
        DraftEntry(
            draft.id,
            draft.channel,
            draft.subject,
            draft.body,
            draft.variant,
            draft.sent_on,
            draft.updated_at,
        )
        for draft in drafts.drafts_of(conn, prospect_id)
    )
    owner = None if item.row.owner_seat is None else seats.seat_name(conn, item.row.owner_seat)
    return ProspectDetail(item, history, written, owner)
