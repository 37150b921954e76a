"""Every command that writes, through click: what the database holds afterwards, read back by a
planner opened on it, and a refusal that leaves it as it was.

``demo`` opens the terminal app: here the app runs headless (Textual's own ``headless`` and
``auto_pilot``), and the pilot reads the database the command handed to it.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from textual.app import App
from textual.pilot import Pilot

from inmail_tui.core.importing.exported import COLUMNS
from inmail_tui.core.model import EventKind, Status
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp

Run = Callable[..., Result]
TODAY = date(2026, 1, 15)
ANA = "https://www.linkedin.com/in/ana"
BO = "https://www.linkedin.com/in/bo"
NOPE = "https://www.linkedin.com/in/nope"
LEADS = (
    "Profile URL,Full Name,Company,Degree,Accepts InMail\n"
    f"{ANA},Ana Two,Acme,2nd,true\n"
    f"{BO},Bo Chen,Initech,1st,true\n"
    f"{NOPE},No Thanks,Beta,2nd,false\n"
)
BODY = "Hi Ana, saw your talk on hiring. Is this a priority for you right now?"


def planner(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def ledger(db: str, today: date = TODAY) -> list[tuple[EventKind, int]]:
    """The active pool's ledger, oldest first."""
    return [(e.kind, e.amount) for e in reversed(planner(db, today).credits.balance().history)]


def refused(result: Result) -> None:
    """A user error: exit code 1 and one line on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.fixture
def leads(tmp_path: Path) -> str:
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, "utf-8")
    return str(path)


@pytest.fixture
def queue(run: Run, leads: str) -> None:
    """Recruiter Lite (credit-backs, can buy) with 10 credits, and the three leads."""
    assert run("plan", "recruiter_lite", "--renewal-day", "20", "--balance", "10").exit_code == 0
    assert run("import", leads).exit_code == 0


def test_plan_sets_up_the_pool(run: Run, db: str) -> None:
    result = run("plan", "recruiter_lite", "--renewal-day", "20", "--balance", "10")
    assert result.exit_code == 0, result.output
    [pool] = planner(db).credits.list_pools()
    assert (pool.name, pool.plan_id, pool.renewal_day, pool.active) == (
        "main",
        "recruiter_lite",
        20,
        True,
    )
    assert ledger(db) == [(EventKind.OPEN, 10)]
    assert len(planner(db).drafts.templates()) == 3  # the first pool's starter templates


def test_plan_over_the_cap_is_refused_and_sets_up_nothing(run: Run, db: str) -> None:
    refused(run("plan", "premium_career", "--renewal-day", "3", "--balance", "16"))
    assert planner(db).credits.list_pools() == []


def test_adjust_records_the_difference(run: Run, db: str, queue: None) -> None:
    result = run("adjust", "7", "--json")
    assert result.exit_code == 0, result.output
    assert ledger(db) == [(EventKind.OPEN, 10), (EventKind.ADJUST, -3)]
    refused(run("adjust", "5", "--pool", "team"))
    assert ledger(db) == [(EventKind.OPEN, 10), (EventKind.ADJUST, -3)]


def test_purchase_records_the_blocks(run: Run, db: str, queue: None) -> None:
    result = run("purchase", "2")
    assert result.exit_code == 0, result.output
    assert ledger(db) == [(EventKind.OPEN, 10), (EventKind.PURCHASE, 20)]
    career = ("plan", "premium_career", "--renewal-day", "3", "--balance", "4", "--pool", "career")
    assert run(*career).exit_code == 0
    refused(run("purchase", "1", "--pool", "career"))
    assert ledger(db) == [(EventKind.OPEN, 4)]  # career, now the active pool: nothing bought
    assert planner(db).credits.balance("main").balance == 30


def test_cancel_records_the_last_day(run: Run, db: str, queue: None) -> None:
    refused(run("cancel", "--on", "2026-01-14"))
    assert planner(db).credits.list_pools()[0].cancelled_on is None
    result = run("cancel", "--on", "2026-02-01")
    assert result.exit_code == 0, result.output
    assert planner(db).credits.list_pools()[0].cancelled_on == date(2026, 2, 1)
    end = date(2026, 2, 1)
    assert ledger(db, end) == [(EventKind.OPEN, 10), (EventKind.GRANT, 30), (EventKind.CANCEL, -40)]


def test_import_stores_the_prospects(run: Run, db: str, leads: str, tmp_path: Path) -> None:
    refused(run("import", str(tmp_path / "missing.csv")))
    dry = run("import", leads, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert planner(db).queue.total() == 0
    result = run("import", leads)
    assert result.exit_code == 0, result.output
    stored = planner(db)
    assert stored.queue.total() == 3
    ana = stored.queue.prospect(ANA)
    assert (ana.row.full_name, ana.row.company, ana.row.status) == ("Ana Two", "Acme", Status.NEW)
    assert "2nd" in ana.tags


def test_export_writes_what_the_database_holds(
    run: Run, db: str, queue: None, tmp_path: Path
) -> None:
    refused(run("export", str(tmp_path / "no-such-folder" / "out.csv")))
    assert not (tmp_path / "no-such-folder").exists()
    out = tmp_path / "out.csv"
    result = run("export", str(out))
    assert result.exit_code == 0, result.output
    header = {field: name for name, field in COLUMNS}
    with out.open(encoding="utf-8-sig", newline="") as stream:
        exported = {
            row[header["url"]]: (row[header["full_name"]], row[header["company"]])
            for row in csv.DictReader(stream)
        }
    held = {
        item.row.url: (item.row.full_name, item.row.company)
        for item in planner(db).queue.iter_items(QueueQuery())
    }
    assert exported == held and len(held) == 3


def test_sent_spends_the_credit_and_records_the_send(
    run: Run, db: str, queue: None, tmp_path: Path
) -> None:
    body = tmp_path / "body.txt"
    body.write_text(BODY, "utf-8")
    refused(run("sent", NOPE, "--yes", "--body-file", str(body)))  # opted out of InMail
    result = run(
        "sent", ANA, "--subject", "Your hiring talk", "--body-file", str(body),
        "--variant", "B", "--yes",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    stored = planner(db)
    assert ledger(db) == [(EventKind.OPEN, 10), (EventKind.SPEND, -1)]
    assert stored.credits.balance().history[0].ref == ANA
    statuses = {url: stored.queue.prospect(url).row.status for url in (ANA, NOPE)}
    assert statuses == {ANA: Status.INMAIL_SENT, NOPE: Status.NEW}
    stats = stored.analytics.view().stats
    assert stats.inmails_sent == 1
    assert [rate.label for rate in stats.by_variant.rates] == ["B"]


def test_a_refused_send_reads_like_every_user_error(run: Run, queue: None) -> None:
    result = run("sent", NOPE, "--yes")
    refused(result)
    assert result.stderr.startswith("inmail-tui: ")


def test_outcome_records_the_response_and_the_credit_back(run: Run, db: str, queue: None) -> None:
    assert run("sent", ANA, "--yes").exit_code == 0
    later = date(2026, 1, 19)
    refused(run("outcome", ANA, "replied", "--on", "2026-01-20", today=later.isoformat()))
    refused(run("outcome", BO, "accepted", today=later.isoformat()))  # nothing was sent to Bo
    assert planner(db, later).queue.prospect(ANA).row.status == Status.INMAIL_SENT
    result = run("outcome", ANA, "replied", today=later.isoformat())
    assert result.exit_code == 0, result.output
    stored = planner(db, later)
    row = stored.queue.prospect(ANA).row
    assert (row.status, row.status_on) == (Status.REPLIED, later)
    assert stored.queue.prospect(BO).row.status == Status.NEW
    assert ledger(db, later) == [
        (EventKind.OPEN, 10),
        (EventKind.SPEND, -1),
        (EventKind.CREDIT_BACK, 1),
    ]


class TestDemo:
    """``demo`` seeds a temporary database and opens the app on it (headless here)."""

    TODAY = date(2026, 11, 25)

    @pytest.fixture
    def seen(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
        """Run the app headless; its pilot reads the database the app was given."""
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the demo's folders go here
        seen: dict[str, Any] = {}

        async def look(pilot: Pilot[object]) -> None:
            app = pilot.app
            assert isinstance(app, InmailApp) and app.db is not None
            demo = planner(app.db, self.TODAY)
            seen["db"] = Path(app.db)
            seen["pool"] = demo.credits.balance()
            seen["prospects"] = demo.queue.total()
            seen["sent"] = demo.analytics.view().stats.inmails_sent
            demo.ctx.engine.dispose()
            app.exit()

        def run_headless(app: InmailApp) -> None:
            App.run(app, headless=True, auto_pilot=look)

        monkeypatch.setattr(InmailApp, "run", run_headless)
        return seen

    def check_the_demo(self, seen: dict[str, Any], tmp_path: Path) -> None:
        assert seen["db"].is_relative_to(tmp_path)
        assert (seen["pool"].plan.id, seen["prospects"], seen["sent"]) == (
            "sales_navigator_core",
            64,
            18,
        )
        assert {e.kind for e in seen["pool"].history} >= {
            EventKind.OPEN,
            EventKind.GRANT,
            EventKind.SPEND,
        }

    def test_demo_opens_the_app_on_a_seeded_database_it_then_removes(
        self, run: Run, seen: dict[str, Any], tmp_path: Path
    ) -> None:
        result = run("demo", today=self.TODAY.isoformat())
        assert result.exit_code == 0, result.output
        self.check_the_demo(seen, tmp_path)
        assert not seen["db"].exists()

    def test_demo_keep_leaves_the_database_where_it_says(
        self, run: Run, seen: dict[str, Any], tmp_path: Path
    ) -> None:
        result = run("demo", "--keep", today=self.TODAY.isoformat())
        assert result.exit_code == 0, result.output
        self.check_the_demo(seen, tmp_path)
        assert result.stdout.strip() == f"Demo database kept at {seen['db']}"
        kept = planner(str(seen["db"]), self.TODAY)
        assert kept.queue.total() == 64
