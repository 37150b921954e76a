"""``store.agenda`` and schema 4: the holds (on both backends), the indexes of migration 0004,
and the agenda's reads going through an index, never a scan of the prospect table."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, inspect, text

from inmail_tui.core.agenda import Action, HoldKind
from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store import agenda
from inmail_tui.store.duplicates import merge
from inmail_tui.store.engine import make_engine
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.schema import META, ensure_schema
from inmail_tui.store.tx import write_tx
from tests.traced import traced

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
TODAY = date(2026, 11, 24)


def prospect(n: int, status: Status, ago: int | None, fit: int = 5, cost: str = "credit") -> Any:
    return {
        "url": f"https://www.linkedin.com/in/p-{n}",
        "full_name": f"P {n}",
        "priority": fit,
        "status": status.value,
        "status_on": None if ago is None else TODAY - timedelta(days=ago),
        "cost_class": cost,
        "created_at": NOW,
        "updated_at": NOW,
    }


def fill(engine: Engine) -> None:
    rows = [
        prospect(1, Status.NEW, None),
        prospect(2, Status.CONNECT_REQUESTED, 30),
        prospect(3, Status.CONNECT_REQUESTED, 9),
        prospect(4, Status.REPLIED, 2),
        prospect(5, Status.REPLIED, None),
        prospect(6, Status.NO_RESPONSE, 3),
        prospect(7, Status.CONNECTED, 1),
    ]
    with write_tx(engine) as conn:
        conn.execute(insert(PROSPECT), rows)


def test_holds_cover_the_days_before_until_and_go_with_their_prospect(engine: Engine) -> None:
    fill(engine)
    with write_tx(engine) as conn:
        agenda.add_hold(conn, 1, Action.REQUEST, TODAY + timedelta(days=1), HoldKind.SKIP, NOW)
        agenda.add_hold(conn, 2, Action.WITHDRAW, TODAY + timedelta(days=3), HoldKind.SNOOZE, NOW)
        conn.execute(
            text(
                "INSERT INTO agenda_hold (prospect_id, action, until, kind, created_at)"
                " VALUES (3, 'a-newer-word', :until, 'skip', :now)"
            ),
            {"until": TODAY + timedelta(days=9), "now": NOW},
        )
    with engine.connect() as conn:
        assert agenda.holds(conn, TODAY) == {Action.REQUEST: {1}, Action.WITHDRAW: {2}}
        assert agenda.holds(conn, TODAY + timedelta(days=1)) == {Action.WITHDRAW: {2}}
        assert agenda.holds(conn, TODAY + timedelta(days=3)) == {}
    with write_tx(engine) as conn:
        conn.execute(delete(PROSPECT).where(PROSPECT.c.id == 2))
    with engine.connect() as conn:
        assert agenda.holds(conn, TODAY) == {Action.REQUEST: {1}}
        left = conn.execute(text("SELECT prospect_id FROM agenda_hold ORDER BY prospect_id"))
        assert left.scalars().all() == [1, 3]


def test_the_reads_are_oldest_first_and_leave_out_the_held(engine: Engine) -> None:
    fill(engine)
    with engine.connect() as conn:
        withdraw = agenda.to_withdraw(conn, TODAY - timedelta(days=9), 10)
        assert [c.id for c in withdraw] == [2, 3]
        assert [c.id for c in agenda.to_withdraw(conn, TODAY - timedelta(days=9), 10, {2})] == [3]
        # dated first, the longest ago first; undated after
        assert [c.id for c in agenda.follow_ups(conn, Action.ANSWER, 10)] == [4, 5]
        assert [c.id for c in agenda.follow_ups(conn, Action.MESSAGE, 10)] == [7]
        due = agenda.inmails_due(conn, today=TODAY, wait_days=7, strong_fit=4, min_fit=3, limit=10)
        assert [c.id for c in due] == [2, 3, 6]
        assert [c.id for c in agenda.new_for_requests(conn, 10)] == [1]
        assert agenda.new_for_requests(conn, 10, {1}) == []


def test_migration_0004_adds_the_hold_table_and_the_indexes(db_url: str) -> None:
    engine = make_engine(db_url)
    with write_tx(engine) as conn:  # from nothing, by the migration chain
        META.create(conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '0')"))
    ensure_schema(engine)
    found = inspect(engine)
    assert {i["name"] for i in found.get_indexes("touch")} >= {"ix_touch_on"}
    indexes = {i["name"]: i["column_names"] for i in found.get_indexes("prospect")}
    assert indexes["ix_prospect_status_on"] == ["status", "status_on", "priority", "cost_class"]
    keys = found.get_foreign_keys("agenda_hold")
    assert [(k["referred_table"], k["options"].get("ondelete")) for k in keys] == [
        ("prospect", "CASCADE")
    ]
    engine.dispose()


def test_the_agenda_reads_prospects_by_index_only(tmp_path: Path) -> None:
    """Every statement ``planner.agenda.day()`` runs on the prospect table searches an index
    (SQLite's EXPLAIN QUERY PLAN), with the statistics of a large table (ANALYZE)."""
    db = tmp_path / "inmail.sqlite"
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 100)
    fill(planner.ctx.engine)
    statuses = [Status.NEW, Status.CONNECT_REQUESTED, Status.REPLIED, Status.NO_RESPONSE]
    rows = [prospect(n, statuses[n % 4], n % 40, fit=n % 5 + 1) for n in range(100, 5100)]
    with write_tx(planner.ctx.engine) as conn:
        conn.execute(insert(PROSPECT), rows)
        conn.exec_driver_sql("ANALYZE")
    # the reads run on the driver's connection (store.driver_rows): SQLite's own trace sees them
    with traced(planner.ctx.engine) as statements:
        view = planner.agenda.day()
    assert view.agenda.group(Action.REQUEST).lines
    reads = [s for s in statements if "FROM prospect" in s and s.lstrip().startswith("SELECT")]
    assert len(reads) >= 8
    with planner.ctx.engine.connect() as conn:
        for statement in reads:
            # as traced: the values written into the statement
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement).all()
            steps = [row[-1] for row in plan]
            assert not [s for s in steps if s.startswith("SCAN prospect")], (statement, steps)


def test_a_merge_moves_the_holds_onto_the_kept_prospect(engine: Engine) -> None:
    fill(engine)
    with write_tx(engine) as conn:
        agenda.add_hold(conn, 3, Action.WITHDRAW, TODAY + timedelta(days=3), HoldKind.SNOOZE, NOW)
        merge(conn, 2, 3, NOW)
    with engine.connect() as conn:
        assert agenda.holds(conn, TODAY) == {Action.WITHDRAW: {2}}
