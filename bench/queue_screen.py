"""The queue screen on 1,000,000 prospects: key press to new rows on screen, against a floor.

    .venv/bin/python bench/queue_screen.py [--rows N] [--db PATH] [--runs 15]

The database (default ``/tmp/inmail-queue-screen-1m.db``, with a Sales Navigator pool set up on
it) is the one ``bench/queue_queries.py`` builds (raw sqlite3 executemany into the real
schema, then the search index rebuilt); it is built in a child process when missing, so this
process's peak memory is the app's alone. Then, headless (``App.run_test``, 120x40):

- the real app on its queue screen: the time from a key press until the table holds the new rows
  and the screen has processed the refresh, for the first page (Home from page 2; and opening the
  queue from the balance screen), a PageDown deep in the list (from a page in the middle, reached
  by keyset), a filter (ctrl+s in the filter dialog), a search (enter in the search box; while
  typing, the search waits for a 150 ms pause first, by design);
- the floor, measured in the same run the same way: a bare Textual app whose key runs the same
  query with raw sqlite3 and shows the same number of rows in a bare DataTable.

Prints the median milliseconds of each, the ratio to its floor, and the process's peak RSS.
Targets: within 1.5x of the floor, under 100 ms; peak memory under 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, SelectionList

from inmail_tui.planner import Planner
from inmail_tui.planner.queue import Cursor, QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.queue import QueueScreen
from inmail_tui.tui.widgets.queue_filters import FilterDialog
from inmail_tui.tui.widgets.queue_pager import Anchor
from inmail_tui.tui.widgets.queue_table import QueueTable

TODAY = date(2026, 11, 1)  # the day bench/queue_queries.py generates its data for
SIZE = (120, 40)
SEARCH = "okafor"
STATUS = "connection_requested"
ORDER = "ORDER BY priority DESC, id DESC"
FLOOR_SQL = {
    "first": f"SELECT {{cols}} FROM prospect {ORDER} LIMIT ?",
    "deep": f"SELECT {{cols}} FROM prospect WHERE (priority, id) < (?, ?) {ORDER} LIMIT ?",
    "filter": f"SELECT {{cols}} FROM prospect WHERE status IN (?) {ORDER} LIMIT ?",
    "search": (
        "SELECT {cols} FROM prospect WHERE id IN (SELECT rowid FROM prospect_search "
        f"WHERE prospect_search MATCH ?) {ORDER} LIMIT ?"
    ),
}
COLUMNS = ["priority", "full_name", "company", "title", "user_tags", "cost_class", "status"]
COLUMNS += ["next_due"]


# -- the floor: raw sqlite3 into a bare DataTable ------------------------------------------


class FloorScreen(Screen[None]):
    def __init__(self, app: FloorApp) -> None:
        super().__init__()
        self._floor = app

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        self._floor.fill(self.query_one(DataTable), "first")


class FloorApp(App[None]):
    BINDINGS = [
        # priority: before the focused table's own home/pagedown/enter
        Binding("q", "open", "open", priority=True),
        Binding("home", "show('first')", "first", priority=True),
        Binding("pagedown", "show('deep')", "deep", priority=True),
        Binding("f", "show('filter')", "filter", priority=True),
        Binding("enter", "show('search')", "search", priority=True),
    ]

    def __init__(self, db: Path, limit: int, middle: tuple[int, int]) -> None:
        super().__init__()
        self.raw = sqlite3.connect(db)
        self.limit = limit
        self.middle = middle
        self.shown = 0  # pages shown so far: the measure waits for it to move

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def fill(self, table: DataTable[Any], case: str) -> None:
        params: tuple[Any, ...] = {
            "first": (),
            "deep": self.middle,
            "filter": (STATUS,),
            "search": (f'"{SEARCH}"',),
        }[case]
        sql = FLOOR_SQL[case].format(cols=", ".join(COLUMNS))
        rows = self.raw.execute(sql, (*params, self.limit)).fetchall()
        if not table.columns:
            table.add_columns(" ", "P", "Name", "Company", "Title", "Tags", "Cost", "Status", "Due")
        table.clear()
        table.add_rows([("", *(str(v) for v in row)) for row in rows])
        self.shown += 1
        Shown.at = time.perf_counter()

    def action_show(self, case: str) -> None:
        self.fill(self.screen.query_one(DataTable), case)

    def action_open(self) -> None:
        self.push_screen(FloorScreen(self))


# -- measuring ------------------------------------------------------------------------------


async def until(condition: Callable[[], bool], limit: float = 30.0) -> None:
    give_up = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError("the screen never showed the new rows")
        await asyncio.sleep(0.0002)


class PaintClock:
    """When the app last handed a screen update to its driver (headless, the update is composed
    the same way and then not written: the terminal's own write time is left out of both)."""

    def __init__(self, app: App[None]) -> None:
        self.last = 0.0
        inner = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            inner(screen, renderable)
            if renderable is not None:
                self.last = time.perf_counter()

        app._display = display  # type: ignore[method-assign]


def key_event(key: str) -> events.Key:
    character = key if len(key) == 1 else {"enter": "\r"}.get(key)
    return events.Key(key, character)


class Shown:
    """When either table last received its rows (the paint that shows them comes after)."""

    at = 0.0


_show = QueueTable.show


def _timed_show(table: QueueTable, *args: Any, **kwargs: Any) -> None:
    _show(table, *args, **kwargs)
    Shown.at = time.perf_counter()


QueueTable.show = _timed_show  # type: ignore[method-assign,assignment]


async def timed(app: App[None], clock: PaintClock, key: str, done: Callable[[], bool]) -> float:
    """Milliseconds from a key arriving until the first paint after the new rows were given to
    the table (``done()`` says they were)."""
    started = time.perf_counter()
    app.post_message(key_event(key))
    await until(done)
    await until(lambda: clock.last > Shown.at)
    return (clock.last - started) * 1000


def opened(app: App[None]) -> Callable[[], bool]:
    """A new queue screen is up and holds rows."""
    before = app.screen
    return lambda: app.screen is not before and any(t.items for t in app.screen.query(QueueTable))


def more(app: FloorApp) -> Callable[[], bool]:
    """The floor showed one more page."""
    before = app.shown
    return lambda: app.shown > before


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    while any(not w.is_finished for w in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def measure_queue(db: Path, runs: int, middle: Cursor) -> tuple[dict[str, list[float]], int]:
    """The queue's times, and its page size (the rows the floor shows too)."""
    app = InmailApp(str(db), TODAY, Settings())
    times: dict[str, list[float]] = {k: [] for k in ("open", "first", "deep", "filter", "search")}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await settle(pilot)

        def fresh(before: list[Any]) -> Callable[[], bool]:
            return lambda: screen.query_one(QueueTable).items is not before

        for run in range(runs):  # opening the queue from the balance screen, a new screen each time
            if run:
                await pilot.press("b")
                await settle(pilot)
                await app.remove_mode("queue")
                app.add_mode("queue", QueueScreen)
            times["open"].append(await timed(app, clock, "q", opened(app)))
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        table = screen.query_one(QueueTable)
        for _ in range(runs):
            await pilot.press("pagedown")
            await settle(pilot)
            times["first"].append(await timed(app, clock, "home", fresh(table.items)))
            await settle(pilot)
        for _ in range(runs):
            screen.pager.load(Anchor(after=middle))
            await settle(pilot)
            times["deep"].append(await timed(app, clock, "pagedown", fresh(table.items)))
            await settle(pilot)
        for _ in range(runs):
            await pilot.press("f")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, FilterDialog)
            dialog.query_one("#filter-status", SelectionList).select(STATUS)
            await pilot.pause()
            times["filter"].append(await timed(app, clock, "ctrl+s", fresh(table.items)))
            await settle(pilot)
            screen.set_query(QueueQuery())
            await settle(pilot)
        search = screen.query_one("#queue-search", Input)
        for _ in range(runs):
            await pilot.press("slash")
            search.value = SEARCH  # enter follows at once: the typing pause never elapses
            times["search"].append(await timed(app, clock, "enter", fresh(table.items)))
            await settle(pilot)
            search.value = ""
            await pilot.press("enter")
            await settle(pilot)
            screen.set_query(replace(screen.queue_query, search=""))
            await settle(pilot)
        limit = table.page_size
    return times, limit


async def measure_floor(db: Path, runs: int, limit: int, middle: Cursor) -> dict[str, list[float]]:
    app = FloorApp(db, limit, (middle.value, middle.id))
    times: dict[str, list[float]] = {k: [] for k in ("open", "first", "deep", "filter", "search")}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await pilot.pause()
        for _ in range(runs):
            times["open"].append(await timed(app, clock, "q", more(app)))
            app.pop_screen()
            await pilot.pause()
        for case, key in (
            ("first", "home"),
            ("deep", "pagedown"),
            ("filter", "f"),
            ("search", "enter"),
        ):
            for _ in range(runs):
                times[case].append(await timed(app, clock, key, more(app)))
    return times


def build_if_missing(db: Path, rows: int) -> None:
    if db.exists():
        return
    bench = Path(__file__).parent
    code = f"import pathlib, queue_queries; queue_queries.build(pathlib.Path({str(db)!r}), {rows})"
    subprocess.run([sys.executable, "-c", code], cwd=bench, check=True)
    Planner.open(db, TODAY, Settings()).credits.set_plan("sales_navigator_core", 1, 140)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/inmail-queue-screen-1m.db"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    build_if_missing(args.db, args.rows)
    raw = sqlite3.connect(args.db)
    total = raw.execute("SELECT count(*) FROM prospect").fetchone()[0]
    value, ident = raw.execute(
        f"SELECT priority, id FROM prospect {ORDER} LIMIT 1 OFFSET ?", (total // 2,)
    ).fetchone()
    raw.close()
    middle = Cursor(value, ident)
    ours, limit = asyncio.run(measure_queue(args.db, args.runs, middle))
    floor = asyncio.run(measure_floor(args.db, args.runs, limit, middle))
    print(f"\n{total:,} prospects, {args.runs} runs each, {SIZE[0]}x{SIZE[1]}: {limit} rows a page")
    print(f"{'key press -> new rows on screen':46} {'queue':>8} {'floor':>8} {'ratio':>6}")
    names = {
        "open": "open the queue (q, first page)",
        "first": "first page (Home from page 2)",
        "deep": "page down from the middle (row 500k)",
        "filter": f"filter status={STATUS}",
        "search": f"search '{SEARCH}' (enter)",
    }
    for case, label in names.items():
        a, b = statistics.median(ours[case]), statistics.median(floor[case])
        print(f"{label:46} {a:8.1f} {b:8.1f} {a / b:6.2f}")
    print("(typing in the search box adds its 150 ms pause first, by design)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
