"""Another process's changes show without a key press: the app polls the database's change
marker (``planner.maintenance.change_marker``) every few seconds and when it gets focus; a
change of someone else's reloads every screen once, and its own writes are not reloaded twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from inmail_tui.core.model import Channel, Status
from inmail_tui.tui import app as app_module
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.widgets.gauge import CreditGauge
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import MakeApp, OpenPlanner, open_balance, open_queue, press, settle, until

URL = "https://www.linkedin.com/in/{}"


@pytest.fixture
def with_prospects(sales_navigator: Path, tmp_path: Path, planner: OpenPlanner) -> Path:
    """The Sales Navigator pool (140 of 150) and two 2nd-degree prospects: Ann, then Bob."""
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Full Name,LinkedIn URL,Degree,Priority\n"
        f"Ann Lee,{URL.format('ann')},2nd,5\n"
        f"Bob Lee,{URL.format('bob')},2nd,4\n",
        "utf-8",
    )
    planner().transfer.import_file(leads)
    return sales_navigator


def spend_elsewhere(planner: OpenPlanner, who: str = "ann") -> None:
    """What `inmail-tui sent` does from another terminal: its own planner, its own connection."""
    planner().outreach.mark_sent(URL.format(who), Channel.INMAIL, "Hello", "Hello, a question?")


async def on_the_balance(pilot: Pilot[None]) -> BalanceScreen:
    """The balance screen, the app idle; coming to it refreshed it, an app write: the look
    after it is the baseline."""
    screen = await open_balance(pilot)
    assert isinstance(pilot.app, InmailApp)
    pilot.app.look_for_changes()
    await settle(pilot)
    return screen


async def test_a_spend_by_another_process_shows_on_the_balance_without_a_key_press(
    with_prospects: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_the_balance(pilot)
        assert isinstance(app.screen, BalanceScreen)
        gauge = app.screen.query_one(CreditGauge)
        assert gauge.figures == (140, 150)
        spend_elsewhere(planner)
        await until(pilot, lambda: gauge.figures == (139, 150), "the balance to show the spend")
        await settle(pilot)
        assert str(gauge.render()).startswith("139 of 150 credits")


async def test_a_spend_by_another_process_shows_in_the_queue_without_a_key_press(
    with_prospects: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        table = screen.query_one(QueueTable)
        assert [item.row.status for item in table.items] == ["new", "new"]
        spend_elsewhere(planner)

        def sent() -> bool:
            return table.items[0].row.status == Status.INMAIL_SENT.value

        await until(pilot, sent, "the queue to show the InMail sent")
        assert app.balance_view is not None and app.balance_view.balance == 139


async def test_focus_looks_for_changes_at_once(
    with_prospects: Path, make_app: MakeApp, planner: OpenPlanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "CHANGE_POLL_SECONDS", 3600.0)  # no poll: only the focus
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_the_balance(pilot)
        gauge = app.screen.query_one(CreditGauge)
        spend_elsewhere(planner)
        await settle(pilot)
        assert gauge.figures == (140, 150)  # nothing polled, nothing shown yet
        app.post_message(events.AppFocus())
        await until(pilot, lambda: gauge.figures == (139, 150), "the focus to show the spend")


async def test_the_apps_own_write_is_not_reloaded_a_second_time(
    with_prospects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "CHANGE_POLL_SECONDS", 3600.0)  # the looks are the test's
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        assert app.planner is not None
        calls: Counter[str] = Counter()
        real = app.planner.queue.page

        def page(*args: Any, **kwargs: Any) -> Any:
            calls["page"] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(app.planner.queue, "page", page)
        await press(pilot, "c")  # connection requested: a write of the app's own
        assert calls["page"] == 1
        app.look_for_changes()  # the marker moved, by our write: no second reload
        await settle(pilot)
        app.look_for_changes()
        await settle(pilot)
        assert calls["page"] == 1


async def test_a_change_landing_between_our_write_and_the_next_look_still_shows(
    with_prospects: Path, make_app: MakeApp, planner: OpenPlanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our write ends and the screens reload; another process spends before the app's next
    look. That look must not take the moved marker for our write's: the spend shows."""
    monkeypatch.setattr(app_module, "CHANGE_POLL_SECONDS", 3600.0)  # the looks are the test's
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_the_balance(pilot)
        gauge = app.screen.query_one(CreditGauge)
        assert gauge.figures == (140, 150)
        done = app.work.writes_done
        await press(pilot, "r")  # refresh: a write of the app's own, every screen reloads
        await until(pilot, lambda: app.work.writes_done > done, "the refresh to end")
        await settle(pilot)
        spend_elsewhere(planner)  # after our write, before the next look
        app.look_for_changes()
        await until(pilot, lambda: gauge.figures == (139, 150), "the look to show the spend")
