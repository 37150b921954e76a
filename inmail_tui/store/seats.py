"""Seats of a team pool: the people working from it, each with an optional monthly limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, Table, select, update

from inmail_tui.store.ledger_tables import Seat
from inmail_tui.store.tx import Bind, reading

SEAT: Table = Seat.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SeatRow:
    id: int
    pool_id: int
    name: str
    monthly_limit: int | None
    created_on: date


def seats(bind: Bind, pool_id: int) -> list[SeatRow]:
    """The pool's seats, by name (casefolded)."""
    with reading(bind) as conn:
        rows = [_seat(row) for row in conn.execute(select(SEAT).where(SEAT.c.pool_id == pool_id))]
    return sorted(rows, key=lambda seat: (seat.name.casefold(), seat.id))


def add_seat(
    conn: Connection, pool_id: int, name: str, monthly_limit: int | None, on: date
) -> SeatRow:
    """A new seat on the pool (inside the caller's write transaction)."""
    seat_id = conn.execute(
        SEAT.insert()
        .values(pool_id=pool_id, name=name, monthly_limit=monthly_limit, created_on=on)
        .returning(SEAT.c.id)
    ).scalar_one()
    return SeatRow(seat_id, pool_id, name, monthly_limit, on)


def set_limit(conn: Connection, seat_id: int, monthly_limit: int | None) -> None:
    conn.execute(update(SEAT).where(SEAT.c.id == seat_id).values(monthly_limit=monthly_limit))


def seat_name(conn: Connection, seat_id: int) -> str | None:
    """The name of the seat ``seat_id`` (None: no such seat)."""
    return conn.execute(select(SEAT.c.name).where(SEAT.c.id == seat_id)).scalar_one_or_none()


def _seat(row: Row[Any]) -> SeatRow:
    return SeatRow(row.id, row.pool_id, row.name, row.monthly_limit, row.created_on)
