"""The balance screen: what it shows, reconcile, purchase, refresh; errors in one dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.text import Text
from textual.content import Content
from textual.widgets import Input, Static

from inmail_tui.core.model import Channel, EventKind
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.adjust import BALANCE_RULE, AdjustScreen
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.screens.confirm import ConfirmScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.purchase import PurchaseScreen
from inmail_tui.tui.widgets.forecast import ForecastChart
from inmail_tui.tui.widgets.gauge import CreditGauge
from inmail_tui.tui.widgets.ledger_table import LedgerTable
from tests.tui.pilot import TIMEOUT, MakeApp, OpenPlanner, open_balance, settle, until


def text_of(app: InmailApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_shows_balance_cap_next_grant_forecast_and_ledger(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        assert app.screen.query_one(CreditGauge).figures == (140, 150)
        assert text_of(app, "#balance-next") == "Next grant: 1 Feb 2026, in 17 days"
        assert text_of(app, "#balance-forfeit") == "Spend 40 credits before 1 Feb or lose them."
        assert app.screen.query_one("#balance-forfeit").has_class("-at-risk")
        chart = app.screen.query_one(ForecastChart)
        assert [(r.date.month, r.forfeit) for r in chart.rows][:2] == [(2, 40), (3, 50)]
        assert len(chart.rows) == 6
        table = app.screen.query_one(LedgerTable)
        assert table.row_count == 4
        assert [str(c) for c in table.get_row_at(0)][:3] == ["2026-01-01", "Monthly grant", "+50"]
        assert str(table.border_subtitle) == "4 of 4 events"


async def test_a_due_grant_is_applied_when_the_app_opens_later(
    sales_navigator: Path, make_app: MakeApp
) -> None:
    app = make_app(today=date(2026, 2, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(CreditGauge).figures == (150, 150)
        rows = app.screen.query_one(LedgerTable)
        assert [str(rows.get_cell_at((0, c))) for c in (1, 2)] == ["Forfeit (over the cap)", "-40"]
        assert [str(rows.get_cell_at((1, c))) for c in (1, 2)] == ["Monthly grant", "+50"]


async def test_reconcile_records_an_adjustment(
    sales_navigator: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AdjustScreen)
        await pilot.press("1", "2", "5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        assert app.screen.query_one(CreditGauge).figures == (125, 150)
    view = planner().credits.balance()
    assert view.balance == 125
    assert (view.history[0].kind, view.history[0].amount) == (EventKind.ADJUST, -15)
    assert len(view.history) == 5  # nothing edited: one event more


async def test_reconcile_refuses_a_bad_number_and_keeps_it(
    sales_navigator: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", "minus", "3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AdjustScreen)
        assert text_of(app, "#adjust-error") == BALANCE_RULE
        assert app.screen.query_one("#shown", Input).value == "-3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BalanceScreen)
    assert len(planner().credits.balance().history) == 4


async def test_purchase_records_blocks_after_confirming_the_cost(
    recruiter_lite: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, PurchaseScreen)
        await pilot.press("backspace", "2")
        assert text_of(app, "#purchase-total") == "20 credits"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Cost: 20 credits" in [str(s.render()) for s in app.screen.query(Static)]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        assert app.screen.query_one(CreditGauge).figures == (70, 120)
    view = planner().credits.balance()
    assert (view.balance, view.history[0].kind, view.history[0].amount) == (
        70,
        EventKind.PURCHASE,
        20,
    )


async def test_cancelling_the_purchase_confirmation_records_nothing(
    recruiter_lite: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
    assert planner().credits.balance().balance == 50


async def test_purchase_says_when_the_plan_cannot_buy(
    sales_navigator: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, PurchaseScreen)
        assert "Sales Navigator Core cannot buy" in text_of(app, "#cannot-buy")
        await pilot.press("enter")  # the focused Close button
        await pilot.pause()
        assert isinstance(app.screen, BalanceScreen)
    assert planner().credits.balance().balance == 140


async def test_refresh_reads_what_another_window_wrote(
    sales_navigator: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        planner().credits.adjust(100)  # the CLI, say, while the app is open
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one(CreditGauge).figures == (100, 150)


async def test_a_database_that_cannot_be_opened_is_explained(tmp_path: Path, today: date) -> None:
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("this is not a database\n" * 100)
    app = InmailApp(str(not_a_db), today, Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert text_of(app, "#balance-status").startswith("The database could not be opened.")


LONG_NAME = "Maximiliane Konstantinopoulou-Vanderbilt [b]de la Fontaine[/b] 太郎"


async def test_a_long_note_is_cut_to_the_room_left_and_shown_whole_on_demand(
    sales_navigator: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(f"LinkedIn URL,Full Name\nhttps://www.linkedin.com/in/max,{LONG_NAME}\n")
    planner = Planner.open(sales_navigator, date(2026, 1, 15), Settings())
    planner.transfer.import_file(leads)
    planner.outreach.mark_sent(
        "https://www.linkedin.com/in/max", Channel.INMAIL, "Hi", "A question?"
    )
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **_: notes.append(str(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        table = app.screen.query_one(LedgerTable)
        assert table.note(0) == LONG_NAME
        shown = table.get_cell_at((0, 3))
        assert isinstance(shown, Text) and shown.plain.endswith("…") and not shown.spans
        assert LONG_NAME.startswith(shown.plain[:-1])
        assert table.max_scroll_x == 0  # no sideways scrolling at half width
        await pilot.hover(LedgerTable, offset=(4, 2))  # the first row, under the header
        assert isinstance(table.tooltip, Content) and table.tooltip.plain == LONG_NAME
        await pilot.hover(LedgerTable, offset=(4, 3))  # a row whose note fits: no tooltip
        assert table.tooltip is None
        await pilot.press("enter")  # the cursor is on the first row
        assert notes[-1] == LONG_NAME
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert str(table.get_cell_at((0, 3))) == LONG_NAME


async def test_a_write_far_after_the_computers_clock_is_refused_in_the_app(
    sales_navigator: Path, db: Path, planner: OpenPlanner
) -> None:
    """The app guards writes as the CLI does: ``--today`` far after the clock changes nothing."""
    before = planner().credits.balance().history
    app = InmailApp(str(db), date(2026, 3, 2), Settings(), clock=date(2026, 1, 15))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AdjustScreen)
        await pilot.press("1", "2", "0", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "--confirm-date" in str(app.screen.query_one("#error-message", Static).render())
    assert planner().credits.balance().history == before  # nothing written


async def test_backup_from_the_palette_keys_writes_a_database_file(
    sales_navigator: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    """B asks where, then copies the database there (the file is a real inmail-tui backup)."""
    target = tmp_path / "copy.sqlite"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
    assert Planner.open(target, date(2026, 1, 15), Settings()).credits.balance().balance == 140


async def test_mend_the_clock_from_the_app_voids_future_entries(
    sales_navigator: Path, db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    """A ledger written at a wrong future date is mended from the app, append-only."""
    Planner.open(db, date(2026, 3, 1), Settings()).credits.adjust(100)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        assert app.screen.query_one(CreditGauge).figures == (140, 150)
    history = planner().credits.balance().history
    assert history[0].kind == EventKind.VOID


async def test_the_balance_is_shown_before_the_planner_has_opened(
    sales_navigator: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: the first data comes from the sqlite3 read (``quick_views``) while the
    planner, held back here, is still opening; then the planner's views take over."""
    import threading

    from inmail_tui.tui import app as app_module

    release = threading.Event()
    opened = app_module.open_planner

    def held(*args: object, **kwargs: object) -> Planner:
        assert release.wait(TIMEOUT)
        return opened(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_module, "open_planner", held)
    app = make_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.balance_view is not None, "the first balance")
            assert app.planner is None
            await pilot.pause()
            assert app.screen.query_one(CreditGauge).figures == (140, 150)
            assert text_of(app, "#balance-next") == "Next grant: 1 Feb 2026, in 17 days"
            early = app.balance_view
            release.set()
            await settle(pilot)
            assert app.planner is not None
            assert app.balance_view == early
            assert app.screen.query_one(LedgerTable).row_count == 4
    finally:
        release.set()
