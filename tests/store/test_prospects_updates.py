"""Queue updates (priority, tags, notes, status, cost class), look-ups, the summary line, the
export stream and the touch history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import install_search
from inmail_tui.store.touches import DRAFT, add_touch, outreach_rows, touches

NOW = datetime(2026, 11, 1, tzinfo=UTC)
DAY = date(2026, 11, 1)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(tmp_path / "updates.db")
    ensure_schema(engine)
    with engine.begin() as conn:
        install_search(conn)
        conn.execute(
            insert(PROSPECT),
            [
                {
                    "url": f"https://www.linkedin.com/in/p{n}",
                    "full_name": f"P{n}",
                    "priority": 1 + n % 5,
                    "cost_class": ["free", "credit", "blocked", "credit"][n % 4],
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for n in range(1, 1201)
            ],
        )
    yield engine
    engine.dispose()


def test_set_priority_in_bulk(engine: Engine) -> None:
    with engine.begin() as conn:
        assert P.set_priority(conn, range(1, 1001), 5) == 1000  # more ids than one IN list
        with pytest.raises(ValueError, match="between 1 and 5"):
            P.set_priority(conn, [1], 6)
    with engine.connect() as conn:
        assert P.count(conn, P.QueueQuery()) == 1200
        top = P.page(conn, P.QueueQuery(), None, 1000)
        assert all(row.priority == 5 for row in top.rows)


def test_tags_add_and_remove_word_wise(engine: Engine) -> None:
    with engine.begin() as conn:
        assert P.add_tag(conn, [1, 2, 3], "Hot Lead") == 3
        assert P.add_tag(conn, [1, 2, 4], "hot-lead") == 1  # the same tag, cleaned
        assert P.add_tag(conn, [1], "hot") == 1
        assert P.add_tag(conn, [6, 7, 8], "vip", "q3") == 3  # prospects, not tags x prospects
        with pytest.raises(ValueError, match="derived"):
            P.add_tag(conn, [1], "OPEN")
        with pytest.raises(ValueError, match="letter"):
            P.add_tag(conn, [1], "   ")
    with engine.connect() as conn:
        assert P.count(conn, P.QueueQuery(tags=("hot-lead",))) == 4
        assert P.count(conn, P.QueueQuery(tags=("hot",))) == 1  # not a prefix of hot-lead
        row = P.get(conn, 1)
        assert row is not None and row.user_tags == ("hot-lead", "hot")
        assert row.tags == ("unknown", "hot-lead", "hot")  # no degree given: unknown
    with engine.begin() as conn:
        assert P.remove_tag(conn, [1, 2, 5], "HOT-LEAD") == 2
    with engine.connect() as conn:
        assert P.count(conn, P.QueueQuery(tags=("hot-lead",))) == 2
        row = P.get(conn, "https://www.linkedin.com/in/p1")
        assert row is not None and row.user_tags == ("hot",)


def test_notes_status_and_cost_class(engine: Engine) -> None:
    hostile = "[red]x[/red]\n\x1b[1m ok"
    with engine.begin() as conn:
        P.set_notes(conn, [7], hostile)
        P.set_status(conn, [7, 8], "connection_requested", DAY, date(2026, 11, 8))
        due = date(2026, 11, 8)
        derived = [
            (7, {"cost_class": "free", "next_due": due}),
            (8, {"cost_class": "blocked", "next_due": due}),
        ]
        P.set_derived(conn, derived)
        P.set_derived(conn, [(9, {"cost_class": "credit", "next_due": date(2026, 11, 9)})])
    with engine.connect() as conn:
        row = P.get(conn, 7)
        assert row is not None
        assert (row.notes, row.status, row.status_on, row.next_due, row.cost_class) == (
            hostile,
            "connection_requested",
            DAY,
            date(2026, 11, 8),
            "free",
        )
        due_first = P.page(conn, P.QueueQuery(sort="due", descending=False), None, 3)
        assert [r.id for r in due_first.rows] == [7, 8, 9]
        assert P.count(conn, P.QueueQuery(statuses=("connection_requested",))) == 2
        assert P.get(conn, 99999) is None


def test_summary_and_totals(engine: Engine) -> None:
    with engine.connect() as conn:
        assert P.total(conn) == 1200
        summary = P.summary(conn, strong_fit=4)
        assert (summary.free, summary.credit, summary.blocked) == (300, 600, 300)
        credit_ids = [n for n in range(1, 1201) if n % 4 in (1, 3)]
        assert summary.strong_fit_credit == sum(1 for n in credit_ids if 1 + n % 5 >= 4)


def test_iter_all_streams_every_row_in_id_order(engine: Engine) -> None:
    with engine.connect() as conn:
        ids = [row.id for row in P.iter_all(conn, batch=250)]
    assert ids == list(range(1, 1201))


def test_touches_and_outreach_rows(engine: Engine) -> None:
    with engine.begin() as conn:
        P.add_tag(conn, [3], "vip")
        draft = conn.execute(
            insert(DRAFT).values(
                prospect_id=3, channel="inmail", variant="B", created_at=NOW, updated_at=NOW
            )
        ).inserted_primary_key
        assert draft is not None
        sent = add_touch(conn, 3, "inmail_sent", DAY, channel="inmail", draft_id=draft[0])
        add_touch(conn, 3, "replied", date(2026, 11, 4), note="interested")
        add_touch(conn, 4, "connection_requested", date(2026, 10, 1), channel="connect")
    with engine.connect() as conn:
        history = touches(conn, 3)
        assert [t.kind for t in history] == ["inmail_sent", "replied"]
        assert history[0].id == sent and history[0].draft_id == draft[0]
        assert history[1].note == "interested"
        rows = outreach_rows(conn, since=DAY)
        assert [(r.prospect_id, r.kind, r.variant, r.user_tags) for r in rows] == [
            (3, "inmail_sent", "B", ("vip",)),
            (3, "replied", "", ("vip",)),
        ]
        assert len(outreach_rows(conn)) == 3
