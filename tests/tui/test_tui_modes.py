"""The app wired together: the queue and the drafter as modes (imported when first shown), the
queue's ``d`` opening its prospect in the drafter, quitting with an unsaved draft, the help
listing every screen's keys whatever was opened, and the balance screen's outreach panel."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Static

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueService
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.screens.confirm import UnsavedScreen
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.help import HelpScreen
from inmail_tui.tui.screens.onboarding import OnboardingScreen
from inmail_tui.tui.screens.queue import QueueScreen
from inmail_tui.tui.screens.today import TodayScreen
from inmail_tui.tui.widgets.analytics_panel import AnalyticsPanel
from inmail_tui.tui.widgets.draft_area import DraftArea
from inmail_tui.tui.widgets.draft_card import ProspectCard
from inmail_tui.tui.widgets.gauge import CreditGauge
from inmail_tui.tui.widgets.ledger_table import LedgerTable
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import MakeApp, Toasts, open_balance, open_drafter, open_queue, press, settle

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/{}"
PEOPLE = [
    ("ann", "Ann Lee", "Acme", "3"),
    ("bob", "Bob Ray", "Beta", "2"),
    ("cy", "Cy Om", "Ga", "1"),
]


def shown(widget: Widget) -> bool:
    """Whether the widget is on screen: neither it nor a container around it hidden."""
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


def seed(db: Path, tmp_path: Path) -> Planner:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    leads = tmp_path / "leads.csv"
    rows = [
        f"{URL.format(slug)},{name},{company},2nd,{rank}" for slug, name, company, rank in PEOPLE
    ]
    leads.write_text("LinkedIn URL,Full Name,Company,Degree,Priority\n" + "\n".join(rows) + "\n")
    planner.transfer.import_file(leads)
    return planner


def test_the_queue_drafter_and_today_modules_are_imported_when_first_shown() -> None:
    code = (
        "import sys, inmail_tui.tui.app as app\n"
        "modes = ('queue', 'drafter', 'today')\n"
        "print([f'inmail_tui.tui.screens.{m}' in sys.modules for m in modes])\n"
        "print([type(app.InmailApp.MODES[m]()).__name__ for m in modes])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == [
        "[False, False, False]",
        "['QueueScreen', 'DrafterScreen', 'TodayScreen']",
    ]


async def test_a_database_with_prospects_opens_on_today_and_one_without_on_the_balance(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    Planner.open(db, TODAY, Settings()).credits.set_plan("sales_navigator_core", 1, 10)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.current_mode == "balance"
    seed(db, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_mode == "today"
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "b")  # the balance is one key away, and stays once chosen
        await press(pilot, "r")
        assert app.current_mode == "balance"


async def _queue_colours(app: InmailApp, switch_to: str | None = None) -> tuple[object, ...]:
    """The queue's search box and table header colours, the theme switched first if asked."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if switch_to is not None:
            app.theme = switch_to
            await settle(pilot)
        screen = await open_queue(pilot)
        search, table = screen.query_one("#queue-search"), screen.query_one(QueueTable)
        return (search.styles.background, table.get_component_styles("datatable--header").color)


async def test_a_mode_first_shown_after_a_theme_change_wears_that_theme(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    """A mode's new screen is not re-styled by Textual's full CSS refresh (``tui/app.py``
    marks it styled): it must still take the theme of the moment, not the one at start."""
    seed(db, tmp_path)
    started = await _queue_colours(make_app(settings=Settings(theme="nord")))
    switched = await _queue_colours(make_app(settings=Settings(theme="textual-dark")), "nord")
    dark = await _queue_colours(make_app(settings=Settings(theme="textual-dark")))
    assert switched == started
    assert dark != started  # the two themes colour these differently: the check can fail


async def test_d_in_the_queue_opens_the_prospect_in_the_drafter(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    seed(db, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        table = (await open_queue(pilot)).query_one(QueueTable)
        assert [item.row.full_name for item in table.items] == ["Ann Lee", "Bob Ray", "Cy Om"]
        await pilot.press("down")  # Bob
        chosen = table.current
        assert chosen is not None and chosen.row.full_name == "Bob Ray"
        await press(pilot, "d")
        drafter = app.screen
        assert app.current_mode == "drafter"
        assert isinstance(drafter, DrafterScreen)
        assert drafter.session.prospect_id == chosen.row.id
        assert str(drafter.query_one(ProspectCard).render()).startswith("Bob Ray\nBeta\n")
        assert drafter.sub_title == "Bob Ray · InMail"


async def test_quitting_with_an_unsaved_draft_shows_it_and_asks(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    bob = seed(db, tmp_path).queue.prospect(URL.format("bob")).row.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drafter = await open_drafter(pilot, bob)
        drafter.query_one(DraftArea).insert("Is hiring a priority for you?")
        await pilot.pause()
        assert drafter.dirty
        await pilot.press("escape", "b")  # out of the text, to the balance; then quit
        await pilot.pause()
        assert isinstance(app.screen, BalanceScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.current_mode == "drafter"
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # keep writing
        await pilot.pause()
        assert app.screen_stack[-1] is drafter and app.is_running
        assert drafter.editor.body == "Is hiring a priority for you?"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # discard
        await pilot.pause()
        assert not app.is_running


async def test_quitting_with_a_saved_draft_does_not_ask(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    bob = seed(db, tmp_path).queue.prospect(URL.format("bob")).row.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drafter = await open_drafter(pilot, bob)
        drafter.query_one(DraftArea).insert("Hello")
        await press(pilot, "ctrl+s")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    saved = Planner.open(db, TODAY, Settings()).drafts.draft_context(bob, Channel.INMAIL).draft
    assert saved is not None and saved.body == "Hello"


def test_help_knows_every_screen_whatever_was_imported() -> None:
    code = (
        "import json, inmail_tui.tui.app\n"
        "from inmail_tui.tui.commands import all_commands\n"
        "from inmail_tui.tui.screens import load_all\n"
        "groups = lambda: json.dumps(sorted({c.group for c in all_commands()}))\n"
        "print(groups())\n"
        "load_all()\n"
        "print(groups())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = out.stdout.splitlines()
    assert not {"Queue", "Drafter"} & set(json.loads(before))
    assert {"Queue", "Drafter", "Templates", "Balance", "Go"} <= set(json.loads(after))


async def test_help_lists_the_queue_and_drafter_keys_from_the_balance(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        elsewhere = {title for _, title, _ in app.screen.rows_elsewhere()}
        assert {"Queue: draft", "Drafter: mark sent", "Templates: new"} <= elsewhere


def outreach(db: Path, tmp_path: Path) -> None:
    """Two InMails sent, one replied to."""
    planner = seed(db, tmp_path)
    for slug in ("ann", "bob"):
        planner.outreach.mark_sent(
            URL.format(slug), Channel.INMAIL, "Your team", "Is this a priority?"
        )
    planner.outreach.record_outcome(URL.format("ann"), Outcome.REPLIED)


def panel_text(app: InmailApp) -> str:
    return str(app.screen.query_one("#analytics-body", Static).render())


async def test_the_balance_screen_shows_outreach_beside_the_ledger(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    outreach(db, tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        screen = app.screen
        panel, ledger = screen.query_one(AnalyticsPanel), screen.query_one(LedgerTable)
        assert shown(panel) and shown(ledger)
        assert panel.region.y == ledger.region.y and panel.region.x > ledger.region.x
        assert panel_text(app).startswith("2 InMails sent · 1 response (50%) · 1 reply")
        assert screen.check_action("outreach", ()) is False  # both fit: no switch


async def test_a_send_in_the_drafter_updates_the_outreach_panel(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    cy = seed(db, tmp_path).queue.prospect(URL.format("cy")).row.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        assert panel_text(app).startswith("Nothing sent yet")
        drafter = await open_drafter(pilot, cy)
        await pilot.press(*"Hiring")
        drafter.query_one(DraftArea).insert("Hi Cy, is hiring a priority for you right now?")
        await pilot.press("f9")
        await pilot.pause()
        await press(pilot, "enter")
        await press(pilot, "escape", "b")
        assert panel_text(app).startswith("1 InMail sent")


async def test_at_80_columns_a_key_switches_ledger_and_outreach(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    outreach(db, tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_balance(pilot)
        screen = app.screen
        panel, ledger = screen.query_one(AnalyticsPanel), screen.query_one(LedgerTable)
        assert (shown(ledger), shown(panel)) == (True, False)
        assert [a.binding.description for a in screen.active_bindings.values()].count(
            "Outreach"
        ) == 1
        await pilot.press("o")
        await pilot.pause()
        assert (shown(ledger), shown(panel)) == (False, True)
        assert screen.focused is panel
        assert screen.check_action("ledger", ()) is True
        await pilot.press("o")
        await pilot.pause()
        assert (shown(ledger), shown(panel)) == (True, False)
        assert screen.focused is ledger


async def test_the_queue_and_the_drafter_wait_for_the_setup(make_app: MakeApp) -> None:
    app = make_app()  # no pool yet: the onboarding screen
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert app.check_action("go", ("queue",)) is False
        assert app.check_action("go", ("drafter",)) is False
        await pilot.press("q", "d")
        await pilot.pause()
        assert app.current_mode == "balance"
        assert isinstance(app.screen, OnboardingScreen)


async def test_a_keymap_may_move_a_key_of_a_screen_not_opened_yet(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    seed(db, tmp_path)
    app = make_app(keys={"queue.draft": "w"})
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not [text for text in toasts.messages if "names no command" in text]
        await open_queue(pilot)
        await press(pilot, "w")
        assert isinstance(app.screen, DrafterScreen)
        assert app.screen.sub_title == "Ann Lee · InMail"


async def test_a_failure_in_a_queue_worker_is_shown_in_the_error_dialog(
    db: Path, tmp_path: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db, tmp_path)
    summary = QueueService.summary
    calls: list[int] = []

    def fails_once(self: QueueService) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise UserError("The summary could not be counted.")
        return summary(self)

    monkeypatch.setattr(QueueService, "summary", fails_once)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "q")
        assert isinstance(app.screen, ErrorScreen)
        assert str(app.screen.query_one("#error-message", Static).render()) == (
            "The summary could not be counted."
        )
        await press(pilot, "escape")
        assert isinstance(app.screen, QueueScreen)  # once: the next count worked


async def test_back_from_the_queue_the_balance_shows_a_credit_back(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    planner = seed(db, tmp_path)
    planner.credits.set_plan("recruiter_lite", 1, 30)  # it gives credits back for replies
    planner.outreach.mark_sent(
        URL.format("ann"), Channel.INMAIL, "Your team", "Is this a priority?"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        assert app.screen.query_one(CreditGauge).figures == (29, 120)
        current = (await open_queue(pilot)).query_one(QueueTable).current
        assert current is not None and current.row.full_name == "Ann Lee"
        await press(pilot, "r")  # replied
        await press(pilot, "b")
        assert app.screen.query_one(CreditGauge).figures == (30, 120)
        assert "1 reply\n" in panel_text(app)
