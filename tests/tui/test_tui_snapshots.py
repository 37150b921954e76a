"""How the screens look, at 120x40 and 80x24 (fixed today, temp database and settings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from tests.tui.pilot import MakeApp, open_balance, settle

TODAY = date(2026, 1, 15)
SIZES = [(120, 40), (80, 24)]
IDS = ["120x40", "80x24"]
Compare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding(snap_compare: Compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    """A first run opens on the setup form: the plans, the renewal day and the balance."""
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding_with_errors(
    snap_compare: Compare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    """A bad renewal day is named under the form, and everything typed stays."""

    async def bad_day(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "enter", "4", "5", "ctrl+s")

    assert snap_compare(make_app(), terminal_size=size, run_before=bad_day)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_balance(
    snap_compare: Compare, make_app: MakeApp, sales_navigator: Path, size: tuple[int, int]
) -> None:
    """The balance against its cap, the next grant, the credits at risk, forecast and ledger."""
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


def test_reconcile_dialog(snap_compare: Compare, make_app: MakeApp, sales_navigator: Path) -> None:
    """Reconcile asks for the balance LinkedIn shows, starting from the one recorded."""
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["a"], run_before=settle)


def test_purchase_confirmation(
    snap_compare: Compare, make_app: MakeApp, recruiter_lite: Path
) -> None:
    """A purchase is confirmed with the credits and the price it records."""

    async def two_blocks(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p", "backspace", "2", "enter")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=two_blocks)


def test_help(snap_compare: Compare, make_app: MakeApp, sales_navigator: Path) -> None:
    """F1 lists the keys of the screen it was opened on, then every other screen's."""
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["f1"], run_before=settle)


@pytest.fixture
def outreach(db: Path, tmp_path: Path) -> Path:
    """Recruiter Lite: five InMails, variants A and B, two replies; three credits may come back."""
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", 10, 40)
    leads = tmp_path / "leads.csv"
    rows = [f"https://www.linkedin.com/in/p{i},Person {i},Co,VP,2nd" for i in range(5)]
    leads.write_text("LinkedIn URL,Full Name,Company,Title,Degree\n" + "\n".join(rows) + "\n")
    planner.transfer.import_file(leads)
    for i in range(5):
        url = f"https://www.linkedin.com/in/p{i}"
        planner.outreach.mark_sent(
            url, Channel.INMAIL, "Your team", "A priority?", variant="AB"[i % 2]
        )
    for i in (0, 3):
        planner.outreach.record_outcome(f"https://www.linkedin.com/in/p{i}", Outcome.REPLIED)
    return db


def test_balance_with_outreach(snap_compare: Compare, make_app: MakeApp, outreach: Path) -> None:
    """A wide terminal shows the outreach analytics beside the ledger."""
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_balance)


def test_outreach_in_place_of_the_ledger(
    snap_compare: Compare, make_app: MakeApp, outreach: Path
) -> None:
    """On 80x24 the outreach analytics take the ledger's place when o is pressed."""
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["o"], run_before=open_balance)
