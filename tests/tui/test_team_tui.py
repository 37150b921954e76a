"""Issue 10 in the app: the balance screen shows a team pool's seats (your seat's use of its
monthly limit and every seat's use), hidden on a solo pool; the queue's ``w`` claims the
prospect under the cursor for your seat, ``W`` releases it, and a teammate's claim is refused
with a toast naming them. Checked on the database; then the seats' look, as a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.widgets.queue_table import QueueTable
from inmail_tui.tui.widgets.seats_panel import SeatsPanel
from tests.tui.pilot import Toasts, open_balance, open_queue, press, settle, until

TODAY = date(2026, 1, 15)
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"
LEADS = (
    "Profile URL,Full Name,Company,Degree,Priority\n"
    "https://www.linkedin.com/in/amy,Amy Ode,Acme,2nd,5\n"
    "https://www.linkedin.com/in/bob,Bob Lee,Initech,2nd,4\n"
    "https://www.linkedin.com/in/cy,Cy Dorn,Globex,3rd,3\n"
)


def as_seat(db: Path, seat: str | None) -> Planner:
    return Planner.open(db, TODAY, replace(Settings(), seat=seat))


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    """A Recruiter Corporate pool of 40 with seats ana (no limit) and bo (limit 5); ana sent
    two InMails, bo one, and ana claimed Bob Lee."""
    db = tmp_path / "team.sqlite"
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, "utf-8")
    admin = as_seat(db, None)
    admin.credits.set_plan("recruiter_corporate", 15, 40)
    admin.transfer.import_file(leads)
    admin.team.add_seat("ana")
    admin.team.add_seat("bo", 5)
    ana, bo = as_seat(db, "ana"), as_seat(db, "bo")
    for url in ("linkedin.com/in/amy", "linkedin.com/in/cy"):
        ana.outreach.mark_sent(url, Channel.INMAIL, "Hiring", BODY)
    ana.team.claim([ana.queue.prospect("linkedin.com/in/bob").row.id])
    bo.outreach.preview_send("linkedin.com/in/bob", Channel.INMAIL)
    return db


def app_as(db: Path, seat: str | None) -> InmailApp:
    return InmailApp(str(db), TODAY, replace(Settings(), seat=seat))


async def test_the_balance_shows_every_seats_use_and_yours_against_its_limit(
    team_db: Path,
) -> None:
    app = app_as(team_db, "bo")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        panel = app.screen.query_one(SeatsPanel)
        await until(pilot, lambda: panel.display, "the seats panel to show")
        size = panel.outer_size
        shown = "\n".join(s.text for s in panel.render_lines(Region(0, 0, *size)))
        assert "You (bo): 0 of 5, 5 left" in shown
        lines = [line.strip("│ ").split() for line in shown.splitlines()]
        assert ["ana", "2", "-"] in lines and ["bo", "*", "0", "5"] in lines


async def test_a_solo_pool_shows_no_seats(tmp_path: Path) -> None:
    db = tmp_path / "solo.sqlite"
    as_seat(db, None).credits.set_plan("sales_navigator_core", 1, 140)
    app = app_as(db, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(SeatsPanel).display


async def test_w_claims_the_prospect_for_your_seat_and_W_releases_it(team_db: Path) -> None:
    app = app_as(team_db, "bo")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        table = app.screen.query_one(QueueTable)
        amy = as_seat(team_db, "bo").queue.prospect("linkedin.com/in/amy").row
        assert table.current is not None and table.current.row.id == amy.id  # priority 5 first
        await press(pilot, "w")
        row = as_seat(team_db, "bo").queue.prospect("linkedin.com/in/amy").row
        assert row.claimed_on == TODAY
        assert (
            as_seat(team_db, "ana")
            .team.release([amy.id])
            .skipped[0][1]
            .startswith("Amy Ode is claimed by bo")
        )
        await press(pilot, "W")
        assert as_seat(team_db, "bo").queue.prospect("linkedin.com/in/amy").row.owner_seat is None


async def test_a_teammates_claim_is_refused_with_a_toast_naming_them(team_db: Path) -> None:
    app = app_as(team_db, "bo")
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await press(pilot, "down")  # Bob Lee, claimed by ana
        table = app.screen.query_one(QueueTable)
        assert table.current is not None and table.current.row.full_name == "Bob Lee"
        await press(pilot, "w")
        assert any("Bob Lee is claimed by ana since 15 Jan 2026" in m for m in toasts.messages)
        bob = as_seat(team_db, "ana").queue.prospect("linkedin.com/in/bob").row
        assert (
            as_seat(team_db, "ana")
            .team.claim([bob.id])
            .skipped[0][1]
            .startswith("Bob Lee is already yours")
        )


def test_balance_with_seats(snap_compare: Callable[..., bool], team_db: Path) -> None:
    """A team pool's balance at 120x40: the seats panel above the ledger (which keeps its width
    beside the outreach panel), bo's own use of its limit on top, every seat's use this month
    below (ana 2, bo 0 of 5)."""
    assert snap_compare(app_as(team_db, "bo"), terminal_size=(120, 40), run_before=open_balance)
