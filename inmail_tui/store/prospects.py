"""Prospects in the store: look-ups, counts, the queue's summary, updates and the export stream.

The queue's paging and filters live in ``queue_query`` (re-exported here); everything takes a
SQLAlchemy ``Connection`` and the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select, update

from inmail_tui.core.merge import clean_tag, is_derived_tag, join_words
from inmail_tui.core.rules_table import Verdict
from inmail_tui.store.bulk import execute_many
from inmail_tui.store.prospect_rows import PROSPECT, ProspectRow, select_rows, to_row
from inmail_tui.store.queue_query import (
    Cursor,
    Page,
    QueueQuery,
    count,
    cursor_of,
    jump_to_end,
    page,
    page_before,
)
from inmail_tui.store.tx import id_chunks

__all__ = [
    "Cursor",
    "Page",
    "ProspectRow",
    "QueueQuery",
    "Summary",
    "add_tag",
    "count",
    "cursor_of",
    "get",
    "iter_all",
    "jump_to_end",
    "page",
    "page_before",
    "remove_tag",
    "set_derived",
    "set_notes",
    "set_priority",
    "set_status",
    "summary",
    "total",
]

_t = PROSPECT


@dataclass(frozen=True, slots=True)
class Summary:
    """The queue's summary line: free to reach, costing a credit, unreachable, and how many
    credits the strong-fit prospects would take."""

    free: int
    credit: int
    blocked: int
    strong_fit_credit: int


def total(conn: Connection) -> int:
    """Every prospect (the "M" of "N of M")."""
    return int(conn.execute(select(func.count()).select_from(_t)).scalar_one())


def any_prospect(conn: Connection) -> bool:
    """Whether there is a prospect at all (the first row found, not a count of them all)."""
    return conn.execute(select(_t.c.id).limit(1)).first() is not None


def summary(conn: Connection, strong_fit: int = 4) -> Summary:
    """Counts by cost class, from the (cost_class, priority) index alone."""
    strong = func.sum(case((_t.c.priority >= strong_fit, 1), else_=0))
    statement = select(_t.c.cost_class, func.count(), strong).group_by(_t.c.cost_class)
    by_class = {cls: (int(n), int(s or 0)) for cls, n, s in conn.execute(statement)}
    return Summary(
        free=by_class.get(Verdict.FREE, (0, 0))[0],
        credit=by_class.get(Verdict.CREDIT, (0, 0))[0],
        blocked=by_class.get(Verdict.BLOCKED, (0, 0))[0],
        strong_fit_credit=by_class.get(Verdict.CREDIT, (0, 0))[1],
    )


def get(conn: Connection, url_or_id: str | int) -> ProspectRow | None:
    """One prospect by id or by its normalised profile URL."""
    key = _t.c.id if isinstance(url_or_id, int) else _t.c.url
    found = conn.execute(select_rows().where(key == url_or_id)).first()
    return None if found is None else to_row(found)


def iter_all(conn: Connection, batch: int = 1000) -> Iterator[ProspectRow]:
    """Every prospect by id, streamed (for the export): memory stays flat on any size."""
    after = 0
    while True:
        statement = select_rows().where(_t.c.id > after).order_by(_t.c.id).limit(batch)
        rows = [to_row(r) for r in conn.execute(statement)]
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].id


def set_priority(conn: Connection, ids: Iterable[int], priority: int) -> int:
    """Set the fit (1-5) of these prospects; returns how many rows changed."""
    if not 1 <= priority <= 5:
        raise ValueError(f"Priority must be between 1 and 5, not {priority}.")
    return _set(conn, ids, priority=priority)


def set_notes(conn: Connection, ids: Iterable[int], notes: str) -> int:
    return _set(conn, ids, notes=notes)


def set_status(
    conn: Connection, ids: Iterable[int], status: str, on: date | None, next_due: date | None
) -> int:
    """Move these prospects to ``status`` as of ``on`` (None: no date, as for a prospect back to
    new), with their next action due ``next_due``."""
    return _set(conn, ids, status=status, status_on=on, next_due=next_due)


def set_owner(conn: Connection, ids: Iterable[int], seat_id: int | None, on: date | None) -> int:
    """Claim these prospects for ``seat_id`` as of ``on``, or release them (None, None)."""
    return _set(conn, ids, owner_seat=seat_id, claimed_on=on)


def _set(conn: Connection, ids: Iterable[int], **values: object) -> int:
    changed = 0
    for chunk in id_chunks(ids):
        result = conn.execute(update(_t).where(_t.c.id.in_(chunk)).values(**values))
        changed += result.rowcount
    return changed


def set_derived(conn: Connection, pairs: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
    """Store what the planner derives per prospect id: ``cost_class`` and ``next_due``."""
    params = [
        {"b_id": id_, "b_cost": values["cost_class"], "b_due": values["next_due"]}
        for id_, values in pairs
    ]
    statement = (
        update(_t)
        .where(_t.c.id == bindparam("b_id"))
        .values(cost_class=bindparam("b_cost"), next_due=bindparam("b_due"))
    )
    execute_many(conn, statement, params)


def add_tag(conn: Connection, ids: Iterable[int], tag: str, *more: str) -> int:
    """Add user tags to these prospects; returns how many prospects gained at least one."""
    cleaned = [_user_tag(one) for one in (tag, *more)]
    return _retag(conn, ids, lambda tags: (*tags, *(t for t in cleaned if t not in tags)))


def remove_tag(conn: Connection, ids: Iterable[int], tag: str) -> int:
    """Remove a user tag from these prospects; returns how many had it."""
    cleaned = _user_tag(tag)
    return _retag(conn, ids, lambda tags: tuple(t for t in tags if t != cleaned))


def _user_tag(tag: str) -> str:
    cleaned = clean_tag(tag)
    if not cleaned:
        raise ValueError("A tag needs at least one letter or digit.")
    if is_derived_tag(cleaned):
        raise ValueError(f"{tag.strip()} is derived from the prospect's data; pick another name.")
    return cleaned


def _retag(
    conn: Connection,
    ids: Iterable[int],
    change: Callable[[tuple[str, ...]], tuple[str, ...]],
) -> int:
    params: list[dict[str, object]] = []
    for chunk in id_chunks(ids):
        current = conn.execute(select(_t.c.id, _t.c.user_tags).where(_t.c.id.in_(chunk)))
        for id_, user_tags in current:
            before = tuple(user_tags.split())
            after = change(before)
            if after != before:
                params.append({"b_id": id_, "b_tags": join_words(after)})
    if params:
        statement = (
            update(_t).where(_t.c.id == bindparam("b_id")).values(user_tags=bindparam("b_tags"))
        )
        conn.execute(statement, params)
    return len(params)
