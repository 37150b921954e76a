"""The drafter, driven by Pilot: typing updates counters, findings and underlines; marking sent
asks first, spends through the ledger and refuses what the limits or the rules forbid; drafts
are saved, and unsaved ones are not lost without a question."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Footer, Static, Tabs

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.confirm import ConfirmScreen, UnsavedScreen
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.prompt import ChoiceScreen
from inmail_tui.tui.widgets.draft_area import DraftArea
from inmail_tui.tui.widgets.draft_badge import DecisionBadge
from inmail_tui.tui.widgets.draft_card import ProspectCard
from inmail_tui.tui.widgets.draft_counter import DraftCounter
from inmail_tui.tui.widgets.draft_editor import DraftEditor
from inmail_tui.tui.widgets.draft_findings import FindingsList
from tests.tui.pilot import open_drafter, settle

TODAY = date(2026, 1, 15)  # a Thursday: no weak-send-day hint
URL = "https://www.linkedin.com/in/{}"
PEOPLE = [  # slug, first, last, company, title, degree, open profile, accepts InMail
    ("ann", "Ann", "Lee", "Acme", "CTO", "2nd", "false", "true"),
    ("bob", "Bob", "Ray", "", "", "2nd", "true", "true"),
    ("cy", "Cy", "Om", "Gamma", "CEO", "2nd", "false", "false"),
    ("mal", "[bold red]Mallory[/bold red]", "X", "Evil [i]Corp", "CEO", "3rd", "false", "true"),
]
CLEAN = "Your team's growth this year stood out. Is hiring a priority for you right now?"


def seed(db: Path, tmp_path: Path, plan: str = "sales_navigator_core", balance: int = 10) -> None:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan(plan, 1, balance)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Profile URL", "First Name", "Last Name", "Company", "Title", "Degree",
                         "Open Profile", "Accepts InMail", "Tags"])  # fmt: skip
        for slug, *rest in PEOPLE:
            writer.writerow([URL.format(slug), *rest, "fintech"])
    planner.transfer.import_file(people)
    planner.drafts.seed_starter_templates()


def pid(db: Path, slug: str) -> int:
    return Planner.open(db, TODAY, Settings()).queue.prospect(URL.format(slug)).row.id


@pytest.fixture
def seeded(db: Path, tmp_path: Path) -> Path:
    seed(db, tmp_path)
    return db


@pytest.fixture
def app(seeded: Path) -> InmailApp:
    return InmailApp(str(seeded), TODAY, Settings())


@pytest.fixture
def notes(app: InmailApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app told the user in toasts."""
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: said.append(str(message)))
    return said


async def type_in(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def paste(pilot: Pilot[None], screen: DrafterScreen, text: str) -> None:
    """Put ``text`` into the body at the cursor, as a paste does (typing it is slow under Pilot)."""
    area = screen.query_one(DraftArea)
    area.focus()
    area.insert(text)
    await pilot.pause()


def shown(screen: DrafterScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def counter(screen: DrafterScreen, which: str) -> DraftCounter:
    return screen.query_one(f"#draft-{which}-counter", DraftCounter)


async def test_opens_the_prospect_with_card_cost_and_counters(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        card = str(screen.query_one(ProspectCard).render())
        assert card.splitlines()[:3] == ["Ann Lee", "CTO at Acme", "2nd fintech"]
        badge = str(screen.query_one(DecisionBadge).render())
        assert badge.startswith("1 credit · InMail")
        assert "Balance 10 → 9 after this send" in badge
        assert str(counter(screen, "subject").render()) == "0 / 200"
        assert str(counter(screen, "body").render()) == "0 / 2,000"
        assert screen.sub_title == "Ann Lee · InMail"
        assert app.focused is screen.query_one("#draft-subject")


async def test_typing_updates_counters_findings_and_underlines(
    app: InmailApp, seeded: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await type_in(pilot, "Hello")
        assert str(counter(screen, "subject").render()) == "5 / 200"
        findings = screen.query_one(FindingsList).findings
        assert [f.check for f in findings] == ["subject-generic"]
        await pilot.press("tab")
        await type_in(pilot, "Synergy")
        await paste(pilot, screen, "? Book a call")
        body = "Synergy? Book a call"
        assert str(counter(screen, "body").render()) == f"{len(body)} / 2,000"
        found = {f.check: f for f in screen.query_one(FindingsList).findings}
        assert {"jargon", "hard-cta", "subject-generic"} <= set(found)
        jargon = found["jargon"]
        assert body[jargon.start : jargon.end] == "Synergy"
        assert (jargon.start, jargon.end, "warning") in screen.query_one(DraftArea).marks[0]
        assert screen.sub_title == "Ann Lee · InMail · unsaved"


async def test_counter_turns_amber_past_the_advice_and_red_past_the_limit(
    app: InmailApp, seeded: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await paste(pilot, screen, "x" * 401)
        assert counter(screen, "body").has_class("-warn")
        await paste(pilot, screen, "x" * 1600)
        body_counter = counter(screen, "body")
        assert str(body_counter.render()) == "2,001 / 2,000"
        assert body_counter.has_class("-over") and not body_counter.has_class("-warn")
        errors = [f for f in screen.query_one(FindingsList).findings if f.severity == "error"]
        assert [(e.check, e.start, e.end) for e in errors] == [("body-over-limit", 2000, 2001)]


async def test_choosing_a_finding_selects_its_span(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await pilot.press("tab")
        await paste(pilot, screen, "Hello.\nOur cutting-edge tool?")
        findings = screen.query_one(FindingsList)
        findings.focus()
        index = next(i for i, f in enumerate(findings.findings) if f.check == "jargon")
        findings.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        area = screen.query_one(DraftArea)
        assert app.focused is area
        assert area.selection == ((1, 4), (1, 16))
        assert area.selected_text == "cutting-edge"


async def test_mark_sent_confirms_the_cost_then_spends_one_credit(
    app: InmailApp, seeded: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await type_in(pilot, "Team")
        await paste(pilot, screen, CLEAN)
        await pilot.press("f9")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        texts = [str(s.render()) for s in dialog.query(Static)]
        assert any("An InMail cannot be unsent." in t for t in texts)
        assert "Cost: 1 credit (balance 10 → 9)" in texts
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        planner = Planner.open(seeded, TODAY, Settings())
        assert planner.credits.balance().balance == 9
        item = planner.queue.prospect(URL.format("ann"))
        assert item.row.status == Status.INMAIL_SENT
        assert screen.editor.body == ""  # the sent text is stored; a new draft starts empty
        assert "Balance 9 → 8" in str(screen.query_one(DecisionBadge).render())


async def test_cancelling_the_confirmation_spends_nothing(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await paste(pilot, screen, CLEAN)
        await pilot.press("f9", "escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.editor.body == CLEAN
        assert Planner.open(seeded, TODAY, Settings()).credits.balance().balance == 10


async def test_a_broken_hard_limit_is_refused_with_the_reason(
    app: InmailApp, seeded: Path, notes: list[str]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await paste(pilot, screen, "x" * 2001)
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is screen
        assert (
            notes[-1] == "Not marked sent: Body is 2,001 characters; LinkedIn allows 2,000. Cut 1."
        )
        assert Planner.open(seeded, TODAY, Settings()).credits.balance().balance == 10


async def test_an_opted_out_prospect_cannot_be_sent_to(
    app: InmailApp, seeded: Path, notes: list[str]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "cy"))
        badge = screen.query_one(DecisionBadge)
        assert str(badge.render()).startswith("Cannot send")
        assert badge.has_class("-blocked")
        context = screen.session.context
        reason = context.decision.reason if context else ""
        await paste(pilot, screen, "Hi Cy, is this a priority?")
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is screen
        assert notes[-1] == f"Not marked sent: {reason}"
        assert Planner.open(seeded, TODAY, Settings()).credits.balance().balance == 10


async def test_an_open_profile_send_is_free(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "bob"))
        assert str(screen.query_one(DecisionBadge).render()).startswith("Free")
        await paste(pilot, screen, "Hi Bob, is this a priority?")
        await pilot.press("f9")
        await pilot.pause()
        assert "Cost: Free" in [str(s.render()) for s in app.screen.query(Static)]
        await pilot.press("enter")
        await settle(pilot)
        planner = Planner.open(seeded, TODAY, Settings())
        assert planner.credits.balance().balance == 10
        assert planner.queue.prospect(URL.format("bob")).row.status == Status.INMAIL_SENT


async def test_a_saved_draft_survives_closing_the_app(seeded: Path) -> None:
    ann = pid(seeded, "ann")
    first = InmailApp(str(seeded), TODAY, Settings())
    async with first.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, ann)
        await type_in(pilot, "Team")
        await pilot.press("tab")
        await type_in(pilot, "Hi")
        assert (screen.dirty, screen.sub_title) == (True, "Ann Lee · InMail · unsaved")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (screen.dirty, screen.sub_title) == (False, "Ann Lee · InMail")
    again = InmailApp(str(seeded), TODAY, Settings())
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, ann)
        assert (screen.editor.subject, screen.editor.body) == ("Team", "Hi")
        assert not screen.dirty


async def test_an_unsaved_draft_asks_before_it_is_discarded(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await pilot.press("tab")
        await type_in(pilot, "Half")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # keep writing
        await settle(pilot)
        assert screen.editor.channel is Channel.INMAIL
        assert screen.editor.body == "Half"
        assert screen.query_one("#draft-tabs", Tabs).active == "inmail"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")  # discard
        await settle(pilot)
        assert (screen.editor.channel, screen.editor.body) == (Channel.CONNECT, "")
        assert str(counter(screen, "body").render()) == "0 / 300"
        assert not screen.query_one("#draft-subject-row").display


async def test_a_template_is_filled_in_and_a_missing_value_is_a_finding(
    app: InmailApp, seeded: Path, notes: list[str]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "bob"))  # no company or title on file
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
        editor = screen.query_one(DraftEditor)
        assert editor.subject == "Your team's growth"
        assert editor.body.startswith("Hi Bob,")
        assert "{title} at {company}" in editor.body
        placeholders = [f for f in editor.result.findings if f.check == "placeholder"]  # type: ignore[union-attr]
        assert [editor.body[f.start : f.end] for f in placeholders] == ["{title}", "{company}"]
        assert notes[-1] == "No value for {title}, {company}: fill it in by hand."
        assert shown(screen, "#draft-origin") == "Template: Starter InMail · variant A"


async def test_names_are_shown_as_written_never_as_markup(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "mal"))
        card = str(screen.query_one(ProspectCard).render()).splitlines()
        assert card[:2] == ["[bold red]Mallory[/bold red] X", "CEO at Evil [i]Corp"]
        assert str(screen.sub_title).startswith("[bold red]Mallory[/bold red] X")


async def test_copy_subject_and_body(
    app: InmailApp, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_drafter(pilot, pid(seeded, "ann"))
        await type_in(pilot, "Team")
        await pilot.press("tab")
        await type_in(pilot, "Hi")
        await pilot.press("f4", "f8")
        assert copied == ["Team", "Hi"]


async def test_editor_without_editor_says_how(
    app: InmailApp, seeded: Path, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_drafter(pilot, pid(seeded, "ann"))
        await pilot.press("ctrl+o")
        assert "EDITOR" in notes[-1]


@contextmanager
def no_suspend() -> Iterator[None]:
    yield


async def test_editor_result_replaces_the_text(
    app: InmailApp, seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + ' and more synergy\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(app, "suspend", no_suspend)  # a headless test has no terminal to hand over
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await paste(pilot, screen, "Hi Ann")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.editor.body == "Hi Ann and more synergy"
        assert any(f.check == "jargon" for f in screen.query_one(FindingsList).findings)


async def test_without_a_prospect_the_keys_wait(app: InmailApp, notes: list[str]) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.switch_mode("drafter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrafterScreen)
        assert screen.sub_title == "no prospect"
        assert screen.check_action("mark_sent", ()) is None
        await pilot.press("f9")
        assert notes == []


async def test_a_balance_change_elsewhere_updates_the_cost(app: InmailApp, seeded: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, "ann"))
        await type_in(pilot, "Hi")
        app.work.write(app, lambda p: p.credits.adjust(5))  # as the balance screen does
        await settle(pilot)
        assert "Balance 5 → 4 after this send" in str(screen.query_one(DecisionBadge).render())
        assert screen.editor.subject == "Hi"  # what is being typed stays


@pytest.mark.parametrize("slug", ["ann", "bob", "cy", "mal"])
async def test_at_80x24_the_cards_and_the_footer_fit(
    app: InmailApp, seeded: Path, slug: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_drafter(pilot, pid(seeded, slug))
        for card in (screen.query_one(ProspectCard), screen.query_one(DecisionBadge)):
            region = card.content_region
            needed = card.get_content_height(region.size, app.size, region.width)
            assert needed <= region.height, f"{card.border_title} needs {needed} lines"
            whole = card.tooltip
            assert isinstance(whole, Content)  # what a narrow card leaves out is in its tooltip
        await pilot.press("escape")  # out of the text: the footer shows the app's keys too
        await pilot.pause()
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.size.width
        shown = {getattr(key, "action", "") for key in footer.query("FooterKey") if key.display}
        assert {"save", "mark_sent", "copy_body", "help"} <= shown  # copy: how a text leaves


async def test_the_card_names_the_status_as_the_queue_does(app: InmailApp, seeded: Path) -> None:
    """One word per status: the card says "Requested", the queue's word, never a second name."""
    ann = pid(seeded, "ann")
    Planner.open(seeded, TODAY, Settings()).outreach.mark([ann], Status.CONNECT_REQUESTED)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafter(pilot, ann)
        card = str(screen.query_one(ProspectCard).render())
        assert "Requested · priority" in card and "Connection requested" not in card
