"""Credit pools and their append-only ledger. Rows leave as core types and small dataclasses.

The domain (what a grant, a spend or a forfeit is) belongs to ``inmail_tui.core.ledger``: this
module stores the events it is given and returns them, idempotently by their ``key``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, delete, select, update

from inmail_tui.core.model import EventKind, LedgerEvent
from inmail_tui.store import driver_rows
from inmail_tui.store.engine import StoreError, insert_or_skip
from inmail_tui.store.ledger_read import pool_and_ledger
from inmail_tui.store.ledger_rows import PoolRow as PoolRow
from inmail_tui.store.ledger_rows import ledger_event, pool_row
from inmail_tui.store.ledger_tables import LedgerEntry
from inmail_tui.store.tx import POOL, Bind, reading, write_tx

LEDGER: Table = LedgerEntry.__table__  # type: ignore[attr-defined]
OPEN_KEY = "open"


def set_pool(
    engine: Engine,
    name: str,
    plan_id: str,
    renewal_day: int,
    opened_on: date,
    opening_balance: int,
    overrides: Mapping[str, Any] | None = None,
    *,
    now: datetime,
    seat_limit: int | None = None,
) -> PoolRow:
    """Create the pool ``name``, or set it up anew, and make it the active pool.

    Setting up an existing pool keeps its id (drafts refer to it) but starts its ledger again
    from an ``open`` event of ``opening_balance``: it is a new setup, not a reconciliation (that
    is an ``adjust`` event appended to the ledger).
    """
    values = {
        "plan_id": plan_id,
        "renewal_day": renewal_day,
        "opened_on": opened_on,
        "cancelled_on": None,
        "active": True,
        "overrides": json.dumps(dict(overrides or {}), sort_keys=True),
        "seat_limit": seat_limit,
    }
    with write_tx(engine) as conn:
        found = conn.execute(select(POOL.c.id).where(POOL.c.name == name)).scalar_one_or_none()
        if found is None:
            pool_id: int = conn.execute(
                POOL.insert().values(name=name, **values).returning(POOL.c.id)
            ).scalar_one()
        else:
            pool_id = found
            conn.execute(update(POOL).where(POOL.c.id == pool_id).values(**values))
            conn.execute(delete(LEDGER).where(LEDGER.c.pool_id == pool_id))
        conn.execute(update(POOL).where(POOL.c.id != pool_id).values(active=False))
        opening = LedgerEvent(
            kind=EventKind.OPEN,
            on=opened_on,
            amount=opening_balance,
            note="balance shown by LinkedIn at setup",
            key=OPEN_KEY,
        )
        append_events(conn, pool_id, [opening], now=now)
        return _pool_by(conn, POOL.c.id == pool_id, name)


def get_pool(bind: Bind, name: str | None = None) -> PoolRow | None:
    """The pool called ``name``, or the active pool; ``None`` when there is none."""
    with reading(bind) as conn:
        where = POOL.c.active.is_(True) if name is None else POOL.c.name == name
        row = conn.execute(select(POOL).where(where).order_by(POOL.c.id).limit(1)).first()
    return None if row is None else _pool_row(row)


def list_pools(bind: Bind) -> list[PoolRow]:
    with reading(bind) as conn:
        return [_pool_row(row) for row in conn.execute(select(POOL).order_by(POOL.c.id))]


def set_active(engine: Engine, name: str) -> PoolRow:
    """Make ``name`` the pool the planner works with (and no other)."""
    with write_tx(engine) as conn:
        pool = _pool_by(conn, POOL.c.name == name, name)
        conn.execute(update(POOL).values(active=POOL.c.id == pool.id))
        return _pool_by(conn, POOL.c.id == pool.id, name)


def cancel_pool(engine: Engine, name: str, on: date | None) -> PoolRow:
    """Record the day the subscription ends (the ledger's ``cancel`` event follows from it);
    ``None`` withdraws a cancellation."""
    with write_tx(engine) as conn:
        pool = _pool_by(conn, POOL.c.name == name, name)
        conn.execute(update(POOL).where(POOL.c.id == pool.id).values(cancelled_on=on))
        return _pool_by(conn, POOL.c.id == pool.id, name)


def active_with_events(conn: Connection) -> tuple[PoolRow, list[LedgerEvent]] | None:
    """The active pool and its ledger in order, in the caller's transaction; None before any
    pool is set up. On SQLite both are read on the driver's connection
    (``ledger_read.pool_and_ledger``, the balance's own fast read), without SQLAlchemy's
    per-statement work: the daily agenda reads them after every change (bench/agenda.py)."""
    if conn.dialect.name == "sqlite":
        with driver_rows.driver(conn) as raw:
            return pool_and_ledger(raw)
    row = get_pool(conn)
    return None if row is None else (row, events(conn, row.id))


def events(bind: Bind, pool_id: int) -> list[LedgerEvent]:
    """The pool's ledger in order (by day, then as appended)."""
    query = select(LEDGER).where(LEDGER.c.pool_id == pool_id).order_by(LEDGER.c.on, LEDGER.c.id)
    with reading(bind) as conn:
        return [_event(row) for row in conn.execute(query)]


def append_events(
    conn: Connection, pool_id: int, new: Iterable[LedgerEvent], *, now: datetime
) -> list[LedgerEvent]:
    """Append ``new`` to the pool's ledger inside the caller's transaction.

    An event whose ``key`` the pool already holds adds nothing. Returns the events stored, each
    with its id.
    """
    stored = []
    for event in new:
        statement = (
            insert_or_skip(conn, LEDGER, unique=["pool_id", "key"])
            .values(
                pool_id=pool_id,
                kind=event.kind.value,
                on=event.on,
                amount=event.amount,
                key=event.key,
                ref=event.ref,
                note=event.note,
                created_at=now,
                seat_id=event.seat,
            )
            .returning(LEDGER.c.id)
        )
        event_id = conn.execute(statement).scalar_one_or_none()
        if event_id is not None:
            stored.append(replace(event, id=event_id))
    return stored


def _pool_by(conn: Connection, where: Any, name: str) -> PoolRow:
    row = conn.execute(select(POOL).where(where)).first()
    if row is None:
        raise StoreError(f"There is no credit pool named {name!r}.")
    return _pool_row(row)


def _pool_row(row: Row[Any]) -> PoolRow:
    return pool_row(row._mapping)


def _event(row: Row[Any]) -> LedgerEvent:
    return ledger_event(row._mapping)
