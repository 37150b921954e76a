"""Likely duplicates in the store: what the search reads, the pairs dismissed, and a merge.

A merge moves everything that points at the other prospect onto the kept one (its touches, its
drafts, its agenda holds, the ledger entries whose ``ref`` is its URL), writes the kept row's
merged values (``core.merge.merge_prospects``) and deletes the other row. The caller owns the
transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlmodel import SQLModel

from inmail_tui.core.duplicates import Candidate, member_id, pair_key
from inmail_tui.core.merge import MERGED_COLUMNS, merge_prospects
from inmail_tui.store import models as _models  # noqa: F401  (registers the tables)
from inmail_tui.store.prospect_rows import PROSPECT

DISMISSAL: Table = SQLModel.metadata.tables["duplicate_dismissal"]
TOUCH: Table = SQLModel.metadata.tables["touch"]
DRAFT: Table = SQLModel.metadata.tables["draft"]
LEDGER: Table = SQLModel.metadata.tables["ledger_entry"]
HOLD: Table = SQLModel.metadata.tables["agenda_hold"]


@dataclass(frozen=True, slots=True)
class Moved:
    """What a merge moved onto the kept prospect."""

    touches: int
    drafts: int
    ledger_entries: int


def candidates(conn: Connection) -> Iterator[Candidate]:
    """Every prospect as the duplicate search needs it (``core.duplicates``)."""
    p = PROSPECT.c
    statement = select(p.id, p.full_name, p.company, p.email, p.url, p.sales_nav_url, p.extra)
    for row in conn.execute(statement.execution_options(yield_per=5000)):
        vmid = ""
        if "vmid" in row.extra:  # PhantomBuster's member id column, kept in extra
            vmid = str(json.loads(row.extra).get("vmid", ""))
        member = member_id(row.url, row.sales_nav_url, vmid)
        yield Candidate(row.id, row.full_name, row.company, row.email, member)


def dismissed(conn: Connection) -> set[tuple[int, int]]:
    """The pairs the user said are two people."""
    return {(a, b) for a, b in conn.execute(select(DISMISSAL.c.low_id, DISMISSAL.c.high_id))}


def dismiss(conn: Connection, a: int, b: int, now: datetime) -> bool:
    """Remember that ``a`` and ``b`` are two people; False if it was known already."""
    low, high = pair_key(a, b)
    known = conn.execute(
        select(DISMISSAL.c.low_id).where(DISMISSAL.c.low_id == low, DISMISSAL.c.high_id == high)
    ).first()
    if known is not None:
        return False
    conn.execute(insert(DISMISSAL).values(low_id=low, high_id=high, created_at=now))
    return True


def merge(conn: Connection, keep_id: int, other_id: int, now: datetime) -> Moved:
    """Merge prospect ``other_id`` into ``keep_id`` and delete it (both must exist)."""
    kept, other = _values(conn, keep_id), _values(conn, other_id)
    touches = conn.execute(
        update(TOUCH).where(TOUCH.c.prospect_id == other_id).values(prospect_id=keep_id)
    ).rowcount
    drafts = conn.execute(
        update(DRAFT).where(DRAFT.c.prospect_id == other_id).values(prospect_id=keep_id)
    ).rowcount
    conn.execute(update(HOLD).where(HOLD.c.prospect_id == other_id).values(prospect_id=keep_id))
    ledger = conn.execute(
        update(LEDGER).where(LEDGER.c.ref == other["url"]).values(ref=kept["url"])
    ).rowcount
    merged = merge_prospects(kept, other)
    merged.pop("url")
    claim = select(PROSPECT.c.owner_seat, PROSPECT.c.claimed_on)
    if conn.execute(claim.where(PROSPECT.c.id == keep_id)).one().owner_seat is None:
        owner = conn.execute(claim.where(PROSPECT.c.id == other_id)).one()
        merged["owner_seat"], merged["claimed_on"] = owner.owner_seat, owner.claimed_on
    merged["created_at"] = min(kept["created_at"], other["created_at"])
    merged["updated_at"] = now
    conn.execute(delete(PROSPECT).where(PROSPECT.c.id == other_id))
    conn.execute(update(PROSPECT).where(PROSPECT.c.id == keep_id).values(**merged))
    return Moved(touches, drafts, ledger)


def _values(conn: Connection, prospect_id: int) -> dict[str, Any]:
    columns = [PROSPECT.c[name] for name in (*MERGED_COLUMNS, "created_at")]
    row = conn.execute(select(*columns).where(PROSPECT.c.id == prospect_id)).one()
    return dict(row._mapping)
