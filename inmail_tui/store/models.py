"""The tables. Rows never leave the store as ORM objects: repositories convert them to core types.

Dates are ``date`` (a day, UTC); timestamps are ``datetime`` in UTC. Nothing here is SQLite-only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from inmail_tui.store.ledger_tables import SCHEMA_VERSION, LedgerEntry, Meta, Pool, Seat

__all__ = [
    "SCHEMA_VERSION",
    "AgendaHold",
    "Draft",
    "DuplicateDismissal",
    "LedgerEntry",
    "Meta",
    "Pool",
    "Prospect",
    "Seat",
    "Template",
    "Touch",
]


class Prospect(SQLModel, table=True):
    __tablename__ = "prospect"
    __table_args__ = (
        Index("ix_prospect_name", "sort_name", "id"),
        Index("ix_prospect_priority", "priority", "id"),
        Index("ix_prospect_due", "next_due", "id"),
        Index("ix_prospect_status", "status", "id"),
        Index("ix_prospect_cost", "cost_class", "priority"),
        Index("ix_prospect_degree", "degree", "id"),
        Index("ix_prospect_status_on", "status", "status_on", "priority", "cost_class"),
    )
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=512)  # normalised https://www.linkedin.com/in/<slug>
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    sort_name: str = ""  # casefolded full name, for ordering
    company: str = ""
    title: str = ""
    email: str = ""
    email_verified: bool = False
    degree: int = 0  # core.model.Degree: 0 = unknown, 1, 2, 3, 4 = out of network
    degree_source: str = ""  # "connections" pins 1st degree against lead lists
    premium: bool = False
    open_profile: bool = False
    accepts_inmail: bool = True
    blocked: bool = False
    shares_group: bool = False
    applicant: bool = False
    priority: int = 3  # fit 1..5
    status: str = "new"  # core.model.Status
    status_on: date | None = None
    next_due: date | None = None  # next action's due date, kept for sorting
    cost_class: str = ""  # "free" | "credit" | "blocked": the decision's class, for filters
    user_tags: str = ""  # space-separated user tags (derived tags are computed)
    notes: str = ""
    sources: str = ""  # space-separated import sources, e.g. "connections phantombuster"
    sales_nav_url: str = ""
    connected_on: date | None = None
    extra: str = "{}"  # JSON: columns kept from imports
    created_at: datetime
    updated_at: datetime
    owner_seat: int | None = Field(default=None, foreign_key="seat.id", ondelete="SET NULL")
    claimed_on: date | None = None  # the day owner_seat claimed them


class Touch(SQLModel, table=True):
    """One outreach event: the pipeline history that drives next actions and analytics."""

    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_prospect", "prospect_id", "on", "id"),
        Index("ix_touch_on", "on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    prospect_id: int = Field(foreign_key="prospect.id", ondelete="CASCADE")
    kind: str = Field(max_length=32)  # core.model.Status value, or "note"
    on: date
    channel: str | None = Field(default=None, max_length=16)
    draft_id: int | None = Field(default=None, foreign_key="draft.id", ondelete="SET NULL")
    ledger_id: int | None = Field(default=None, foreign_key="ledger_entry.id", ondelete="SET NULL")
    note: str = ""
    seat_id: int | None = Field(default=None, foreign_key="seat.id", ondelete="SET NULL")


class Template(SQLModel, table=True):
    __tablename__ = "template"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=128)
    channel: str = Field(max_length=16)
    subject: str = ""
    body: str = ""
    variant: str = ""  # A/B label
    builtin: bool = False


class Draft(SQLModel, table=True):
    __tablename__ = "draft"
    __table_args__ = (Index("ix_draft_prospect", "prospect_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    prospect_id: int | None = Field(default=None, foreign_key="prospect.id", ondelete="CASCADE")
    pool_id: int | None = Field(default=None, foreign_key="pool.id", ondelete="SET NULL")
    channel: str = Field(max_length=16)
    subject: str = ""
    body: str = ""
    template_id: int | None = Field(default=None, foreign_key="template.id", ondelete="SET NULL")
    variant: str = ""
    status: str = "draft"  # "draft" | "sent"
    sent_on: date | None = None
    created_at: datetime
    updated_at: datetime


class DuplicateDismissal(SQLModel, table=True):
    """Two prospects the user said are not the same person: never offered for merge again.
    The pair is stored once, the smaller id first; deleting either prospect deletes it."""

    __tablename__ = "duplicate_dismissal"
    __table_args__ = (CheckConstraint("low_id < high_id", name="ck_dismissal_order"),)
    low_id: int = Field(foreign_key="prospect.id", primary_key=True, ondelete="CASCADE")
    high_id: int = Field(foreign_key="prospect.id", primary_key=True, ondelete="CASCADE")
    created_at: datetime


class AgendaHold(SQLModel, table=True):
    """A line of the agenda held off it until a day: skipped (until tomorrow), snoozed, or done
    when the pipeline has nothing to record (``core.agenda.HoldKind``). The line shows again on
    ``until``; deleting the prospect deletes its holds."""

    __tablename__ = "agenda_hold"
    __table_args__ = (Index("ix_agenda_hold_until", "until", "prospect_id"),)
    id: int | None = Field(default=None, primary_key=True)
    prospect_id: int = Field(foreign_key="prospect.id", ondelete="CASCADE", index=True)
    action: str = Field(max_length=32)  # core.agenda.Action value
    until: date  # the first day the line may show again
    kind: str = Field(max_length=16)  # core.agenda.HoldKind value
    created_at: datetime
