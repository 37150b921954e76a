"""The tables the credit ledger needs: ``meta``, ``pool``, ``seat`` and ``ledger_entry``.

Split from ``models.py`` so that ``inmail-tui balance`` builds four table classes, not eight
(each SQLModel table costs about 4 ms of start-up; the balance shows the seats' usage).
``models.py`` re-exports them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inmail_tui.store.ledger_rows import LEDGER_TABLE, META_TABLE, POOL_TABLE
from inmail_tui.store.ledger_rows import SCHEMA_VERSION as SCHEMA_VERSION


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself, e.g. ``schema_version``."""

    __tablename__ = META_TABLE
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=256)


class Pool(SQLModel, table=True):
    """A credit pool: one plan's credits (Premium and Sales Navigator pools are separate)."""

    __tablename__ = POOL_TABLE
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    plan_id: str = Field(max_length=64)
    renewal_day: int = 1  # 1..31; 29-31 fall back to the month's last day
    opened_on: date
    cancelled_on: date | None = None  # end of the billing cycle: the pool goes to 0
    active: bool = True  # the pool the planner works with
    overrides: str = "{}"  # JSON: per-pool plan overrides (seats, policies)
    seat_limit: int | None = None  # admin's monthly per-seat usage limit (team pools)


class Seat(SQLModel, table=True):
    """A person working from a team pool: their name, and the monthly limit the admin set."""

    __tablename__ = "seat"
    __table_args__ = (UniqueConstraint("pool_id", "name", name="uq_seat_pool_name"),)
    id: int | None = Field(default=None, primary_key=True)
    pool_id: int = Field(foreign_key="pool.id", ondelete="CASCADE")
    name: str = Field(max_length=64)
    monthly_limit: int | None = None  # InMail credits this seat may spend a month; None: no limit
    created_on: date


class LedgerEntry(SQLModel, table=True):
    """An append-only event on a pool. The balance is the sum of amounts, never stored."""

    __tablename__ = LEDGER_TABLE
    __table_args__ = (
        UniqueConstraint("pool_id", "key", name="uq_ledger_pool_key"),
        Index("ix_ledger_pool_on", "pool_id", "on", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    pool_id: int = Field(foreign_key="pool.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)  # core.model.EventKind
    on: date
    amount: int  # signed
    key: str | None = Field(default=None, max_length=64)  # idempotency, e.g. "grant:2026-02-01"
    ref: str | None = Field(default=None, max_length=512)  # prospect URL / draft id
    note: str = ""
    created_at: datetime
    seat_id: int | None = Field(default=None, foreign_key="seat.id", ondelete="SET NULL")
