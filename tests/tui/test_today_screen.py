"""The Today screen driven by keys: the agenda's lines acted on (done, skip, snooze, draft, open),
each checked in the database through the planner; a send marked in the drafter takes its line
off; the spend plan's timeline; and how the screen looks at 120x40 and 80x24."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input, Static

from inmail_tui.core.agenda import Action
from inmail_tui.core.model import Status
from inmail_tui.core.spend_plan import PlanDay, SpendPlan
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.prompt import PromptScreen
from inmail_tui.tui.screens.today import TodayScreen
from inmail_tui.tui.widgets.draft_area import DraftArea
from inmail_tui.tui.widgets.spend_timeline import SpendTimeline, axis, bar, columns
from tests.tui.pilot import MakeApp, OpenPlanner, Toasts, open_queue, press, settle, until

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/{}"
Compare = Callable[..., bool]


@pytest.fixture
def agenda_db(db: Path, tmp_path: Path) -> Path:
    """Sales Navigator, 30 credits; Cy (fit 4) and Ann (fit 3) to request, Bob (fit 5) an
    InMail (his request of 2 Jan unanswered), Di a 1st degree with nothing due."""
    planner = Planner.open(db, date(2026, 1, 2), Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 30)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "LinkedIn URL,Full Name,Company,Degree,Priority\n"
        f"{URL.format('ann')},Ann Lee,Acme,2nd,3\n"
        f"{URL.format('bob')},Bob Ray,Beta,2nd,5\n"
        f"{URL.format('cy')},Cy Om,Ga,2nd,4\n"
        f"{URL.format('di')},Di Wu,Ga,1st,4\n"
    )
    planner.transfer.import_file(leads)
    bob = planner.queue.prospect(URL.format("bob")).row.id
    planner.outreach.mark([bob], Status.CONNECT_REQUESTED, date(2026, 1, 2))
    return db


def shown(screen: TodayScreen) -> list[tuple[str, str]]:
    """The agenda's lines as shown: (action, name), the action of each line's option id
    (``action:prospect``), the name read off its first row, before the cost's column (headings
    have no id)."""
    return [
        (option.id.split(":")[0], re.split(r"\s{2,}", str(option.prompt).strip())[0])
        for option in screen.agenda.options
        if option.id
    ]


def on_agenda(planner: Planner, on: date) -> list[tuple[str, str]]:
    return [(line.action.value, line.name) for line in planner.agenda.day(on).lines]


async def open_today(pilot: Pilot[None]) -> TodayScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TodayScreen)
    return screen


START = [("request", "Cy Om"), ("request", "Ann Lee"), ("inmail", "Bob Ray")]


async def test_done_records_the_request_and_the_line_leaves_at_once(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        assert shown(screen) == START
        current = screen.agenda.current
        assert current is not None and current.name == "Cy Om"
        toasts = Toasts(app)
        await pilot.press("x")
        assert shown(screen) == START[1:]  # dropped by the key itself, not by the reload
        await settle(pilot)
        assert shown(screen) == START[1:]
        assert screen.agenda.current is not None and screen.agenda.current.name == "Ann Lee"
        assert any(m.startswith("Done: send a connection request (Cy Om)") for m in toasts.messages)
    stored = planner()
    assert stored.queue.prospect(URL.format("cy")).row.status == Status.CONNECT_REQUESTED
    assert on_agenda(stored, TODAY) == START[1:]


async def test_skip_leaves_the_line_until_tomorrow(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        await press(pilot, "down", "s")  # Ann
        assert shown(screen) == [START[0], START[2]]
    stored = planner()
    assert stored.queue.prospect(URL.format("ann")).row.status == Status.NEW  # nothing recorded
    assert on_agenda(stored, TODAY) == [START[0], START[2]]
    assert ("request", "Ann Lee") in on_agenda(stored, TODAY + timedelta(days=1))


async def test_snooze_asks_for_the_days_and_leaves_the_line_that_long(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        await press(pilot, "down", "down", "z")  # Bob's InMail
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = ""
        await press(pilot, *"3", "enter")
        assert app.screen is screen
        assert shown(screen) == START[:2]
    stored = planner()
    assert on_agenda(stored, TODAY + timedelta(days=2)) == START[:2]
    assert ("inmail", "Bob Ray") in on_agenda(stored, TODAY + timedelta(days=3))


async def test_a_snooze_the_planner_refuses_is_said_and_the_line_stays(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        await press(pilot, "z")
        app.screen.query_one(Input).value = "400"
        await press(pilot, "enter")
        assert isinstance(app.screen, ErrorScreen)
        said = app.screen.query_one("#error-message", Static).render()
        assert str(said) == "A line is snoozed for 1 to 365 days, not 400."
        await press(pilot, "escape")
        assert shown(screen) == START  # put back by the reload after the refusal
    assert on_agenda(planner(), TODAY) == START


async def test_a_snooze_of_no_number_is_said_as_typed_and_the_line_stays(
    agenda_db: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        await press(pilot, "z")
        app.screen.query_one(Input).value = "[/b]"  # markup would refuse this
        await press(pilot, "enter")
        assert app.screen is screen
        [toast] = app._notifications  # shown as typed: as markup it would not render
        assert (toast.message, toast.markup) == ("Snooze for a number of days, not '[/b]'.", False)
        assert shown(screen) == START


async def test_an_agenda_that_cannot_be_read_is_said_once_not_read_again_and_again(
    agenda_db: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inmail_tui.planner.agenda import AgendaService

    reads: list[None] = []

    def broken(self: AgendaService, on: date | None = None) -> None:
        reads.append(None)
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(AgendaService, "day", broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.pause(0.05)
        assert isinstance(app.screen, ErrorScreen)
        assert len(reads) == 1  # a failed read is not a refused write: no reload for it


async def test_draft_opens_the_drafter_on_the_lines_prospect_and_channel(
    agenda_db: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await press(pilot, "d")  # Cy's connection request
        drafter = app.screen
        assert isinstance(drafter, DrafterScreen)
        await until(pilot, lambda: drafter.session.context is not None, "the drafter's prospect")
        assert drafter.sub_title == "Cy Om · Connection note"
        await press(pilot, "escape", "g", "down", "down", "enter")  # Bob's InMail
        await until(pilot, lambda: drafter.sub_title.startswith("Bob Ray"), "Bob in the drafter")
        assert drafter.sub_title == "Bob Ray · InMail"


async def test_an_inmail_marked_sent_in_the_drafter_is_off_the_agenda_when_back(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        await press(pilot, "down", "down", "d")
        drafter = app.screen
        assert isinstance(drafter, DrafterScreen)
        await until(pilot, lambda: drafter.sub_title == "Bob Ray · InMail", "Bob's InMail")
        await pilot.press(*"Hiring")
        drafter.query_one(DraftArea).insert("Hi Bob, is hiring a priority for you right now?")
        await pilot.press("f9")
        await pilot.pause()
        await press(pilot, "enter")  # spend the credit
        await press(pilot, "escape", "g")
        assert app.screen is screen
        assert shown(screen) == START[:2]
    stored = planner()
    assert stored.queue.prospect(URL.format("bob")).row.status == Status.INMAIL_SENT
    assert stored.credits.balance().balance == 29


async def test_open_opens_the_lines_profile(agenda_db: Path, make_app: MakeApp) -> None:
    app = make_app()
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(pilot)
        await press(pilot, "down", "o")
    assert opened == [URL.format("ann")]


async def test_the_timeline_shows_the_plan_to_the_second_grant(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        timeline = screen.query_one(SpendTimeline)
        plan = planner().spending.plan().plan
        assert timeline.plan == plan
        assert plan.until == date(2026, 3, 1) and not timeline.by_week  # 46 days fit 120 cells
        text = timeline.render().plain
        assert "▲1 Feb +50" in text and "▲1 Mar +50" in text
        labels = [row[:11].strip() for row in text.splitlines()[:-1]]
        assert [label for label in labels if label] == ["Available", "Planned", "At risk"]
        assert len(labels) == 6  # two rows each at 40 lines high


def test_agenda_line_text_is_plain_and_fits_its_column() -> None:
    from inmail_tui.core.agenda import Line
    from inmail_tui.tui.widgets.agenda_list import NAME_WIDTH, line_text

    for name in ("山田太郎 [bold]Costa-Longname\x1b[2J", "Ann [i]Lee"):
        text = line_text(Line(1, name, "u", Action.REQUEST, "why", "free", TODAY, 3)).plain
        assert "\x1b" not in text and "[" in text  # shown, never interpreted as markup
        assert cell_len(text[: text.index("free")]) == 2 + NAME_WIDTH  # CJK counts 2 cells
        assert text.endswith("\n    why")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_today_snapshot(
    snap_compare: Compare, make_app: MakeApp, agenda_db: Path, size: tuple[int, int]
) -> None:
    """A database with prospects opens on Today: the plan's timeline above the agenda's groups
    with their counts, the footer's keys fitting the width."""
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


async def test_keys_on_no_line_are_dimmed(db: Path, tmp_path: Path, make_app: MakeApp) -> None:
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 30)
    leads = tmp_path / "leads.csv"
    leads.write_text(f"LinkedIn URL,Full Name,Degree\n{URL.format('di')},Di Wu,1st\n")
    planner.transfer.import_file(leads)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        assert shown(screen) == [] and screen.agenda.current is None
        assert screen.check_action("done", ()) is None
        await press(pilot, "x", "s")  # nothing to act on: nothing happens
        assert app.screen is screen


def _day(on: date, grant: int = 0) -> PlanDay:
    return PlanDay(on, grant, 0, 0, 0, 10, 10, 0)


def test_the_axis_marks_each_grant_and_the_first_day_where_it_has_room() -> None:
    days = [_day(date(2026, 11, 25) + timedelta(days=i)) for i in range(38)]
    days[6] = _day(date(2026, 12, 1), 50)  # six days on: "25 Nov" would touch its mark
    days[37] = _day(date(2027, 1, 1), 50)
    line = axis(days, 1, 60)
    assert line.split() == ["▲1", "Dec", "+50", "▲1", "Jan", "+50"]
    assert line.index("▲1 Dec") == 6 and line.index("▲1 Jan") == 37
    assert axis(days, 2, 90).startswith("25 Nov      ▲1 Dec +50")


def test_bars_keep_a_small_value_visible_and_scale_to_the_rows() -> None:
    assert bar(1, 150, 1) == ["▁"]  # one credit of 150 still shows
    assert bar(0, 150, 2) == [" ", " "]
    assert bar(150, 150, 2) == ["█", "█"]
    assert bar(75, 150, 2) == [" ", "█"]


def test_the_days_are_weeks_when_they_do_not_fit() -> None:
    planner_days = tuple(_day(date(2026, 1, 1) + timedelta(days=i)) for i in range(60))
    plan = SpendPlan(date(2026, 1, 1), date(2026, 3, 1), 0, 0.0, (), (), planner_days, (), 0, 0)
    assert columns(plan, 60) == (list(planner_days), False)
    weeks, by_week = columns(plan, 59)
    assert by_week and len(weeks) == 9 and weeks[1].on == date(2026, 1, 8)


async def test_a_request_marked_in_the_queue_is_off_the_agenda_when_back(
    agenda_db: Path, make_app: MakeApp, planner: OpenPlanner
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_today(pilot)
        queue = await open_queue(pilot)
        await press(pilot, "slash", *"Cy Om", "enter")
        await until(pilot, lambda: len(queue.table.items) == 1, "the search to find Cy")
        await press(pilot, "c")  # requested
        await press(pilot, "g")
        assert app.screen is screen
        assert shown(screen) == START[1:]
    assert planner().queue.prospect(URL.format("cy")).row.status == Status.CONNECT_REQUESTED
