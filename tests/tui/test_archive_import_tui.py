"""Importing LinkedIn's data archive from the queue: the preview names what it found, and when
InMails are missing from the ledger a confirmation asks before recording them as spends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from inmail_tui.core.model import EventKind
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.confirm import ConfirmScreen
from inmail_tui.tui.screens.import_dialog import ImportDialog
from inmail_tui.tui.screens.queue import QueueScreen
from tests.archive_data import PRIYA, THAO, sample_folder, sample_zip
from tests.tui.pilot import open_queue, press, settle, until

TODAY = date(2026, 11, 1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite"
    Planner.open(path, date(2026, 9, 1), Settings()).credits.set_plan("recruiter_lite", 1, 20)
    return path


def spends(db: Path) -> list[str | None]:
    history = Planner.open(db, TODAY, Settings()).credits.balance().history
    return sorted(str(e.ref) for e in history if e.kind == EventKind.SPEND)


@pytest.mark.parametrize("answer", ["confirm", "cancel"])
async def test_missing_spends_are_recorded_only_when_confirmed(
    db: Path, tmp_path: Path, answer: str
) -> None:
    source = sample_zip(tmp_path / "Basic_LinkedInDataExport_11-01-2026.zip")
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("i")
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#import-path", Input).value = str(source)
        await press(pilot, "enter")  # the preview
        preview = str(app.screen.query_one("#import-preview", Static).render())
        assert preview.startswith("LinkedIn data archive (messages.csv, Invitations.csv,")
        assert "Invitations: 3 sent, 1 accepted (33%)." in preview
        assert "2 InMails missing from the ledger: you are asked before" in preview
        await press(pilot, "enter")  # the import
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the spends question")
        question = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "The archive holds 2 InMails the ledger has no spend for:" in question
        assert "2026-10-03  Thảo Okafor  Hiring SREs at Globex" in question
        await press(pilot, "enter" if answer == "confirm" else "escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
    assert spends(db) == ([PRIYA, THAO] if answer == "confirm" else [])
    planner = Planner.open(db, TODAY, Settings())
    assert planner.queue.prospect(PRIYA).row.status == "replied"  # the touches either way


async def test_an_unzipped_archive_is_imported_by_its_folder(db: Path, tmp_path: Path) -> None:
    """Enter on the archive's folder previews it as an archive (another folder opens in the
    tree, for typing on in it); enter again imports it."""
    plain = tmp_path / "Downloads"
    plain.mkdir()
    (plain / "notes.txt").write_text("not a CSV")
    folder = sample_folder(tmp_path / "Basic_LinkedInDataExport_11-01-2026")
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("i")
        field = app.screen.query_one("#import-path", Input)
        field.value = str(plain)
        await press(pilot, "enter")  # a plain folder: opened, nothing previewed
        assert field.value == f"{plain}/"
        assert str(app.screen.query_one("#import-preview", Static).render()) == ""
        field.value = str(folder)
        await press(pilot, "enter")  # the archive's folder: previewed
        await until(
            pilot,
            lambda: str(app.screen.query_one("#import-preview", Static).render()).startswith(
                "LinkedIn data archive (messages.csv, Invitations.csv,"
            ),
            "the archive's preview",
        )
        await press(pilot, "enter")  # the import
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the spends question")
        await press(pilot, "escape")
        await settle(pilot)
    planner = Planner.open(db, TODAY, Settings())
    assert planner.queue.prospect(PRIYA).row.status == "replied"
