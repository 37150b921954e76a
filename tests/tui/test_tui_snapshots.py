"""How the screens look, at 120x40 and 80x24 (fixed today, temp database and settings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
SIZES = [(120, 40), (80, 24)]
IDS = ["120x40", "80x24"]
Compare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding(snap_compare: Compare, make_app: Any, ui: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=ui.settle)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_onboarding_with_errors(
    snap_compare: Compare, make_app: Any, ui: Any, size: tuple[int, int]
) -> None:
    async def bad_day(pilot: Pilot[None]) -> None:
        await ui.settle(pilot)
        await pilot.press("down", "down", "enter", "4", "5", "ctrl+s")

    assert snap_compare(make_app(), terminal_size=size, run_before=bad_day)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_balance(
    snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=ui.settle)


def test_reconcile_dialog(
    snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path
) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["a"], run_before=ui.settle)


def test_purchase_confirmation(
    snap_compare: Compare, make_app: Any, ui: Any, recruiter_lite: Path
) -> None:
    async def two_blocks(pilot: Pilot[None]) -> None:
        await ui.settle(pilot)
        await pilot.press("p", "backspace", "2", "enter")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=two_blocks)


def test_help(snap_compare: Compare, make_app: Any, ui: Any, sales_navigator: Path) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["f1"], run_before=ui.settle)


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


def test_balance_with_outreach(
    snap_compare: Compare, make_app: Any, ui: Any, outreach: Path
) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=ui.settle)


def test_outreach_in_place_of_the_ledger(
    snap_compare: Compare, make_app: Any, ui: Any, outreach: Path
) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["o"], run_before=ui.settle)
