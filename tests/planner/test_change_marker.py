"""planner.maintenance.change_marker: cheap, stable while nothing changes, different once another
connection or process changed the database (the app polls it)."""

from datetime import date
from pathlib import Path

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)


def _open(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def test_the_marker_moves_when_another_planner_writes_and_only_then(
    tmp_path: Path, db_url: str
) -> None:
    db = db_url
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/amy,2nd\n", "utf-8")
    setup = _open(db)
    setup.credits.set_plan("sales_navigator_core", 1, 140)
    setup.transfer.import_file(leads)

    watching = _open(db)
    first = watching.maintenance.change_marker()
    watching.credits.balance()
    watching.queue.page(QueueQuery())
    assert watching.maintenance.change_marker() == first  # reads change nothing

    _open(db).outreach.mark_sent("linkedin.com/in/amy", Channel.INMAIL, "Hi", "Hello Amy?")
    second = watching.maintenance.change_marker()
    assert second != first
    assert watching.maintenance.change_marker() == second

    _open(db).queue.set_notes(watching.queue.prospect("linkedin.com/in/amy").row.id, "later")
    if watching.ctx.engine.dialect.name == "sqlite":  # PostgreSQL's marker sees appends only
        assert watching.maintenance.change_marker() != second  # an edit in place counts too

    # a line of the agenda held off it (skip, snooze) is an append on both databases
    third = watching.maintenance.change_marker()
    _open(db).agenda.skip("linkedin.com/in/amy", "request")
    assert watching.maintenance.change_marker() != third
