"""The prospect detail pane: enter on a queue row opens it (beside the queue on a wide terminal,
following the cursor), it shows every fact, the decision, the history and the drafts, user text
stays plain, the queue's keys act on it, and escape closes it. Then its look, as snapshots."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.queue import QueueScreen
from inmail_tui.tui.widgets.prospect_detail import ProspectDetailPane
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import open_queue, press, settle, until

TODAY = date(2026, 1, 15)
MALLORY = "[bold red]Mallory[/bold red]"
ESCAPED = "Eve \x1b[31mRed"
LEADS = (
    "Full Name,LinkedIn URL,Company Name,Job Title,Degree,Email,Priority,Tags\n"
    "Amy Ode,https://www.linkedin.com/in/amy,Acme,CTO,3rd,amy@acme.test,5,fintech\n"
    "Bob Lee,https://www.linkedin.com/in/bob,Initech,CEO,2nd,,4,\n"
    f"{MALLORY},https://www.linkedin.com/in/mallory,Evil Corp,CISO,2nd,,3,\n"
    f'"{ESCAPED}",https://www.linkedin.com/in/eve,Acme,CTO,1st,,2,\n'
    "Cy Dorn,https://www.linkedin.com/in/cy,Globex,VP Sales,OUT,,1,\n"
)


@pytest.fixture
def detail_db(tmp_path: Path) -> Path:
    db = tmp_path / "db.sqlite"
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, "utf-8")
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 140)
    planner.transfer.import_file(leads)
    amy = planner.queue.prospect("linkedin.com/in/amy").row.id
    planner.queue.set_notes(amy, "Met at the fintech meetup")
    planner.outreach.mark_sent(amy, Channel.INMAIL, "Your hiring plans", "Hello Amy, a question?")
    planner.outreach.mark([amy], Status.REPLIED)
    planner.drafts.save_draft(amy, Channel.MESSAGE, "", "Thanks Amy: Tuesday at 10?")
    return db


def app_on(db: Path) -> InmailApp:
    return InmailApp(str(db), TODAY, Settings())


def pane_of(pilot: Pilot[None]) -> ProspectDetailPane:
    return pilot.app.screen.query_one(ProspectDetailPane)


def shown_text(pilot: Pilot[None]) -> str:
    """What the pane's body shows, as plain text."""
    body = pane_of(pilot).query_one("#detail-body", Static)
    return str(body.render())


async def showing(pilot: Pilot[None], url_end: str) -> None:
    """Wait until the pane shows the prospect whose URL ends in ``url_end``."""
    pane = pane_of(pilot)

    def shown() -> bool:
        return pane.shown is not None and pane.shown.item.row.url.endswith(f"/{url_end}")

    await until(pilot, shown, f"the detail pane to show {url_end}")
    await settle(pilot)


async def cursor_to(pilot: Pilot[None], url_end: str) -> None:
    table = pilot.app.screen.query_one(QueueTable)
    target = next(i for i, it in enumerate(table.items) if it.row.url.endswith(f"/{url_end}"))
    table.move_cursor(row=target, animate=False)
    await settle(pilot)


async def test_enter_opens_the_detail_with_every_fact_the_history_and_the_drafts(
    detail_db: Path,
) -> None:
    async with app_on(detail_db).run_test(size=(100, 40)) as pilot:
        screen = await open_queue(pilot)
        assert isinstance(screen, QueueScreen)
        assert not pane_of(pilot).display  # closed until asked for on a terminal this narrow
        await press(pilot, "enter")
        await showing(pilot, "amy")
        pane = pane_of(pilot)
        assert pane.display and pane.has_focus
        assert not screen.pager.display  # in place of the table
        text = shown_text(pilot)
        for words in (
            "Amy Ode",
            "CTO at Acme",
            "Degree         3rd",
            "Premium        no  ·  Open Profile no",
            "Accepts InMail yes  ·  blocked no",
            "Shared group   no  ·  applicant no",
            "Email          amy@acme.test (not verified)",
            "Priority       5 of 5",
            "Status         replied since 15 Jan 2026",
            "fintech",
            "Met at the fintech meetup",
            "History (2)",
            "15 Jan 2026  InMail sent · InMail · 1 credit",
            "15 Jan 2026  replied",
            "Drafts (2)",
            "Thanks Amy: Tuesday at 10?",
            "Subject: Your hiring plans",
            "sent 15 Jan 2026",
        ):
            assert words in text, words
        decision = pane.shown.item.decision if pane.shown else None
        assert decision is not None and f"rule {decision.rule}" in text
        assert decision.reason[:30] in text


async def test_escape_closes_it_and_the_queue_keys_act_on_the_prospect_it_shows(
    detail_db: Path,
) -> None:
    async with app_on(detail_db).run_test(size=(100, 40)) as pilot:
        screen = await open_queue(pilot)
        await cursor_to(pilot, "bob")
        await press(pilot, "enter")
        await showing(pilot, "bob")
        assert "History (0)" in shown_text(pilot)
        await press(pilot, "c")  # the queue's "connection requested", from inside the pane
        await until(pilot, lambda: "History (1)" in shown_text(pilot), "the new touch")
        assert f"15 Jan 2026  {Status.CONNECT_REQUESTED.label}" in shown_text(pilot)
        await press(pilot, "escape")
        assert not pane_of(pilot).display
        assert screen.pager.display and screen.table.has_focus


async def test_hostile_text_is_shown_as_typed(detail_db: Path) -> None:
    async with app_on(detail_db).run_test(size=(100, 40)) as pilot:
        await open_queue(pilot)
        await cursor_to(pilot, "eve")
        await press(pilot, "enter")
        await showing(pilot, "eve")
        assert "Eve ␛[31mRed" in shown_text(pilot)
        await press(pilot, "escape")
        await cursor_to(pilot, "mallory")
        await press(pilot, "enter")
        await showing(pilot, "mallory")
        body = pane_of(pilot).query_one("#detail-body", Static).render()
        assert MALLORY in str(body)  # the markup is text, not a style
        screen = pilot.app.export_screenshot()
        assert "\x1b" not in screen and "[bold&#160;red]Mallory[/bold&#160;red]" in screen


async def test_on_a_wide_terminal_it_shows_beside_the_queue_and_follows_the_cursor(
    detail_db: Path,
) -> None:
    async with app_on(detail_db).run_test(size=(170, 40)) as pilot:
        screen = await open_queue(pilot)
        await showing(pilot, "amy")  # without a key
        assert screen.pager.display and screen.table.has_focus
        await pilot.press("down", "down", "down")  # faster than the reads: the last one wins
        await showing(pilot, "eve")
        await press(pilot, "up")
        await showing(pilot, "mallory")


# -- the look ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_detail_snapshot(snap_compare: Any, detail_db: Path, size: tuple[int, int]) -> None:
    """Enter on a prospect with a history and drafts: the pane in place of the queue."""

    async def opened(pilot: Pilot[None]) -> None:
        await open_queue(pilot)
        await press(pilot, "enter")
        await showing(pilot, "amy")

    assert snap_compare(app_on(detail_db), terminal_size=size, run_before=opened)


def test_detail_beside_the_queue_snapshot(snap_compare: Any, detail_db: Path) -> None:
    """At 170 columns the pane stands beside the queue, on the row under the cursor."""

    async def shown(pilot: Pilot[None]) -> None:
        await open_queue(pilot)
        await showing(pilot, "amy")

    assert snap_compare(app_on(detail_db), terminal_size=(170, 40), run_before=shown)
