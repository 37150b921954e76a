"""Keyset paging: every row exactly once, forwards and backwards, for every sort, with ties,
NULL due dates and filters, on both query plans (index walk and filter-then-sort)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert

from inmail_tui.store import prospects as P
from inmail_tui.store import queue_query
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import install_search

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def make_rows(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        name = rng.choice(["ada", "bo", "cy", "Ådne", "zoë"])  # many ties
        due = date(2026, 11, 1) + timedelta(days=rng.randint(0, 3))
        rows.append(
            {
                "url": f"https://www.linkedin.com/in/p{i}",
                "full_name": name,
                "sort_name": name.casefold(),
                "priority": rng.randint(1, 3),
                "next_due": due if rng.random() < 0.6 else None,
                "status": rng.choice(["new", "new", "replied"]),
                "cost_class": rng.choice(["free", "credit"]),
                "degree": rng.randint(1, 4),
                "user_tags": rng.choice(["", "hot", "hot vip", "warm", "ho"]),
                "open_profile": rng.random() < 0.3,
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
    return rows


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("paging") / "queue.db"
    engine = make_engine(path)
    ensure_schema(engine)
    with engine.begin() as conn:
        install_search(conn)
        conn.execute(insert(PROSPECT), make_rows(157, seed=3))
    yield engine
    engine.dispose()


@pytest.fixture(params=["sparse", "dense"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both query plans: "dense" makes every filter count as dense (walk the sort index)."""
    monkeypatch.setattr(queue_query, "DENSE", 1 if request.param == "dense" else 10**9)
    return str(request.param)


def expected(conn: Connection, query: P.QueueQuery) -> list[int]:
    """The queue order computed in Python from every matching row."""
    rows = [row for row in P.iter_all(conn, batch=20) if _matches(row, query)]

    def key(row: P.ProspectRow) -> tuple[Any, ...]:
        value = {"priority": row.priority, "due": row.next_due, "name": row.sort_name}[query.sort]
        return (value is None, value or 0, row.id)

    return [row.id for row in sorted(rows, key=key, reverse=query.descending)]


def _matches(row: P.ProspectRow, query: P.QueueQuery) -> bool:
    for tag in query.tags:
        if tag not in row.tags:
            return False
    if query.statuses and row.status not in query.statuses:
        return False
    return not query.cost_classes or row.cost_class in query.cost_classes


QUERIES = [
    P.QueueQuery(sort=sort, descending=descending, **filters)
    for sort in ("priority", "due", "name")
    for descending in (False, True)
    for filters in (
        {},
        {"tags": ("hot",)},
        {"tags": ("ho", "OPEN")},
        {"statuses": ("replied",), "cost_classes": ("credit", "free")},
        {"tags": ("1st",), "cost_classes": ("credit",)},
    )
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
@pytest.mark.parametrize("limit", [1, 7])
def test_every_row_exactly_once_both_ways(
    engine: Engine, plan: str, query: P.QueueQuery, limit: int
) -> None:
    with engine.connect() as conn:
        want = expected(conn, query)
        assert P.count(conn, query) == len(want)

        forwards: list[int] = []
        page = P.page(conn, query, None, limit)
        assert page.prev_cursor is None
        while True:
            assert len(page.rows) <= limit
            forwards.extend(row.id for row in page.rows)
            if page.next_cursor is None:
                break
            page = P.page(conn, query, page.next_cursor, limit)
        assert forwards == want

        backwards: list[int] = []
        page = P.jump_to_end(conn, query, limit)
        assert page.next_cursor is None
        while True:
            backwards[:0] = [row.id for row in page.rows]
            if page.prev_cursor is None:
                break
            page = P.page_before(conn, query, page.prev_cursor, limit)
        assert backwards == want


def test_paging_down_then_up_returns_the_same_page(engine: Engine, plan: str) -> None:
    query = P.QueueQuery(sort="due", descending=False)
    with engine.connect() as conn:
        first = P.page(conn, query, None, 10)
        second = P.page(conn, query, first.next_cursor, 10)
        assert second.prev_cursor is not None
        back = P.page_before(conn, query, second.prev_cursor, 10)
        assert [r.id for r in back.rows] == [r.id for r in first.rows]
        assert back.prev_cursor is None


def test_empty_queue(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "empty.db")
    ensure_schema(engine)
    with engine.connect() as conn:
        for page in (P.page(conn, P.QueueQuery(), None), P.jump_to_end(conn, P.QueueQuery())):
            assert page == P.Page(rows=[], next_cursor=None, prev_cursor=None)
    engine.dispose()
