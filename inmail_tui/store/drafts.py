"""Drafts: what the user is writing to a prospect, kept across sessions, and what was sent.

Timestamps come from the caller (``now``, timezone-aware); nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, select, update

from inmail_tui.core.model import Channel
from inmail_tui.store.engine import StoreError
from inmail_tui.store.models import Draft
from inmail_tui.store.tx import Bind, reading, writing

DRAFT: Table = Draft.__table__  # type: ignore[attr-defined]
WRITING = "draft"
SENT = "sent"


@dataclass(frozen=True, slots=True)
class DraftRow:
    id: int
    prospect_id: int | None
    pool_id: int | None
    channel: Channel
    subject: str
    body: str
    template_id: int | None
    variant: str
    status: str  # WRITING or SENT
    sent_on: date | None
    created_at: datetime
    updated_at: datetime


def get_draft(bind: Bind, draft_id: int) -> DraftRow | None:
    with reading(bind) as conn:
        row = conn.execute(select(DRAFT).where(DRAFT.c.id == draft_id)).first()
    return None if row is None else _draft(row)


def latest_draft(bind: Bind, prospect_id: int, channel: Channel) -> DraftRow | None:
    """The unsent draft to this prospect on this channel last saved, if any."""
    query = (
        select(DRAFT)
        .where(
            DRAFT.c.prospect_id == prospect_id,
            DRAFT.c.channel == channel.value,
            DRAFT.c.status == WRITING,
        )
        .order_by(DRAFT.c.updated_at.desc(), DRAFT.c.id.desc())
        .limit(1)
    )
    with reading(bind) as conn:
        row = conn.execute(query).first()
    return None if row is None else _draft(row)


def drafts_of(bind: Bind, prospect_id: int) -> list[DraftRow]:
    """Every draft to this prospect, sent or not, the last changed first."""
    query = (
        select(DRAFT)
        .where(DRAFT.c.prospect_id == prospect_id)
        .order_by(DRAFT.c.updated_at.desc(), DRAFT.c.id.desc())
    )
    with reading(bind) as conn:
        return [_draft(row) for row in conn.execute(query)]


def save_draft(
    bind: Bind,
    *,
    prospect_id: int | None,
    channel: Channel,
    subject: str,
    body: str,
    now: datetime,
    draft_id: int | None = None,
    template_id: int | None = None,
    variant: str = "",
    pool_id: int | None = None,
) -> DraftRow:
    """Insert a draft (``draft_id`` None) or update an unsent one, stamped ``updated_at=now``."""
    values = {
        "prospect_id": prospect_id,
        "pool_id": pool_id,
        "channel": channel.value,
        "subject": subject,
        "body": body,
        "template_id": template_id,
        "variant": variant,
        "updated_at": now,
    }
    with writing(bind) as conn:
        if draft_id is None:
            draft_id = conn.execute(
                DRAFT.insert()
                .values(status=WRITING, created_at=now, **values)
                .returning(DRAFT.c.id)
            ).scalar_one()
        else:
            _unsent(conn, draft_id)
            owner = select(DRAFT.c.prospect_id).where(DRAFT.c.id == draft_id)
            if conn.execute(owner).scalar() != prospect_id:
                raise StoreError(f"Draft {draft_id} is written to someone else.")
            conn.execute(update(DRAFT).where(DRAFT.c.id == draft_id).values(**values))
        return _draft(conn.execute(select(DRAFT).where(DRAFT.c.id == draft_id)).one())


def mark_draft_sent(bind: Bind, draft_id: int, *, on: date, now: datetime) -> DraftRow:
    """Mark a draft sent on ``on``; its text is final from then on. Refuses a draft sent before.

    Spending the credit and recording the touch belong in the same transaction: pass the
    connection of the caller's ``write_tx``.
    """
    with writing(bind) as conn:
        _unsent(conn, draft_id)
        conn.execute(
            update(DRAFT)
            .where(DRAFT.c.id == draft_id)
            .values(status=SENT, sent_on=on, updated_at=now)
        )
        return _draft(conn.execute(select(DRAFT).where(DRAFT.c.id == draft_id)).one())


def delete_draft(bind: Bind, draft_id: int) -> bool:
    """Discard an unsent draft. False when there was none; a sent draft is history and stays."""
    with writing(bind) as conn:
        if conn.execute(select(DRAFT.c.id).where(DRAFT.c.id == draft_id)).first() is None:
            return False
        _unsent(conn, draft_id)
        conn.execute(delete(DRAFT).where(DRAFT.c.id == draft_id))
        return True


def _unsent(conn: Connection, draft_id: int) -> None:
    status = conn.execute(select(DRAFT.c.status).where(DRAFT.c.id == draft_id)).scalar()
    if status is None:
        raise StoreError(f"There is no draft with id {draft_id}.")
    if status == SENT:
        raise StoreError(f"Draft {draft_id} was already sent; start a new draft instead.")


def _draft(row: Row[Any]) -> DraftRow:
    return DraftRow(
        id=row.id,
        prospect_id=row.prospect_id,
        pool_id=row.pool_id,
        channel=Channel(row.channel),
        subject=row.subject,
        body=row.body,
        template_id=row.template_id,
        variant=row.variant,
        status=row.status,
        sent_on=row.sent_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
