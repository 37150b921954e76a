"""Issue 8 (the first hour of a real user), the TUI's defects: each test failed before its fix.

Defect 1 (and issue 9 item 4): text from an imported file never reaches the terminal as escape
sequences, on any screen: every place that shows user text goes through
``core.text.terminal_safe``.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Footer, Input

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.confirm import ConfirmScreen, UnsavedScreen
from inmail_tui.tui.screens.help import HelpScreen
from inmail_tui.tui.screens.import_dialog import ImportTree
from inmail_tui.tui.screens.onboarding import OnboardingScreen
from inmail_tui.tui.screens.prompt import ChoiceScreen, PromptScreen
from inmail_tui.tui.screens.queue import QueueScreen
from tests.tui.pilot import (
    OpenPlanner,
    Toasts,
    open_balance,
    open_drafter,
    open_queue,
    pick_plan,
    press,
    settle,
    until,
)

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/{}"
RED = "\x1b[31m"
OSC52 = "\x1b]52;c;ZWNobyBoaQ==\x07"  # writes "echo hi" to the clipboard
CLEAN = "Your team's growth this year stood out. Is hiring a priority for you right now?"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Profile URL", "First Name", "Last Name", "Company", "Title", "Degree",
                         "Open Profile", "Accepts InMail", "Tags", "Notes"])  # fmt: skip
        writer.writerows(rows)
    return path


def open_at(db: Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


def pid(db: Path, slug: str) -> int:
    return open_at(db).queue.prospect(URL.format(slug)).row.id


@pytest.fixture
def hostile(db: Path, tmp_path: Path) -> Path:
    """A pool, and a prospect whose every field carries ESC [31m and an OSC 52 sequence; one
    InMail to them is spent (the ledger's "For" column names them)."""
    planner = open_at(db)
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    evil = f"Eve{RED}{OSC52}"
    rows = [
        [URL.format("eve"), evil, f"Lee{RED}", f"Acme{OSC52}", f"CTO{RED}", "3rd", "false",
         "true", f"hot{RED}", f"note{OSC52}"],
        [URL.format("ann"), "Ann", "Ray", "Beta", "CEO", "3rd", "false", "true", "", ""],
    ]  # fmt: skip
    planner.transfer.import_file(write_csv(tmp_path / "evil.csv", rows))
    planner.drafts.seed_starter_templates()
    eve = planner.queue.prospect(URL.format("eve")).row.id
    planner.outreach.mark_sent(eve, Channel.INMAIL, "Growth at Acme", CLEAN)
    return db


def no_escape(app: InmailApp, where: str, *, shows_symbol: bool = False) -> None:
    shown = app.export_screenshot()
    if shows_symbol:
        assert "␛" in shown, f"{where} does not show the hostile text"
    assert "\x1b" not in shown, f"ESC reached the terminal on {where}"
    assert "\x07" not in shown, f"BEL reached the terminal on {where}"


async def test_escape_sequences_in_imported_text_reach_no_screen(hostile: Path) -> None:
    """Defect 1: every screen, dialog and toast shows an imported ESC as a symbol, never raw."""
    app = InmailApp(str(hostile), TODAY, Settings())
    eve = pid(hostile, "eve")
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = Toasts(app)
        await settle(pilot)
        no_escape(app, "the Today screen")
        await open_balance(pilot)
        no_escape(app, "the balance screen (the ledger's For column)", shows_symbol=True)
        await press(pilot, "enter")  # the ledger's For cell, in full, as a toast
        queue = await open_queue(pilot)
        no_escape(app, "the queue")
        assert queue.table.current is not None
        await press(pilot, "n")
        assert isinstance(app.screen, PromptScreen)
        no_escape(app, "the note dialog", shows_symbol=True)
        await press(pilot, "escape", "t")
        no_escape(app, "the tag dialog")
        await pilot.press(*"new")
        await press(pilot, "enter")
        no_escape(app, "the queue after tagging")
        await open_drafter(pilot, eve)
        no_escape(app, "the drafter (title and prospect card)", shows_symbol=True)
        await press(pilot, "f3")
        assert isinstance(app.screen, ChoiceScreen)
        no_escape(app, "the template list")
        await press(pilot, "enter")
        no_escape(app, "the drafter with a template filled in with the name")
        await press(pilot, "f9")
        no_escape(app, "the mark sent question")
        await press(pilot, "escape")
        await settle(pilot)
        for message in toasts.messages:
            assert "\x1b" not in message, f"a toast said {message!r}"
        await pilot.pause()
        no_escape(app, "the toasts")


@pytest.fixture
def three(db: Path, tmp_path: Path) -> Path:
    """A pool and three 3rd-degree prospects (an InMail costs a credit), with InMail templates."""
    planner = open_at(db)
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    rows = [
        [URL.format(slug), first, "Lee", "Acme", "CTO", "3rd", "false", "true", "", ""]
        for slug, first in (("ann", "Ann"), ("bob", "Bob"), ("cy", "Cy"))
    ]
    planner.transfer.import_file(write_csv(tmp_path / "three.csv", rows))
    planner.drafts.seed_starter_templates()
    return db


async def test_picking_a_template_asks_before_replacing_typed_text(three: Path) -> None:
    """Defect 2: a template replaces a typed draft only once the user agrees to discard it."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(three, "ann"))
        await pilot.press(*"My own words")
        await press(pilot, "f3")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, UnsavedScreen), "the template replaced the typed text"
        await press(pilot, "escape")
        assert screen.editor.subject == "My own words"
        await press(pilot, "f3", "enter")
        await press(pilot, "enter")  # discard changes
        assert screen.editor.subject != "My own words"
        assert screen.editor.body


async def test_the_tag_toast_counts_prospects_not_tags(three: Path) -> None:
    """Defect 3: two tags on three prospects says "Tagged 3 prospects"."""
    app = InmailApp(str(three), TODAY, Settings())
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await press(pilot, "asterisk", "t")
        await pilot.press(*"vip, fintech")
        await press(pilot, "enter")
    assert "Tagged 3 prospects: vip, fintech" in toasts.messages, toasts.messages
    planner = open_at(three)
    for slug in ("ann", "bob", "cy"):
        assert {"vip", "fintech"} <= set(planner.queue.prospect(URL.format(slug)).row.user_tags)


async def test_do_not_contact_asks_first_and_undo_brings_the_status_back(three: Path) -> None:
    """Defect 4: X asks before marking do not contact, and u undoes the last status change."""
    app = InmailApp(str(three), TODAY, Settings())
    toasts = Toasts(app)

    def status() -> str:
        return open_at(three).queue.prospect(first).row.status

    async with app.run_test(size=(120, 40)) as pilot:
        queue = await open_queue(pilot)
        current = queue.table.current
        assert current is not None
        first = current.row.id
        await press(pilot, "X")
        assert isinstance(app.screen, ConfirmScreen), f"X marked at once: {status()}"
        await press(pilot, "escape")
        assert status() == "new"
        await press(pilot, "X", "enter")
        assert status() == "do_not_contact"
        await press(pilot, "u")
        assert status() == "new"
        assert toasts.messages[-1] == "Undone for 1 prospect back to new", toasts.messages
        await press(pilot, "c", "u")
        assert status() == "new"


async def test_a_refused_mark_says_why_without_a_zero_count(three: Path) -> None:
    """Rough edge: a mark refused for every target shows the reason, not "0 prospects marked"."""
    app = InmailApp(str(three), TODAY, Settings())
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await press(pilot, "r")  # replied, to someone never contacted
    assert not any(message.startswith("0 prospects") for message in toasts.messages), (
        toasts.messages
    )
    assert any("not changed" in message for message in toasts.of("warning"))


async def test_the_drafter_opens_on_the_channel_the_rules_chose(db: Path, tmp_path: Path) -> None:
    """Defect 9: a 1st-degree connection opens on the message tab, as its cost says."""
    planner = open_at(db)
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    rows = [
        [URL.format("fay"), "Fay", "Lee", "Acme", "CTO", "1st", "false", "true", "", ""],
        [URL.format("gus"), "Gus", "Ray", "Beta", "CEO", "3rd", "false", "true", "", ""],
    ]
    planner.transfer.import_file(write_csv(tmp_path / "first.csv", rows))
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(db, "fay"))
        assert screen.sub_title == "Fay Lee · Message", screen.sub_title
        assert screen.editor.channel is Channel.MESSAGE
        screen = await open_drafter(pilot, pid(db, "gus"))
        assert screen.sub_title == "Gus Ray · InMail", screen.sub_title


@pytest.mark.parametrize("system_clipboard", [True, False])
async def test_copy_uses_the_system_clipboard_too_and_says_which_worked(
    three: Path, monkeypatch: pytest.MonkeyPatch, system_clipboard: bool
) -> None:
    """Defect 12: copy goes through the terminal (OSC 52) and the system clipboard (pyperclip;
    here a recorder or a machine without one, never the real one), and the toast says which."""
    import pyperclip

    copied: list[str] = []

    def system_copy(text: str) -> None:
        if not system_clipboard:
            raise pyperclip.PyperclipException("could not find a copy/paste mechanism")
        copied.append(text)

    monkeypatch.setattr(pyperclip, "copy", system_copy)
    app = InmailApp(str(three), TODAY, Settings())
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(three, "ann"))
        await pilot.press("tab")  # into the text
        await pilot.press(*"Hello Ann")
        await press(pilot, "f8")
        body = screen.editor.body
        assert body.endswith("Hello Ann")
        assert app.clipboard == body  # Textual's copy (OSC 52) was asked either way
    if system_clipboard:
        assert copied == [body]
        assert toasts.messages[-1].startswith("Text copied to the system clipboard"), toasts
    else:
        assert toasts.of("warning")[-1].startswith("Text sent through the terminal only (OSC 52")
        assert "no system clipboard found" in toasts.of("warning")[-1]


async def test_a_remapped_key_that_hides_another_is_reported(three: Path) -> None:
    """Defect 8: a [keys] remap onto another command's key on the same screen is a warning
    naming both."""
    app = InmailApp(str(three), TODAY, Settings(keys={"queue.tag": "n"}))
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    warnings = [m for m in toasts.of("warning") if "queue.tag" in m and "queue.note" in m]
    assert warnings == [
        "Key n is bound to both queue.tag and queue.note on the Queue screen: one hides the "
        "other. Change one under [keys] in the settings file."
    ], toasts.messages


async def test_default_keys_and_a_free_remap_report_no_conflict(three: Path) -> None:
    """Defect 8: keys that collide with nothing say nothing."""
    app = InmailApp(str(three), TODAY, Settings(keys={"queue.tag": "ctrl+g"}))
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert toasts.of("warning") == []


async def test_help_names_actions_never_classes(three: Path) -> None:
    """Rough edge: F1 on the balance says "Ledger: cursor up", not "LedgerTable: cursor up"."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        await press(pilot, "f1")
        rendered = app.export_screenshot()
    assert "LedgerTable" not in rendered and "DataTable" not in rendered
    assert "Ledger:" in rendered.replace("&#160;", " ")


async def test_the_unsaved_question_offers_save_and_then_goes_on(three: Path) -> None:
    """Rough edge: switching the channel with unsaved text can save it first, then switch."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(three, "ann"))
        await pilot.press("tab", *"Keep me")
        await press(pilot, "f2")
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.click("#save")
        await settle(pilot)  # the save is a write; the switch follows its reply
        await until(pilot, lambda: screen.editor.channel is Channel.CONNECT, "the switch")
        assert screen.editor.channel is Channel.CONNECT
        assert screen.sub_title == "Ann Lee · Connection note"
    draft = open_at(three).drafts.draft_context(pid(three, "ann"), Channel.INMAIL).draft
    assert draft is not None and draft.body == "Keep me"


async def test_an_empty_draft_says_what_to_type(three: Path) -> None:
    """Rough edge: an empty InMail's findings say "Type a subject and a message", not
    "nothing to fix"."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_drafter(pilot, pid(three, "ann"))
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Type a subject and a message." in shown
        assert "nothing to fix" not in shown


async def test_onboarding_asks_no_renewal_day_or_balance_for_linkedin_basic(
    db: Path, planner: OpenPlanner
) -> None:
    """Rough edge: LinkedIn Basic has no credits: its renewal day and balance are disabled."""
    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pick_plan(pilot, "free")
        await settle(pilot)
        day = app.screen.query_one("#renewal-day", Input)
        balance = app.screen.query_one("#balance", Input)
        assert (day.disabled, balance.disabled) == (True, True), "Basic asks for credits"
        assert balance.value == "0"
        await press(pilot, "ctrl+s")
    assert planner().credits.balance().plan.id == "free"


async def test_the_import_dialog_starts_at_home_and_offers_folders_and_csv_files(
    three: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rough edge: the import tree starts in the home folder, shows folders and CSV-like files
    only, and a folder typed and entered opens in the tree."""
    home = tmp_path / "me"
    (home / "leads").mkdir(parents=True)
    (home / "leads" / "march.csv").write_text("Profile URL\n", encoding="utf-8")
    (home / "leads" / "photo.png").write_bytes(b"\x89PNG")
    (home / "notes.pdf").write_bytes(b"%PDF")
    (home / "top.csv").write_text("Profile URL\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        await press(pilot, "i")
        tree = app.screen.query_one(ImportTree)
        await until(pilot, lambda: len(tree.root.children) == 2, "the home folder listed")
        assert Path(tree.path) == home
        assert sorted(str(node.label) for node in tree.root.children) == ["leads", "top.csv"]
        await pilot.press(*"~/lea", "right")  # completes the folder name
        path = app.screen.query_one("#import-path", Input)
        assert path.value == "~/leads/"
        await press(pilot, "enter")
        await until(pilot, lambda: Path(tree.path) == home / "leads", "the folder opened")
        await until(pilot, lambda: len(tree.root.children) == 1, "the folder listed")
        assert [str(node.label) for node in tree.root.children] == ["march.csv"]


async def test_the_drafter_footer_shows_its_main_keys_at_120(three: Path) -> None:
    """Rough edge: at 120 columns the drafter's footer has copy, channel and outcome too."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(three, "ann"))
        await press(pilot, "escape")  # out of the text: the app's keys show too
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.size.width
        shown = {getattr(key, "action", "") for key in footer.query("FooterKey") if key.display}
        assert {"save", "mark_sent", "pick_template", "copy_body", "channel", "outcome"} <= shown


def first_hit(app: InmailApp) -> str:
    """The title of the command palette's first hit ("" until the search has found one)."""
    hits = app.screen.query_one(CommandList)
    if not hits.option_count:
        return ""
    return str(hits.get_option_at_index(0).prompt).split("\n", 1)[0]


async def test_the_palette_runs_another_screens_command_there(three: Path) -> None:
    """Rough edge: "Queue: sort" from the balance switches to the queue and sorts it; the
    palette's "Keys" opens F1's list (Textual's panel squeezed the screen)."""
    app = InmailApp(str(three), TODAY, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        assert app.current_mode == "balance"
        await pilot.press("ctrl+p")
        await pilot.press(*"Queue: sort")
        await until(pilot, lambda: first_hit(app) == "Queue: sort", "the palette's hit")
        await press(pilot, "enter")
        await until(pilot, lambda: app.current_mode == "queue", "the queue")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await until(pilot, lambda: screen.queue_query.sort == "due", "the queue sorted by due date")
        await pilot.press("ctrl+p")
        await pilot.press(*"Keys")
        await until(pilot, lambda: first_hit(app) == "Keys", "the palette's Keys")
        await press(pilot, "enter")
        assert isinstance(app.screen, HelpScreen)
