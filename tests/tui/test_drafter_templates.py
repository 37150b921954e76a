"""Templates from the drafter: the list, a new template, an edit, a delete with confirmation."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.confirm import ConfirmScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.templates import TemplateEditScreen, TemplatesScreen
from inmail_tui.tui.widgets.draft_area import DraftArea
from tests.tui.pilot import open_drafter, press, settle

TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann"


@pytest.fixture
def seeded(db: Path, tmp_path: Path) -> Path:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(
            [["LinkedIn URL", "Full Name", "Degree"], [ANN, "Ann Lee", "2nd"]]
        )
    planner.transfer.import_file(people)
    planner.drafts.seed_starter_templates()
    return db


def planner(db: Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


def top(app: InmailApp) -> Screen[Any]:
    """The screen on top (a function, so that type narrowing does not outlive a key press)."""
    return app.screen


async def templates_screen(pilot: Pilot[None], db: Path) -> TemplatesScreen:
    app = pilot.app
    await open_drafter(pilot, planner(db).queue.prospect(ANN).row.id)
    await press(pilot, "ctrl+l")
    assert isinstance(app.screen, TemplatesScreen)
    return app.screen


async def test_list_new_edit_delete(seeded: Path) -> None:
    app = InmailApp(str(seeded), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await templates_screen(pilot, seeded)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert screen.current is not None and screen.current.channel is Channel.INMAIL
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TemplateEditScreen)
        await pilot.press(*"Warm")
        editor.query_one("#tpl-variant", Input).value = "B"
        editor.query_one("#tpl-subject", Input).value = "Your hiring"
        editor.query_one("#tpl-body", DraftArea).insert("Hi {first_name}, is hiring a priority?")
        await pilot.pause()
        assert editor.sub_title == "Warm · unsaved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table.row_count == 4
        made = next(t for t in planner(seeded).drafts.templates() if t.name == "Warm")
        assert (made.channel, made.subject, made.variant) == (Channel.INMAIL, "Your hiring", "B")

        table.move_cursor(row=screen.templates.index(made))
        await pilot.press("e")
        await pilot.pause()
        second = top(app)
        assert isinstance(second, TemplateEditScreen)
        second.query_one("#tpl-channel", Select).value = Channel.MESSAGE
        await pilot.pause()
        assert not second.query_one("#tpl-subject-row").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = next(t for t in planner(seeded).drafts.templates() if t.name == "Warm")
        assert (changed.id, changed.channel, changed.subject) == (made.id, Channel.MESSAGE, "")

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert [t.name for t in planner(seeded).drafts.templates()] == [
            "Starter InMail",
            "Starter connection note",
            "Starter message",
        ]
        assert table.row_count == 3


async def test_a_template_without_a_name_is_refused_in_words(seeded: Path) -> None:
    app = InmailApp(str(seeded), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await templates_screen(pilot, seeded)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#tpl-body", DraftArea).insert("Text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert str(app.screen.query_one("#error-message", Static).render()) == (
            "A template needs a name."
        )


async def test_closing_an_edited_template_asks_first(seeded: Path) -> None:
    app = InmailApp(str(seeded), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await templates_screen(pilot, seeded)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(top(app), TemplateEditScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # discard
        await settle(pilot)
        assert top(app) is screen
        assert "Starter InMailx" not in [t.name for t in planner(seeded).drafts.templates()]


async def test_starters_come_back_on_request(seeded: Path) -> None:
    for template in planner(seeded).drafts.templates():
        planner(seeded).drafts.delete_template(template.id)
    app = InmailApp(str(seeded), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await templates_screen(pilot, seeded)
        assert screen.query_one(DataTable).row_count == 0
        preview = str(screen.query_one("#template-preview", Static).render())
        assert preview.startswith("No templates yet")
        await pilot.press("s")
        await settle(pilot)
        assert screen.query_one(DataTable).row_count == 3
