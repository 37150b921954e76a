"""Importing from the queue screen: a dry-run preview, then the import with progress; errors in
the dialog; a file that cannot be imported changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.import_dialog import ImportDialog, PathSuggester
from inmail_tui.tui.screens.queue import QueueScreen
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import open_queue, press, settle

TODAY = date(2026, 1, 15)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite"
    Planner.open(path, TODAY, Settings()).credits.set_plan("sales_navigator_core", 1, 140)
    return path


def connections(path: Path, people: int) -> Path:
    rows = [
        "Notes:",
        '"When exporting your connection data, you may notice that some emails are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    rows += [
        f"Ana{i},Smith,https://www.linkedin.com/in/ana-{i},,Acme,VP Sales,24 Aug 2023"
        for i in range(people)
    ]
    rows.append("Bad,Row,not a url,,Acme,VP,24 Aug 2023")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8-sig")
    return path


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def start(pilot: Pilot[None]) -> None:
    await open_queue(pilot)
    await pilot.press("i")
    assert isinstance(pilot.app.screen, ImportDialog)


async def type_path(pilot: Pilot[None], path: Path) -> None:
    pilot.app.screen.query_one("#import-path", Input).value = str(path)
    await press(pilot, "enter")


async def test_preview_then_import_refreshes_the_queue(db: Path, tmp_path: Path) -> None:
    source = connections(tmp_path / "Connections.csv", 12)
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await type_path(pilot, source)
        preview = text(pilot, "#import-preview")
        assert preview.startswith("connections: read 13 rows, would add 12, update 0")
        assert (
            "  line 17: URL: 'not a url' is not a LinkedIn URL" in preview
        )  # the bad row, by its line in the file
        assert Planner.open(db, TODAY, Settings()).queue.total() == 0  # a dry run writes nothing
        await pilot.press("enter")  # the same path again: import it
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.query_one(QueueTable).row_count == 12
        assert app.screen.query_one("#queue-count", Line).text == "12 of 12 prospects"
    assert Planner.open(db, TODAY, Settings()).queue.total() == 12


async def test_a_file_that_cannot_be_imported_is_explained_in_the_dialog(
    db: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await type_path(pilot, tmp_path / "missing.csv")
        assert text(pilot, "#import-error") == f"No file at {tmp_path / 'missing.csv'}."
        await type_path(pilot, junk)
        assert text(pilot, "#import-error")  # one sentence, not a traceback
        assert isinstance(app.screen, ImportDialog)
        await pilot.press("ctrl+s")  # nothing previewed: nothing to import
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)
    assert Planner.open(db, TODAY, Settings()).queue.total() == 0


@pytest.mark.parametrize("failing", ["preview", "import"])
async def test_an_unexpected_failure_is_reported_and_the_dialog_comes_back(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    source = connections(tmp_path / "Connections.csv", 3)
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        assert app.planner is not None
        real = app.planner.transfer.import_file

        def import_file(path: Path, *, dry_run: bool, **kwargs: Any) -> Any:
            if dry_run == (failing == "preview"):
                raise RuntimeError("database is locked")
            return real(path, dry_run=dry_run, **kwargs)

        monkeypatch.setattr(app.planner.transfer, "import_file", import_file)
        await type_path(pilot, source)
        if failing == "import":
            await pilot.press("enter")
            await settle(pilot)
        error = app.screen
        assert isinstance(error, ErrorScreen)
        shown = str(error.query_one("#error-message", Static).render())
        assert shown == "RuntimeError: database is locked"
        await pilot.press("escape")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        assert text(pilot, "#import-error") == "That did not work: nothing was imported."
        assert text(pilot, "#import-preview") == ""
        assert not dialog.query_one("#import-path", Input).disabled
        assert not dialog.query_one("#preview", Button).disabled
        assert dialog.query_one("#import", Button).disabled  # preview again first
        assert app.focused is dialog.query_one("#import-path", Input)
    assert Planner.open(db, TODAY, Settings()).queue.total() == 0


async def test_path_completion(tmp_path: Path) -> None:
    (tmp_path / "leads-2026.csv").write_text("x")
    (tmp_path / "exports").mkdir()
    suggester = PathSuggester()
    assert await suggester.get_suggestion(f"{tmp_path}/lea") == f"{tmp_path}/leads-2026.csv"
    assert await suggester.get_suggestion(f"{tmp_path}/ex") == f"{tmp_path}/exports/"
    assert await suggester.get_suggestion(f"{tmp_path}/nothing") is None


def test_import_dialog_snapshot(
    snap_compare: Any, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import dialog after a preview: the file tree, what the file would add, its bad row."""
    folder = tmp_path / "exports"
    folder.mkdir()
    connections(folder / "Connections.csv", 3)
    monkeypatch.chdir(folder)  # the path typed is relative to it
    monkeypatch.setenv("HOME", str(folder))  # the tree starts in the home folder

    async def previewed(pilot: Pilot[None]) -> None:
        await start(pilot)
        await type_path(pilot, Path("Connections.csv"))

    app = InmailApp(str(db), TODAY, Settings())
    assert snap_compare(app, terminal_size=(80, 24), run_before=previewed)
