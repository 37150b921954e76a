"""The queue screen, driven with Pilot on a real temp database; then its look, as snapshots.

The data: 40 prospects from a generic lead list written here (priorities, degrees, tags and
Open Profile spread over them), plus two with hostile names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input

from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.confirm import ConfirmScreen
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.error import ErrorScreen
from inmail_tui.tui.screens.prompt import ChoiceScreen, PromptScreen
from inmail_tui.tui.screens.queue import QueueScreen
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.queue_filters import FilterDialog
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import Toasts, open_queue, settle, until

TODAY = date(2026, 1, 15)
MALLORY = "[bold red]Mallory[/bold red]"
ESCAPED = "Eve \x1b[31mRed"
LAST = ["Okafor", "Smith", "Nguyễn", "Costa", "Müller"]
HEADER = "Full Name,LinkedIn URL,Company Name,Job Title,Degree,Open Profile,Email,Priority,Tags"


def lead_list(path: Path) -> Path:
    rows = [HEADER]
    for i in range(40):
        name = f"Person{i:02d} {LAST[i % 5]}"
        degree = ("1st", "2nd", "3rd", "Out of Network")[i % 4]
        open_profile = "TRUE" if i % 9 == 0 else "FALSE"
        tags = "hot" if i % 4 == 1 else ("warm fintech" if i % 6 == 0 else "")
        rows.append(
            f"{name},https://www.linkedin.com/in/person-{i:02d},Company {i % 7},"
            f"Title {i % 3},{degree},{open_profile},,{i % 5 + 1},{tags}"
        )
    rows.append(f"{MALLORY},https://www.linkedin.com/in/mallory,Evil Corp,CISO,2nd,FALSE,,3,")
    rows.append(f'"{ESCAPED}",https://www.linkedin.com/in/eve,Acme,CTO,3rd,FALSE,,2,')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def queue_db(tmp_path: Path) -> Path:
    db = tmp_path / "db.sqlite"
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 140)
    planner.transfer.import_file(lead_list(tmp_path / "leads.csv"))
    return db


def reopen(db: Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


def table_of(pilot: Pilot[None]) -> QueueTable:
    return pilot.app.screen.query_one(QueueTable)


def names(pilot: Pilot[None]) -> list[str]:
    return [item.row.full_name for item in table_of(pilot).items]


def line(pilot: Pilot[None], selector: str) -> str:
    return pilot.app.screen.query_one(selector, Line).text


def app_on(db: Path) -> InmailApp:
    return InmailApp(str(db), TODAY, Settings())


async def test_first_page_counts_and_summary(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        table = table_of(pilot)
        assert table.row_count == table.page_size == 33  # the page is what fits, no more
        priorities = [item.row.priority for item in table.items]
        assert priorities == sorted(priorities, reverse=True)
        assert line(pilot, "#queue-count") == "42 of 42 prospects"
        assert line(pilot, "#queue-summary") == reopen(queue_db).queue.summary().text()


async def test_hostile_names_are_shown_as_typed(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        table = table_of(pilot)
        rows = {item.row.url.rsplit("/", 1)[1]: item for item in table.items}
        mallory = table.get_cell(str(rows["mallory"].row.id), "name")
        assert mallory.plain == MALLORY and not mallory.spans and not mallory.style
        eve = table.get_cell(str(rows["eve"].row.id), "name")
        assert eve.plain == "Eve ␛[31mRed"  # the escape is visible, never sent to the terminal
        screen = pilot.app.export_screenshot()
        assert "[bold&#160;red]Mal" in screen  # shown as typed (and cut to the column)
        assert "\x1b" not in screen


async def test_page_down_up_end_and_home_page_by_keyset(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(80, 24)) as pilot:
        await open_queue(pilot)
        size = table_of(pilot).page_size
        first = names(pilot)
        everyone = [i.row.full_name for i in reopen(queue_db).queue.iter_items(QueueQuery())]
        assert first == everyone[:size]
        await pilot.press("pagedown")
        await settle(pilot)
        assert names(pilot) == everyone[size : 2 * size]
        await pilot.press("pageup")
        await settle(pilot)
        assert names(pilot) == first
        assert table_of(pilot).cursor_row == size - 1
        await pilot.press("down")  # past the last row: the next page, cursor on its first row
        await settle(pilot)
        assert names(pilot) == everyone[size : 2 * size]
        assert table_of(pilot).cursor_row == 0
        await pilot.press("end")
        await settle(pilot)
        assert names(pilot) == everyone[-size:]
        await pilot.press("pagedown")  # nothing after the end
        await settle(pilot)
        assert names(pilot) == everyone[-size:]
        await pilot.press("home")
        await settle(pilot)
        assert names(pilot) == first


async def test_filter_by_tag_status_and_cost(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("f")
        assert isinstance(pilot.app.screen, FilterDialog)
        await pilot.click("#filter-own-tags")
        await pilot.press(*"hot", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.queue_query.tags == ("hot",)
        items = table_of(pilot).items
        assert items and all("hot" in item.tags for item in items)
        expected = reopen(queue_db).queue.count(QueueQuery(tags=("hot",)))
        assert len(items) == expected == 10
        assert line(pilot, "#queue-count") == "10 of 42 prospects"
        assert line(pilot, "#queue-filters") == "Filters: tags: hot (f to change)"

        await pilot.press("f")  # the dialog opens with the filters as they are
        dialog = pilot.app.screen
        assert isinstance(dialog, FilterDialog)
        assert dialog.query_one("#filter-own-tags", Input).value == "hot"
        dialog.query_one("#filter-cost").select("free")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.queue_query.cost_classes == ("free",)
        items = table_of(pilot).items
        assert items and all(i.decision.cost_class == "free" and "hot" in i.tags for i in items)
        assert line(pilot, "#queue-filters") == "Filters: tags: hot · cost: free (f to change)"

        await pilot.press("f", "ctrl+r", "ctrl+s")  # clear every filter
        await settle(pilot)
        assert line(pilot, "#queue-count") == "42 of 42 prospects"


async def test_search_waits_for_typing_to_pause(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*"okafor")
        assert screen.queue_query.search == ""  # not yet: the search runs once typing pauses
        await until(pilot, lambda: screen.queue_query.search == "okafor", "the search to run")
        await settle(pilot)
        assert screen.queue_query.search == "okafor"
        assert sorted(names(pilot)) == sorted(f"Person{i:02d} Okafor" for i in range(0, 40, 5))
        assert line(pilot, "#queue-count") == "8 of 42 prospects"
        await pilot.press("enter")
        assert pilot.app.focused is table_of(pilot)


async def test_a_profile_url_pasted_in_the_search_finds_its_prospect(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("slash")
        await pilot.press(*"https://uk.linkedin.com/in/Person-07/?trk=x")
        await until(pilot, lambda: screen.queue_query.search != "", "the search to run")
        await settle(pilot)
        assert names(pilot) == ["Person07 Nguyễn"]
        assert line(pilot, "#queue-count") == "1 of 42 prospects"


async def test_sort_cycles_priority_due_name(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert (screen.queue_query.sort, screen.queue_query.descending) == ("due", False)
        await pilot.press("s")
        await settle(pilot)
        assert screen.queue_query.sort == "name"
        shown = [item.row.sort_name for item in table_of(pilot).items]
        assert shown == sorted(shown)
        assert line(pilot, "#queue-sort") == "s sort: name, A to Z"
        await pilot.press("S")
        await settle(pilot)
        shown = [item.row.sort_name for item in table_of(pilot).items]
        assert shown == sorted(shown, reverse=True)
        await pilot.press("s")
        await settle(pilot)
        assert (screen.queue_query.sort, screen.queue_query.descending) == ("priority", True)


async def test_select_two_rows_then_mark_priority_and_tag_them_all(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("space", "down", "down", "space")
        items = table_of(pilot).items
        chosen = {items[0].row.id, items[2].row.id}
        assert screen.selected == chosen
        assert "2 selected" in line(pilot, "#queue-count")

        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(pilot.app.screen, PromptScreen)
        await pilot.press(*"vip", "enter")
        await settle(pilot)

        planner = reopen(queue_db)
        for prospect_id in chosen:
            row = planner.queue.prospect(prospect_id).row
            assert (row.status, row.status_on, row.priority) == ("connection_requested", TODAY, 1)
            assert "vip" in row.user_tags
        untouched = planner.queue.prospect(items[1].row.id).row
        assert (untouched.status, "vip" in untouched.user_tags) == ("new", False)
        assert planner.queue.count(QueueQuery(tags=("vip",))) == 2

        await pilot.press("escape")
        assert screen.selected == frozenset()


async def test_a_mark_the_pipeline_refuses_is_explained_and_changes_nothing(
    queue_db: Path,
) -> None:
    app = app_on(queue_db)
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        first = table_of(pilot).items[0].row
        await pilot.press("m")
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("down", "down", "down", "enter")  # replied, to someone never contacted
        await settle(pilot)
        assert any("cannot be marked replied" in text for text in toasts.of("warning"))
    assert reopen(queue_db).queue.prospect(first.id).row.status == "new"


async def test_select_page_then_do_not_contact(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(80, 24)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("asterisk")
        page = {item.row.id for item in table_of(pilot).items}
        assert screen.selected == page
        await pilot.press("X")  # asks first (issue 8, defect 4)
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot)
    planner = reopen(queue_db)
    assert {planner.queue.prospect(i).row.status for i in page} == {"do_not_contact"}
    blocked = planner.queue.count(QueueQuery(statuses=("do_not_contact",)))
    assert blocked == len(page)


async def test_note_open_and_draft(queue_db: Path) -> None:
    opened: list[str] = []
    app = app_on(queue_db)
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        first = table_of(pilot).items[0].row
        await pilot.press("n")
        assert isinstance(pilot.app.screen, PromptScreen)
        await pilot.press(*"met at [b]SaaStr[/b]", "ctrl+s")
        await settle(pilot)
        await pilot.press("o", "d")  # the browser, then the drafter on this prospect
        await settle(pilot)
        assert isinstance(app.screen, DrafterScreen)
        assert app.screen.session.prospect_id == first.id
    assert reopen(queue_db).queue.prospect(first.id).row.notes == "met at [b]SaaStr[/b]"
    assert opened == [first.url]


async def test_a_failing_query_is_reported_once_not_after_every_dismissal(
    queue_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_on(queue_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        assert app.planner is not None
        calls: list[str] = []

        def broken(*_: object, **__: object) -> None:
            calls.append("page")
            raise OSError("disk I/O error")

        monkeypatch.setattr(app.planner.queue, "page", broken)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert calls == ["page"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)  # not the same error again
        assert calls == ["page"]
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("q")  # back from another mode: the page is read again
        await settle(pilot)
        assert calls == ["page", "page"]
        assert isinstance(app.screen, ErrorScreen)


async def test_a_change_made_in_another_mode_shows_on_coming_back(queue_db: Path) -> None:
    async with app_on(queue_db).run_test(size=(120, 40)) as pilot:
        await open_queue(pilot)
        first = table_of(pilot).items[0].row
        await pilot.press("b")
        await settle(pilot)
        reopen(queue_db).queue.set_notes(first.id, "changed elsewhere")
        await pilot.press("q")
        await settle(pilot)
        assert table_of(pilot).items[0].row.notes == "changed elsewhere"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (170, 40)], ids=["80", "120", "170"])
async def test_the_footer_fits_and_keeps_the_main_keys(
    queue_db: Path, size: tuple[int, int]
) -> None:
    async with app_on(queue_db).run_test(size=size) as pilot:
        screen = await open_queue(pilot)
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.size.width
        shown = {getattr(key, "action", "") for key in footer.children if key.display}
        assert {"search", "filter", "sort", "mark_menu", "draft", "help"} <= shown
        assert ("open" in shown) == (size[0] >= 120)


# -- the look ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_queue_snapshot(snap_compare: Any, queue_db: Path, size: tuple[int, int]) -> None:
    """The first page as it fits, a selected row, "N of M", the summary and the footer."""

    async def shown(pilot: Pilot[None]) -> None:
        await open_queue(pilot)
        await pilot.press("down", "space")

    assert snap_compare(app_on(queue_db), terminal_size=size, run_before=shown)


def test_filter_dialog_snapshot(snap_compare: Any, queue_db: Path) -> None:
    """The filter dialog at 80x24: tags, statuses and costs to tick, and the user's own tags."""

    async def filtering(pilot: Pilot[None]) -> None:
        await open_queue(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app_on(queue_db), terminal_size=(80, 24), run_before=filtering)
