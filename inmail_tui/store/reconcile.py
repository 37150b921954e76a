"""What the archive reconcile reads and writes in bulk: prospects by URL, every touch of many
prospects (undone ones too: an import must not bring back what the user undid), touches added
with one ``executemany``, and statuses moved and derived columns stored in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, insert, select, update

from inmail_tui.store.bulk import execute_many
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import TOUCH, TouchRow
from inmail_tui.store.tx import IN_CHUNK, id_chunks

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def by_url(
    conn: Connection, urls: Iterable[str], names: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """The ``id`` and the columns ``names`` (``url`` among them) of the stored prospects among
    ``urls``, by URL."""
    columns = [PROSPECT.c.id, *(PROSPECT.c[name] for name in names)]
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(urls))):
        for values in conn.execute(select(*columns).where(PROSPECT.c.url.in_(chunk))):
            row = dict(values._mapping)
            found[row["url"]] = row
    return found


def ids_by_url(conn: Connection, urls: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(urls))):
        statement = select(PROSPECT.c.url, PROSPECT.c.id).where(PROSPECT.c.url.in_(chunk))
        for url, prospect_id in conn.execute(statement):
            found[url] = prospect_id
    return found


def all_touches(conn: Connection, prospect_ids: Iterable[int]) -> dict[int, list[TouchRow]]:
    """Every touch of these prospects, oldest first, undone ones and undos included."""
    c = TOUCH.c
    columns = (c.id, c.prospect_id, c.kind, c.on, c.channel, c.draft_id, c.ledger_id, c.note)
    found: dict[int, list[TouchRow]] = {}
    for chunk in id_chunks(prospect_ids):
        statement = select(*columns).where(c.prospect_id.in_(chunk)).order_by(c.on, c.id)
        for values in conn.execute(statement):
            row = TouchRow(*values)
            found.setdefault(row.prospect_id, []).append(row)
    return found


@dataclass(frozen=True, slots=True)
class NewTouch:
    prospect_id: int
    kind: str
    on: date
    channel: str | None
    ledger_id: int | None
    note: str


def add_touches(conn: Connection, rows: Sequence[NewTouch]) -> None:
    """Append these touches (one statement for all)."""
    execute_many(
        conn,
        insert(TOUCH),
        [
            {
                "prospect_id": r.prospect_id,
                "kind": r.kind,
                "on": r.on,
                "channel": r.channel,
                "draft_id": None,
                "ledger_id": r.ledger_id,
                "note": r.note,
            }
            for r in rows
        ],
    )


def set_statuses_and_derived(
    conn: Connection, rows: Iterable[tuple[int, str, date | None, Mapping[str, Any]]]
) -> None:
    """Set each prospect's (id) status, its date and the derived columns (``cost_class``,
    ``next_due``), one statement for all."""
    params = [
        {
            "b_id": id_,
            "b_status": status,
            "b_on": on,
            "b_cost": derived["cost_class"],
            "b_due": derived["next_due"],
        }
        for id_, status, on, derived in rows
    ]
    statement = (
        update(PROSPECT)
        .where(PROSPECT.c.id == bindparam("b_id"))
        .values(
            status=bindparam("b_status"),
            status_on=bindparam("b_on"),
            cost_class=bindparam("b_cost"),
            next_due=bindparam("b_due"),
        )
    )
    execute_many(conn, statement, params)


def column_values(
    conn: Connection, prospect_ids: Iterable[int], names: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """The ``id`` and the columns ``names`` of the prospects ``prospect_ids``, 500 to a query
    (only the columns asked for: cheaper than whole rows for thousands of prospects)."""
    columns = [PROSPECT.c.id, *(PROSPECT.c[name] for name in names)]
    for chunk in id_chunks(sorted(set(prospect_ids))):
        for values in conn.execute(select(*columns).where(PROSPECT.c.id.in_(chunk))):
            yield dict(values._mapping)
