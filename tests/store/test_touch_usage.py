"""This month's and week's use of the free allowances (``touches.usage``), which every queue page
reads: what it counts, and that it reads the touches, not every prospect, whatever SQLite's
statistics say."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert

from inmail_tui.core.model import Status
from inmail_tui.core.undo import undo_note
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.touches import Usage, add_touch, touches, usage
from tests.traced import traced

TODAY = date(2026, 11, 20)  # the week from 14 Nov, the month from 1 Nov
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _prospects(conn: Connection, *facts: dict[str, Any]) -> list[int]:
    rows = [
        {
            "url": f"https://www.linkedin.com/in/p{n}",
            "full_name": f"P{n}",
            "created_at": NOW,
            "updated_at": NOW,
            "open_profile": False,
            "shares_group": False,
            **fact,
        }
        for n, fact in enumerate(facts)
    ]
    conn.execute(insert(PROSPECT), rows)
    return [
        row.id
        for row in conn.execute(PROSPECT.select().order_by(PROSPECT.c.id)).all()[-len(facts) :]
    ]


def test_usage_counts_free_inmails_group_messages_and_this_weeks_invitations(
    engine: Engine,
) -> None:
    inmail, message, connect = (
        Status.INMAIL_SENT.value,
        Status.MESSAGED.value,
        Status.CONNECT_REQUESTED.value,
    )
    with engine.begin() as conn:
        open_profile, closed, group, group_first, other = _prospects(
            conn,
            {"open_profile": True, "degree": 2},
            {"open_profile": False, "degree": 2},
            {"shares_group": True, "degree": 2},
            {"shares_group": True, "degree": 1},  # a 1st-degree message is not a group message
            {"degree": 3},
        )
        add_touch(conn, open_profile, inmail, TODAY - timedelta(days=1))  # counted
        add_touch(conn, open_profile, inmail, date(2026, 10, 30))  # last month
        add_touch(conn, open_profile, inmail, TODAY + timedelta(days=1))  # after today
        add_touch(conn, closed, inmail, TODAY)  # not an Open Profile
        add_touch(conn, group, message, date(2026, 11, 2))  # counted
        add_touch(conn, group_first, message, TODAY)
        add_touch(conn, closed, message, TODAY)  # shares no group
        add_touch(conn, closed, connect, TODAY - timedelta(days=6))  # counted: 14 Nov
        add_touch(conn, other, connect, TODAY - timedelta(days=7))  # last week
        add_touch(conn, other, connect, TODAY)
        undone = touches(conn, other)[-1]
        add_touch(conn, other, Status.NEW.value, TODAY, note=undo_note(undone))  # undone
    with engine.connect() as conn:
        assert usage(conn, TODAY) == Usage(1, 1, 1)


@pytest.mark.sqlite_only("the join order is SQLite's query planner's, read off its statistics")
def test_usage_reads_the_touches_even_when_analyze_saw_no_touch(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "analyzed.db")
    ensure_schema(engine)
    with engine.begin() as conn:
        _prospects(conn, *({"degree": 2} for _ in range(2000)))
        conn.exec_driver_sql("ANALYZE")  # the statistics of an empty touch table
    with traced(engine) as statements, engine.connect() as conn:
        assert usage(conn, TODAY) == Usage(0, 0, 0)
    plans: list[str] = []
    with engine.connect() as conn:
        for statement in statements:
            if statement.lstrip().startswith("SELECT count("):  # as run: its values written in
                found = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement).all()
                plans.extend(str(row[3]) for row in found)
    engine.dispose()
    assert plans, "the usage query was not seen"
    assert not [step for step in plans if step.startswith("SCAN prospect")], plans
