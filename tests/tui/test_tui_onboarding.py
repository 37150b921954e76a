"""Onboarding on a first run: plan, renewal day, balance; bad input keeps everything."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.onboarding import DAY_RULE, OnboardingScreen
from tests.tui.pilot import MakeApp, OpenPlanner, pick_plan, settle


def field(app: InmailApp, field_id: str) -> Input:
    return app.screen.query_one(f"#{field_id}", Input)


async def test_first_run_sets_up_sales_navigator_then_shows_balance(
    make_app: MakeApp, planner: OpenPlanner, today: date
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pick_plan(pilot, "sales_navigator_core")
        day = field(app, "renewal-day")
        assert day.disabled and day.value == "1"  # Sales Navigator grants on the 1st
        assert app.focused is field(app, "balance")
        await pilot.press("1", "4", "0", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        status = app.screen.query_one("#balance-forfeit", Static)
        assert str(status.render()) == "Spend 40 credits before 1 Feb or lose them."
    view = planner().credits.balance()
    assert (view.plan.id, view.balance, view.cap, view.next_grant) == (
        "sales_navigator_core",
        140,
        150,
        today.replace(month=2, day=1),
    )


async def test_bad_input_shows_a_message_and_loses_nothing(
    make_app: MakeApp, planner: OpenPlanner, today: date
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick_plan(pilot, "premium_business")
        assert app.focused is field(app, "renewal-day")
        await pilot.press("4", "5", "enter", "1", "2", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        errors = app.screen.query_one("#onboarding-errors", Static)
        assert str(errors.render()) == DAY_RULE
        assert (field(app, "renewal-day").value, field(app, "balance").value) == ("45", "12")
        assert app.focused is field(app, "renewal-day")
        assert not planner().credits.has_pool()

        await pilot.press("backspace", "backspace", "1", "5", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
    view = planner().credits.balance()
    assert (view.plan.id, view.balance, view.next_grant) == (
        "premium_business",
        12,
        today.replace(month=2, day=15),
    )


async def test_planner_refusal_is_a_dialog_and_the_form_survives(
    make_app: MakeApp, planner: OpenPlanner, today: date
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick_plan(pilot, "sales_navigator_core")
        await pilot.press("5", "0", "0", "enter")  # more than the plan can hold
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message", Static).render())
        assert "holds at most 150 credits" in message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert field(app, "balance").value == "500"
    assert not planner().credits.has_pool()


async def test_plan_names_are_plain_text(db: Path, settings_path: Path, today: date) -> None:
    plans = {"acme": {"base": "recruiter_lite", "name": "[bold red]Acme[/bold red] seats"}}
    app = InmailApp(str(db), today, Settings(path=settings_path, plans=plans))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#plans", OptionList)
        acme = next(o for o in options.options if o.id == "acme")
        assert str(acme.prompt).startswith("[bold red]Acme[/bold red] seats")
        await pick_plan(pilot, "acme")
        await pilot.press("3", "enter", "7", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BalanceScreen)
        assert app.screen.sub_title == "main · [bold red]Acme[/bold red] seats"
        header = app.screen.query_one("HeaderTitle", Static)
        assert "[bold red]Acme[/bold red] seats" in str(header.render())
