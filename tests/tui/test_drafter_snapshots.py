"""How the drafter looks, at 120x40 and 80x24: a draft with findings, the confirmation, the
template editor, and the analytics panel (fixed today, temp database)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.planner import Planner
from inmail_tui.planner.analytics import AnalyticsView
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.widgets.analytics_panel import AnalyticsPanel
from inmail_tui.tui.widgets.draft_area import DraftArea
from tests.tui.pilot import open_drafter, press

SIZES = [(120, 40), (80, 24)]
TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann"
BODY = (
    "My name is Sam and I lead sales at Beta. Our cutting-edge platform brings synergy to "
    "teams like [Company Name].\n\nCan we book a call next week?"
)
Compare = Callable[..., bool]


def people(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "Full Name", "Company", "Title", "Degree", "Tags"])
        writer.writerows(rows)
    return path


@pytest.fixture
def seeded(db: Path, tmp_path: Path) -> Path:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    planner.transfer.import_file(
        people(tmp_path, [[ANN, "Ann Lee", "Acme", "CTO", "2nd", "fintech cfo"]])
    )
    planner.drafts.seed_starter_templates()
    return db


def ann(seeded: Path) -> int:
    return Planner.open(seeded, TODAY, Settings()).queue.prospect(ANN).row.id


def drafting(seeded: Path) -> Callable[[Pilot[None]], Any]:
    async def run(pilot: Pilot[None]) -> None:
        screen = await open_drafter(pilot, ann(seeded))
        await pilot.press(*"Quick question")
        screen.query_one(DraftArea).insert(BODY)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_draft_with_findings(snap_compare: Compare, seeded: Path, size: tuple[int, int]) -> None:
    """An InMail with findings: counters, underlines, the findings list and the cost card."""
    app = InmailApp(str(seeded), TODAY, Settings())
    assert snap_compare(app, terminal_size=size, run_before=drafting(seeded))


def test_mark_sent_confirmation(snap_compare: Compare, seeded: Path) -> None:
    """Mark sent asks first, naming the credit it spends and the balance after."""

    async def confirm(pilot: Pilot[None]) -> None:
        screen = await open_drafter(pilot, ann(seeded))
        await pilot.press(*"Hiring")
        screen.query_one(DraftArea).insert("Hi Ann, is hiring a priority for you right now?")
        await pilot.press("f9")
        await pilot.pause()

    app = InmailApp(str(seeded), TODAY, Settings())
    assert snap_compare(app, terminal_size=(80, 24), run_before=confirm)


def test_template_editor(snap_compare: Compare, seeded: Path) -> None:
    """The template editor at 80x24: name, channel, subject, variant, text, placeholders."""

    async def edit(pilot: Pilot[None]) -> None:
        await drafting(seeded)(pilot)
        await press(pilot, "ctrl+l")
        await press(pilot, "e")

    app = InmailApp(str(seeded), TODAY, Settings())
    assert snap_compare(app, terminal_size=(80, 24), run_before=edit)


def analytics_view(db: Path, tmp_path: Path) -> AnalyticsView:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", 1, 40)
    rows = [[f"https://www.linkedin.com/in/p{i}", f"Person {i}", "Co", "VP", "2nd",
             "fintech" if i % 2 else "retail"] for i in range(12)]  # fmt: skip
    planner.transfer.import_file(people(tmp_path, rows))
    for i in range(12):
        planner.outreach.mark_sent(rows[i][0], Channel.INMAIL, "Your team", "Is this a priority?",
                          variant="A" if i < 7 else "B")  # fmt: skip
    later = Planner.open(db, TODAY + timedelta(days=6), Settings())
    for i in (0, 3, 8, 9, 10):
        later.outreach.record_outcome(rows[i][0], Outcome.REPLIED)
    return later.analytics.view()


class PanelApp(App[None]):
    def __init__(self, view: AnalyticsView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield AnalyticsPanel()

    def on_mount(self) -> None:
        self.query_one(AnalyticsPanel).show(self.view)


def test_analytics_panel(snap_compare: Compare, db: Path, tmp_path: Path) -> None:
    """The analytics panel: rates by variant and by tag, credits per reply, credit-backs due."""
    assert snap_compare(PanelApp(analytics_view(db, tmp_path)), terminal_size=(80, 24))
