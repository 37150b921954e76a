"""The likely duplicates dialog, opened from the queue with D: a pair side by side; 1 or 2
merges (after a yes) keeping that side, n says they are two people, s skips; what the database
holds afterwards is read by a fresh planner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from inmail_tui.tui.screens.confirm import ConfirmScreen
from inmail_tui.tui.screens.duplicates import DuplicatesScreen
from inmail_tui.tui.screens.queue import QueueScreen
from tests.tui.pilot import MakeApp, OpenPlanner, open_queue, press, settle

ANN = "https://www.linkedin.com/in/ann-lee"
ANN_MEMBER = "https://www.linkedin.com/in/ACwAAB00000042"
Compare = Callable[..., bool]


@pytest.fixture
def twins(sales_navigator: Path, tmp_path: Path, planner: OpenPlanner) -> Path:
    """Ann twice (a vanity URL, then her member-id URL; the name holds an escape) and Bob."""
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Profile URL,Full Name,Company,Title,Degree\n"
        f"{ANN},Ann Lee\x1b[31m,Acme Corp,VP Sales,2nd\n"
        f"{ANN_MEMBER},Lee Ann\x1b[31m,ACME,,3rd\n"
        "https://www.linkedin.com/in/bob,Bob Roe,Hooli,,2nd\n",
        "utf-8",
    )
    planner().transfer.import_file(leads)
    return sales_navigator


async def open_duplicates(pilot: Pilot[None]) -> DuplicatesScreen:
    await open_queue(pilot)
    await press(pilot, "D")
    screen = pilot.app.screen
    assert isinstance(screen, DuplicatesScreen)
    return screen


async def test_keep_left_merges_after_a_yes(
    twins: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_duplicates(pilot)
        assert screen.pair is not None
        assert (screen.pair.first.url, screen.pair.second.url) == (ANN, ANN_MEMBER)
        await press(pilot, "1")
        assert isinstance(app.screen, ConfirmScreen)
        assert planner().queue.total() == 3  # nothing merged before the yes
        await press(pilot, "enter")
        assert planner().queue.total() == 2
        kept = planner().queue.prospect(ANN).row
        assert kept.degree == 2  # the left one, kept with its own facts
        assert screen.pairs == []  # read again: nothing left to look at
        await press(pilot, "escape")
        assert isinstance(app.screen, QueueScreen)
        assert len(app.screen.table.items) == 2  # the queue reloaded once the merge was written


async def test_a_no_to_the_question_merges_nothing(
    twins: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_duplicates(pilot)
        await press(pilot, "2", "escape")
        assert isinstance(app.screen, DuplicatesScreen)
        assert planner().queue.total() == 3


async def test_not_the_same_person_is_remembered(
    twins: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_duplicates(pilot)
        await press(pilot, "s")  # one pair: skipping comes back to it
        assert screen.pair is not None and screen.pair.first.url == ANN
        await press(pilot, "n")
        assert planner().dedupe.duplicates() == []
        assert planner().queue.total() == 3
        assert screen.pairs == []


def test_duplicates_dialog(snap_compare: Compare, make_app: MakeApp, twins: Path) -> None:
    """The pair side by side with its score and reason, the names' escapes shown as symbols."""

    async def show(pilot: Pilot[None]) -> None:
        await open_duplicates(pilot)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=show)
