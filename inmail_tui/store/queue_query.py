"""The queue's query: filters, search and keyset paging that stay fast on a million prospects.

Paging is by KEYSET on the sort's index: a page starts strictly after (or before) the sort key
of a row the user has seen, so a page deep in the list costs what the first page costs (an
``OFFSET 500000`` walks half a million rows first). Every sort ends with ``id``, so keys are
unique and paging visits every row exactly once, ties or not.

A sort whose column can be NULL (the due date) is walked as two segments: the rows with a value
in key order, then the rows without one by id (reversed as a whole when descending). Each segment
is a plain index range, so the database never sorts the table to find a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, false, func, or_, select, true, tuple_

from inmail_tui.core.merge import clean_tag, is_derived_tag
from inmail_tui.store.prospect_rows import PROSPECT, ProspectRow, select_rows, to_row
from inmail_tui.store.search import MIN_TRIGRAM, fts_phrase, fts_rowids, like_escape
from inmail_tui.store.search import search_predicate as _search_predicate

SortName = Literal["priority", "due", "name"]

_SORT_COLUMN = {"priority": "priority", "due": "next_due", "name": "sort_name"}
_NULLABLE = frozenset({"due"})

_t = PROSPECT
_DERIVED: dict[str, ColumnElement[bool]] = {
    "1st": _t.c.degree == 1,
    "2nd": _t.c.degree == 2,
    "3rd": _t.c.degree == 3,
    "out": _t.c.degree == 4,
    "open": _t.c.open_profile == true(),
    "premium": or_(_t.c.premium == true(), _t.c.open_profile == true()),
    "no-inmail": or_(_t.c.blocked == true(), _t.c.accepts_inmail == false()),
    "email": _t.c.email_verified == true(),
}


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """What the queue shows: every filter narrows (tags all apply; statuses and cost classes are
    alternatives), then the sort. ``descending`` reverses the sort key (ties reverse too)."""

    search: str = ""
    tags: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    cost_classes: tuple[str, ...] = ()
    sort: SortName = "priority"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class Cursor:
    """A position in the queue: the sort key of a row (its sort value, then its id)."""

    value: Any
    id: int


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[ProspectRow]
    next_cursor: Cursor | None  # the last row's key, when rows follow
    prev_cursor: Cursor | None  # the first row's key, when rows precede


def cursor_of(row: ProspectRow, sort: SortName) -> Cursor:
    value = {"priority": row.priority, "due": row.next_due, "name": row.sort_name}[sort]
    return Cursor(value, row.id)


def where_clause(conn: Connection, query: QueueQuery) -> list[ColumnElement[bool]]:
    """The filters of ``query`` as WHERE conditions (ANDed)."""
    dialect = conn.dialect.name
    conditions: list[ColumnElement[bool]] = []
    for raw in query.tags:
        if is_derived_tag(raw):
            conditions.append(_DERIVED[raw.strip().casefold()])
        elif tag := clean_tag(raw):
            conditions.extend(_user_tag_predicates(dialect, tag))
    if query.statuses:
        conditions.append(_t.c.status.in_(query.statuses))
    if query.cost_classes:
        conditions.append(_t.c.cost_class.in_(query.cost_classes))
    search = _search_predicate(_t, dialect, query.search)
    if search is not None:
        conditions.append(search)
    return conditions


def _user_tag_predicates(dialect: str, tag: str) -> list[ColumnElement[bool]]:
    """A user tag matches word-wise; on SQLite the trigram index finds the candidates first."""
    padded = " " + _t.c.user_tags + " "
    exact = padded.like("% " + like_escape(tag) + " %", escape="\\")
    if dialect == "sqlite" and len(tag) >= MIN_TRIGRAM:
        return [fts_rowids("user_tags : " + fts_phrase(tag)), exact]
    return [exact]


def count(conn: Connection, query: QueueQuery) -> int:
    """How many prospects ``query`` matches (the "N" of "N of M"): run it off the key path."""
    statement = select(func.count()).select_from(_t).where(*where_clause(conn, query))
    return int(conn.execute(statement).scalar_one())


def page(conn: Connection, query: QueueQuery, after: Cursor | None, limit: int = 50) -> Page:
    """The ``limit`` rows that follow ``after`` (from the top when None)."""
    rows = _walk(conn, query, after, forward=True, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(
        rows=rows,
        next_cursor=cursor_of(rows[-1], query.sort) if rows and more else None,
        prev_cursor=cursor_of(rows[0], query.sort) if rows and after is not None else None,
    )


def page_before(
    conn: Connection, query: QueueQuery, before: Cursor | None, limit: int = 50
) -> Page:
    """The ``limit`` rows that precede ``before`` (the last rows when None), in queue order."""
    rows = _walk(conn, query, before, forward=False, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit][::-1]
    return Page(
        rows=rows,
        next_cursor=cursor_of(rows[-1], query.sort) if rows and before is not None else None,
        prev_cursor=cursor_of(rows[0], query.sort) if rows and more else None,
    )


def jump_to_end(conn: Connection, query: QueueQuery, limit: int = 50) -> Page:
    """The last page of the queue."""
    return page_before(conn, query, None, limit)


# A segment: (rows whose sort value IS NULL?, walked ascending?)
_Segment = tuple[bool, bool]


def _segments(query: QueueQuery, forward: bool) -> list[_Segment]:
    ascending = not query.descending
    if query.sort in _NULLABLE:
        order: list[_Segment] = [(False, ascending), (True, ascending)]
        if query.descending:
            order.reverse()  # NULLs last ascending, so first descending
    else:
        order = [(False, ascending)]
    if forward:
        return order
    return [(null, not asc) for null, asc in reversed(order)]


def _walk(
    conn: Connection, query: QueueQuery, start: Cursor | None, *, forward: bool, limit: int
) -> list[ProspectRow]:
    """Up to ``limit`` rows strictly past ``start`` in the walking direction."""
    nullable = query.sort in _NULLABLE
    key = _t.c[_SORT_COLUMN[query.sort]]
    base = where_clause(conn, query)
    segments = _segments(query, forward)
    if start is not None and nullable:
        start_null = start.value is None
        segments = segments[[null for null, _ in segments].index(start_null) :]
    rows: list[ProspectRow] = []
    for index, (null, ascending) in enumerate(segments):
        conditions = list(base)
        if nullable:
            conditions.append(key.is_(None) if null else key.is_not(None))
        if start is not None and index == 0:
            conditions.append(_past(start, null, ascending, key))
        order: Sequence[Any] = [_t.c.id] if null else [key, _t.c.id]
        statement = (
            select_rows()
            .where(*conditions)
            .order_by(*(c.asc() if ascending else c.desc() for c in order))
            .limit(limit - len(rows))
        )
        rows.extend(to_row(r) for r in conn.execute(statement))
        if len(rows) >= limit:
            break
    return rows


def _past(start: Cursor, null: bool, ascending: bool, key: Any) -> ColumnElement[bool]:
    if null:
        return _t.c.id > start.id if ascending else _t.c.id < start.id
    current = tuple_(key, _t.c.id)
    other = tuple_(start.value, start.id)
    return current > other if ascending else current < other
