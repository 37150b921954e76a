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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, false, func, literal, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from inmail_tui.core.merge import clean_tag, is_derived_tag
from inmail_tui.store.prospect_rows import PROSPECT, ProspectRow, select_rows, to_row
from inmail_tui.store.search import (
    FTS_TABLE,
    MIN_TRIGRAM,
    TAG_COLUMN,
    Col,
    fts_phrase,
    fts_rowids,
    like_escape,
    search_predicate,
    search_text,
)

SortName = Literal["priority", "due", "name"]

_SORT_COLUMN = {"priority": "priority", "due": "next_due", "name": "sort_name"}
_NULLABLE = frozenset({"due"})

_t = PROSPECT
# A filter matching at least this many rows is "dense": walking the sort's index finds a page
# of matches quickly. Fewer matches: the filter's own index finds them all and they are sorted.
DENSE = 2000

_DERIVED: dict[str, Callable[[Col], ColumnElement[bool]]] = {
    "unknown": lambda c: c("degree") == 0,
    "1st": lambda c: c("degree") == 1,
    "2nd": lambda c: c("degree") == 2,
    "3rd": lambda c: c("degree") == 3,
    "out": lambda c: c("degree") == 4,
    "open": lambda c: c("open_profile") == true(),
    "premium": lambda c: or_(c("premium") == true(), c("open_profile") == true()),
    "no-inmail": lambda c: or_(c("blocked") == true(), c("accepts_inmail") == false()),
    "email": lambda c: c("email") != "",
}


class _Unindexed(ColumnElement[Any]):
    """A column the SQLite planner must not use an index for (``+column``): it makes a query
    walk the sort's index instead of sorting every match of a dense filter."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(_Unindexed)
def _compile_unindexed(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(_Unindexed, "sqlite")
def _compile_unindexed_sqlite(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


def _indexed(name: str) -> ColumnElement[Any]:
    return _t.c[name]


def _unindexed(name: str) -> ColumnElement[Any]:
    return _Unindexed(_t.c[name])


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


def where_clause(
    conn: Connection, query: QueueQuery, *, dense: bool = False
) -> list[ColumnElement[bool]]:
    """The filters of ``query`` as WHERE conditions (ANDed).

    ``dense``: the filters match many rows, so their indexes are not to be used (SQLite).
    """
    dialect = conn.dialect.name
    col = _unindexed if dense and dialect == "sqlite" else _indexed
    conditions = _plain_conditions(query, col, with_user_tags=True)
    if dialect == "sqlite" and not dense:
        # the trigram index finds the few rows with a rare tag without a scan
        conditions.extend(fts_rowids(match, col) for match in _tag_matches(query))
    search = search_predicate(dialect, query.search, col)
    if search is not None:
        conditions.append(search)
    return conditions


def _user_tags(query: QueueQuery) -> list[str]:
    return [tag for raw in query.tags if not is_derived_tag(raw) and (tag := clean_tag(raw))]


def _tag_matches(query: QueueQuery) -> list[str]:
    """FTS5 queries for the user tags long enough for the trigram index."""
    tags = _user_tags(query)
    return [f"{TAG_COLUMN} : " + fts_phrase(tag) for tag in tags if len(tag) >= MIN_TRIGRAM]


def _plain_conditions(
    query: QueueQuery, col: Col, *, with_user_tags: bool
) -> list[ColumnElement[bool]]:
    """Derived tags, statuses and cost classes (and the user tags' word match)."""
    conditions = [
        _DERIVED[raw.strip().casefold()](col) for raw in query.tags if is_derived_tag(raw)
    ]
    if with_user_tags:
        for tag in _user_tags(query):
            padded = " " + col("user_tags") + " "
            conditions.append(padded.like("% " + like_escape(tag) + " %", escape="\\"))
    if query.statuses:
        conditions.append(col("status").in_(query.statuses))
    if query.cost_classes:
        conditions.append(col("cost_class").in_(query.cost_classes))
    return conditions


def _is_dense(conn: Connection, query: QueueQuery) -> bool:
    """Does every filter of ``query`` match at least ``DENSE`` rows (SQLite)?

    Each filter with a trigram index is counted on the index alone, streamed and cut at
    ``DENSE``; the others together through their column indexes. A sparse filter means: let
    the planner start from that filter's index and sort its few matches.
    """
    matches = _tag_matches(query)
    search = search_text(query.search)
    if len(search) >= MIN_TRIGRAM:
        matches.append(fts_phrase(search))
    for match in matches:
        if conn.exec_driver_sql(_FTS_PROBE, (match, DENSE)).scalar_one() < DENSE:
            return False
    plain = _plain_conditions(query, _indexed, with_user_tags=False)
    short_search = (
        search_predicate(conn.dialect.name, search, _indexed) if len(search) < MIN_TRIGRAM else None
    )
    if short_search is not None:
        plain.append(short_search)
    short_tags = [tag for tag in _user_tags(query) if len(tag) < MIN_TRIGRAM]
    if short_tags:
        plain.extend(
            _plain_conditions(QueueQuery(tags=tuple(short_tags)), _indexed, with_user_tags=True)
        )
    if not plain:
        return True
    found = select(literal(1)).select_from(_t).where(*plain).limit(DENSE).subquery()
    return int(conn.execute(select(func.count()).select_from(found)).scalar_one()) >= DENSE


_FTS_PROBE = (
    f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)"
)


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
# A range: (conditions, ORDER BY columns, ascending): one index range of a segment.
_Range = tuple[list[ColumnElement[bool]], list[ColumnElement[Any]], bool]


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


def _ranges(query: QueueQuery, start: Cursor | None, forward: bool) -> list[_Range]:
    """The index ranges to read, in order, to walk from ``start``.

    A cursor splits its segment in two exact ranges: the rest of its tie (same sort value,
    ids past it), then the sort values past it. (SQLite uses only the first column of a row
    value comparison ``(key, id) < (?, ?)`` as an index bound, which walks a whole tie.)
    """
    nullable = query.sort in _NULLABLE
    key = _t.c[_SORT_COLUMN[query.sort]]
    id_ = _t.c.id
    segments = _segments(query, forward)
    if start is not None and nullable:
        start_null = start.value is None
        segments = segments[[null for null, _ in segments].index(start_null) :]
    ranges: list[_Range] = []
    for index, (null, asc) in enumerate(segments):
        if start is not None and index == 0:
            past_id = id_ > start.id if asc else id_ < start.id
            if null:
                ranges.append(([key.is_(None), past_id], [id_], asc))
            else:
                past_key = key > start.value if asc else key < start.value
                ranges.append(([key == start.value, past_id], [id_], asc))
                ranges.append(([past_key], [key, id_], asc))
        elif null:
            ranges.append(([key.is_(None)], [id_], asc))
        else:
            ranges.append(([key.is_not(None)] if nullable else [], [key, id_], asc))
    return ranges


def _walk(
    conn: Connection, query: QueueQuery, start: Cursor | None, *, forward: bool, limit: int
) -> list[ProspectRow]:
    """Up to ``limit`` rows strictly past ``start`` in the walking direction."""
    filters = where_clause(conn, query)
    if filters and conn.dialect.name == "sqlite" and _is_dense(conn, query):
        filters = where_clause(conn, query, dense=True)
    rows: list[ProspectRow] = []
    for conditions, order, ascending in _ranges(query, start, forward):
        statement = (
            select_rows()
            .where(*filters, *conditions)
            .order_by(*(c.asc() if ascending else c.desc() for c in order))
            .limit(limit - len(rows))
        )
        rows.extend(to_row(r) for r in conn.execute(statement))
        if len(rows) >= limit:
            break
    return rows
