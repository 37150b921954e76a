"""planner.maintenance.watch_changes: on PostgreSQL, another session's write wakes the watcher
(LISTEN/NOTIFY: an edit in place, a new touch, a ledger entry), the watcher's own planner's
writes do not; SQLite has no watcher (the app polls ``change_marker`` there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.planner.maintenance import ChangeWatcher
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
WAKE = 5.0  # seconds: a bound far above the few milliseconds a notification takes
QUIET = 0.5  # seconds of silence that show nothing was heard


def _open(db: str | Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> str:
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/amy,2nd\n", "utf-8")
    setup = _open(pg_url)
    setup.credits.set_plan("sales_navigator_core", 1, 140)
    setup.transfer.import_file(leads)
    setup.ctx.engine.dispose()
    return pg_url


@pytest.mark.postgres
def test_another_sessions_writes_wake_the_watcher_and_its_own_do_not(team: str) -> None:
    mine = _open(team)
    watcher = mine.maintenance.watch_changes()
    assert isinstance(watcher, ChangeWatcher)
    other = _open(team)
    amy = other.queue.prospect("linkedin.com/in/amy").row.id
    try:
        assert watcher.wait(QUIET) is False  # nothing written yet

        other.queue.set_notes(amy, "met at SaaStr")  # an UPDATE in place, no new row
        assert watcher.wait(WAKE) is True
        other.outreach.mark([amy], Status.CONNECT_REQUESTED)  # a status change and a touch
        assert watcher.wait(WAKE) is True
        other.credits.adjust(120)  # a ledger entry
        assert watcher.wait(WAKE) is True
        assert watcher.wait(QUIET) is False  # each burst woke it once

        mine.queue.set_notes(amy, "my own note")  # the watcher's own planner: not heard
        mine.credits.adjust(110)
        assert watcher.wait(QUIET) is False
    finally:
        watcher.close()
        mine.ctx.engine.dispose()
        other.ctx.engine.dispose()


@pytest.mark.postgres
def test_a_lost_listening_connection_is_a_watch_lost(team: str, pg_admin: str) -> None:
    from inmail_tui.planner.maintenance import WatchLost

    mine = _open(team)
    watcher = mine.maintenance.watch_changes()
    assert watcher is not None
    import psycopg

    with psycopg.connect(pg_admin, autocommit=True) as admin:  # the server drops it
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query = 'LISTEN inmail_tui' AND pid <> pg_backend_pid() "
            "AND datname = current_database()"
        )
    try:
        with pytest.raises(WatchLost):
            watcher.wait(WAKE)
    finally:
        watcher.close()
        mine.ctx.engine.dispose()


def test_sqlite_has_no_watcher(tmp_path: Path) -> None:
    assert _open(tmp_path / "db.sqlite").maintenance.watch_changes() is None
