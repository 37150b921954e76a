"""Two people on one PostgreSQL database: what one of them does shows in the other's open app
within 2 seconds, without a key press there (LISTEN/NOTIFY, not the poll: the poll is switched
off here), and a lost listening connection falls back to the poll with one toast."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui import app as app_module
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.conftest import TODAY
from tests.tui.pilot import Toasts, open_queue, press, settle, until

pytestmark = pytest.mark.postgres

LIVE = 2.0  # seconds: the bound for a teammate's change to show


@pytest.fixture
def team_db(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A Sales Navigator pool (140 credits) and two 2nd-degree prospects, Ann then Bob; the
    apps' poll every hour (so only LISTEN/NOTIFY can show a change in time)."""
    monkeypatch.setattr(app_module, "CHANGE_POLL_SECONDS", 3600.0)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Full Name,LinkedIn URL,Degree,Priority\n"
        "Ann Lee,https://www.linkedin.com/in/ann,2nd,5\n"
        "Bob Lee,https://www.linkedin.com/in/bob,2nd,4\n",
        "utf-8",
    )
    setup = Planner.open(pg_url, TODAY, Settings())
    setup.credits.set_plan("sales_navigator_core", 1, 140)
    setup.transfer.import_file(leads)
    setup.ctx.engine.dispose()
    return pg_url


def statuses(table: QueueTable) -> list[str]:
    return [item.row.status for item in table.items]


async def test_a_mark_in_one_app_shows_in_the_other_within_two_seconds(team_db: str) -> None:
    first, second = (InmailApp(team_db, TODAY, Settings()) for _ in range(2))
    async with first.run_test(size=(120, 40)) as p1, second.run_test(size=(120, 40)) as p2:
        queue1, queue2 = await open_queue(p1), await open_queue(p2)
        table1, table2 = queue1.query_one(QueueTable), queue2.query_one(QueueTable)
        assert statuses(table2) == ["new", "new"]
        await press(p1, "c")  # Ann: connection requested, in the first app
        assert statuses(table1)[0] == Status.CONNECT_REQUESTED.value
        await until(
            p2,
            lambda: statuses(table2)[0] == Status.CONNECT_REQUESTED.value,
            "the second app to show the first app's mark",
            timeout=LIVE,
        )


async def test_a_send_in_one_app_shows_on_the_others_balance(team_db: str) -> None:
    first, second = (InmailApp(team_db, TODAY, Settings()) for _ in range(2))
    async with first.run_test(size=(120, 40)) as p1, second.run_test(size=(120, 40)) as p2:
        await settle(p1)
        await settle(p2)
        assert second.balance_view is not None and second.balance_view.balance == 140
        first.work.write(  # what the drafter's "mark sent" asks for, confirmed
            first,
            lambda p: p.outreach.mark_sent(
                "linkedin.com/in/ann", Channel.INMAIL, "Hello", "Hello Ann, a question?"
            ),
        )
        await settle(p1)
        assert first.balance_view is not None and first.balance_view.balance == 139
        await until(
            p2,
            lambda: second.balance_view is not None and second.balance_view.balance == 139,
            "the second app's balance to show the first app's send",
            timeout=LIVE,
        )


async def test_a_lost_listening_connection_falls_back_to_the_poll_with_one_toast(
    team_db: str, pg_admin: str
) -> None:
    app = InmailApp(team_db, TODAY, Settings())
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.live, "the app to listen")
        with psycopg.connect(pg_admin, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query = 'LISTEN inmail_tui' AND pid <> pg_backend_pid() "
                "AND datname = current_database()"
            )
        await until(pilot, lambda: not app.live, "the app to stop listening")
        await settle(pilot)
        stopped = [t for t in toasts.of("warning") if t.startswith("Live updates stopped")]
        assert len(stopped) == 1
        assert "\n" not in stopped[0] and stopped[0].endswith("seconds instead.")
