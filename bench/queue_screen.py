"""The queue screen on 1,000,000 prospects: key press to the new rows on screen, against a floor.

    .venv/bin/python bench/queue_screen.py [--rows N] [--db PATH] [--runs 15]

The database (default ``/tmp/inmail-queue-screen-<rows>.db``, with a Sales Navigator pool set up
on it) is the one ``bench/queue_queries.py`` builds (raw sqlite3 executemany into the real
schema, then the search index rebuilt and ``ANALYZE``); it is built in a child process when
missing. Then, headless (``App.run_test``, 120x40), two apps take turns, a fresh session of each
per round, after one warm-up round of each that is not counted:

- the candidate: the real app, on the balance screen first; ``q`` opens the queue (its mode, a
  new screen each session), then Home from page 2 (the first page), PageDown from a page in the
  middle (reached by keyset), a filter (ctrl+s in the filter dialog, which closes) and a search
  (enter in the search box, which hands the focus to the table; while typing, the search waits
  for a 150 ms pause first, by design);
- the floor: the same work done the cheapest correct way. A bare Textual app whose ``q`` pushes
  a screen holding a bare ``DataTable`` (and an ``Input`` for the search); each key runs, on a
  plain ``sqlite3`` connection, the very statements the store runs for that page (captured from
  the planner's engine with their parameters: the rows with the queue's columns, and what the
  decisions are made from: the pool, the ledger, this month's use, the page's touch histories)
  and shows the rows' stored columns as text. For the filter a bare modal screen is up and
  is popped with the new rows; for the search the focus moves from the ``Input`` to the table.

The time of each key is measured from the key event to the first frame the app hands to its
driver in which the whole change is done (the new rows, and the dialog closed or the focus
moved): a second repaint is inside the figure. What the floor leaves out: SQLAlchemy, the rules
engine (each row's decision and next action), the planner's worker thread, and the queue's
other widgets (header, search bar, "N of M", summary, footer, detail pane).

Prints the median milliseconds of each, the ratio to its floor, and the process's peak RSS.
Targets (issue 13): the filter and the search within 1.2x of the floor and under 50 ms;
opening the queue within 1.5x.
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
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, SelectionList, Static

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
CASES = ("open", "first", "deep", "filter", "search")
NAMES = {
    "open": "open the queue (q, first page)",
    "first": "first page (Home from page 2)",
    "deep": "page down from the middle",
    "filter": f"filter status={STATUS} (dialog closes)",
    "search": f"search '{SEARCH}' (enter)",
}
Statements = list[tuple[str, Any]]


# -- the statements the store runs for each page ----------------------------------------------


def capture(db: Path, limit: int, middle: Cursor) -> dict[str, Statements]:
    """Each case's page read through the planner, and the SQL it ran (with its parameters)."""
    planner = Planner.open(db, TODAY, Settings())
    seen: Statements = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append((statement, params))

    def read(**kwargs: Any) -> Statements:
        planner.queue.page(**kwargs)  # warm: SQLAlchemy's statement cache
        seen.clear()
        planner.queue.page(**kwargs)
        return list(seen)

    engine = planner.ctx.engine
    event.listen(engine, "before_cursor_execute", record)
    everyone = QueueQuery()
    next_of_middle = planner.queue.page(everyone, after=middle, limit=limit).next_cursor
    found = {
        "first": read(query=everyone, limit=limit),
        "deep": read(query=everyone, after=next_of_middle, limit=limit),
        "filter": read(query=QueueQuery(statuses=(STATUS,)), limit=limit),
        "search": read(query=QueueQuery(search=SEARCH), limit=limit),
    }
    found["open"] = found["first"]
    event.remove(engine, "before_cursor_execute", record)
    engine.dispose()
    return found


# -- the floor: those statements in plain sqlite3, into a bare DataTable on a pushed screen ----

HEADERS = (" ", "P", "Name", "Company", "Title", "Tags", "Cost", "Status", "Next action", "Due")
SHOWN = ("priority", "full_name", "company", "title", "user_tags", "cost_class", "status")


class FloorDialog(ModalScreen[None]):
    BINDINGS = [Binding("ctrl+s", "apply", "apply", priority=True)]

    def compose(self) -> ComposeResult:
        yield Static("Filter (a bare dialog)")

    def action_apply(self) -> None:
        floor = self.app
        assert isinstance(floor, FloorApp)
        floor.fill("filter")
        self.dismiss(None)


class FloorScreen(Screen[None]):
    BINDINGS = [
        Binding("home", "show('first')", "first", priority=True),
        Binding("pagedown", "show('deep')", "deep", priority=True),
    ]

    def __init__(self, floor: FloorApp) -> None:
        super().__init__()
        self.floor = floor

    def compose(self) -> ComposeResult:
        yield Input(id="floor-search")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.floor.table = self.query_one(DataTable)
        self.floor.table.focus()
        self.floor.fill("open")

    def action_show(self, case: str) -> None:
        self.floor.fill(case)

    @on(Input.Submitted)
    def _search(self) -> None:
        self.floor.fill("search")
        self.query_one(DataTable).focus()


class FloorApp(App[None]):
    BINDINGS = [Binding("q", "open", "open")]

    def __init__(self, db: Path, statements: dict[str, Statements]) -> None:
        super().__init__()
        self.raw = sqlite3.connect(db)
        self.statements = statements
        self.shown = 0  # pages shown so far
        self.table: DataTable[str] | None = None  # the pushed screen's

    def compose(self) -> ComposeResult:
        yield Static("Floor: q opens the table")

    def fill(self, case: str) -> None:
        rows: list[Any] = []
        names: list[str] = []
        for sql, params in self.statements[case]:
            cursor = self.raw.execute(sql, params)
            found = cursor.fetchall()
            if sql.startswith("SELECT prospect.id, prospect.url"):  # the page's rows
                rows, names = found, [d[0] for d in cursor.description]
        table = self.table
        assert table is not None
        if not table.columns:
            table.add_columns(*HEADERS)
        table.clear()
        index = [names.index(name) for name in SHOWN]
        due = names.index("next_due")
        table.add_rows(
            [" ", *(str(row[i]) for i in index), "", str(row[due] or "")] for row in rows
        )
        self.shown += 1

    def action_open(self) -> None:
        self.push_screen(FloorScreen(self))


# -- measuring ------------------------------------------------------------------------------


async def until(condition: Callable[[], bool], limit: float = 60.0) -> None:
    give_up = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError("the screen never showed the change")
        await asyncio.sleep(0.0002)


class PaintClock:
    """When the app hands its driver the first frame in which a change is done (headless, the
    frame is composed the same way and then not written: the terminal's own write time is left
    out of both apps)."""

    def __init__(self, app: App[None]) -> None:
        self.done: Callable[[], bool] | None = None
        self.at: float | None = None
        inner = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            inner(screen, renderable)
            shown = renderable is not None and not app._batch_count  # (a batch writes nothing)
            if shown and self.at is None and self.done and self.done():
                self.at = time.perf_counter()

        app._display = display  # type: ignore[method-assign]

    async def time(self, app: App[None], key: str, done: Callable[[], bool]) -> float:
        """Milliseconds from ``key`` arriving to the first frame painted with ``done()`` true."""
        self.done, self.at = done, None
        started = time.perf_counter()
        app.post_message(events.Key(key, key if len(key) == 1 else {"enter": "\r"}.get(key)))
        await until(lambda: self.at is not None)
        self.done = None
        assert self.at is not None
        return (self.at - started) * 1000


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    while any(not w.is_finished for w in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def queue_round(db: Path, middle: Cursor) -> tuple[dict[str, float], int]:
    """One session of the real app: each case once; and the page size it read."""
    app = InmailApp(str(db), TODAY, Settings())
    times: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await settle(pilot)
        balance = app.screen

        def opened() -> bool:
            screen = app.screen
            return (
                isinstance(screen, QueueScreen)
                and screen is not balance
                and bool(screen.query_one(QueueTable).items)
            )

        times["open"] = await clock.time(app, "q", opened)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        table = screen.query_one(QueueTable)

        def fresh(before: list[Any], also: Callable[[], bool] = lambda: True) -> Callable[[], bool]:
            return lambda: table.items is not before and also()

        await pilot.press("pagedown")
        await settle(pilot)
        times["first"] = await clock.time(app, "home", fresh(table.items))
        await settle(pilot)
        screen.pager.load(Anchor(after=middle))
        await settle(pilot)
        times["deep"] = await clock.time(app, "pagedown", fresh(table.items))
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#filter-status", SelectionList).select(STATUS)
        await pilot.pause()
        times["filter"] = await clock.time(
            app, "ctrl+s", fresh(table.items, lambda: app.screen is screen)
        )
        await settle(pilot)
        screen.set_query(QueueQuery())
        await settle(pilot)
        search = screen.query_one("#queue-search", Input)
        await pilot.press("slash")
        search.value = SEARCH  # enter follows at once: the typing pause never elapses
        await pilot.pause()
        times["search"] = await clock.time(
            app, "enter", fresh(table.items, lambda: screen.focused is table)
        )
        await settle(pilot)
        limit = table.page_size
    return times, limit


async def floor_round(db: Path, statements: dict[str, Statements]) -> dict[str, float]:
    app = FloorApp(db, statements)
    times: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await pilot.pause()
        start = app.screen

        def opened() -> bool:
            return isinstance(app.screen, FloorScreen) and app.screen is not start and app.shown > 0

        times["open"] = await clock.time(app, "q", opened)
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)

        def more(also: Callable[[], bool] = lambda: True) -> Callable[[], bool]:
            before = app.shown
            return lambda: app.shown > before and also()

        for case, key in (("first", "home"), ("deep", "pagedown")):
            times[case] = await clock.time(app, key, more())
            await pilot.pause()
        await app.push_screen(FloorDialog())
        await pilot.pause()
        times["filter"] = await clock.time(app, "ctrl+s", more(lambda: app.screen is screen))
        await pilot.pause()
        search = screen.query_one(Input)
        search.focus()
        search.value = SEARCH
        await pilot.pause()
        times["search"] = await clock.time(app, "enter", more(lambda: screen.focused is table))
        await pilot.pause()
    app.raw.close()
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
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/inmail-queue-screen-{args.rows}.db")
    build_if_missing(db, args.rows)
    raw = sqlite3.connect(db)
    total = raw.execute("SELECT count(*) FROM prospect").fetchone()[0]
    value, ident = raw.execute(
        "SELECT priority, id FROM prospect ORDER BY priority DESC, id DESC LIMIT 1 OFFSET ?",
        (total // 2,),
    ).fetchone()
    raw.close()
    middle = Cursor(value, ident)
    _, limit = asyncio.run(queue_round(db, middle))  # the warm-up round of each
    statements = capture(db, limit, middle)
    asyncio.run(floor_round(db, statements))
    ours: dict[str, list[float]] = {case: [] for case in CASES}
    floor: dict[str, list[float]] = {case: [] for case in CASES}
    for _ in range(args.runs):
        for case, ms in asyncio.run(queue_round(db, middle))[0].items():
            ours[case].append(ms)
        for case, ms in asyncio.run(floor_round(db, statements)).items():
            floor[case].append(ms)
    print(f"\n{total:,} prospects, {args.runs} rounds, {SIZE[0]}x{SIZE[1]}: {limit} rows a page")
    heading = "key press -> the change on screen (median ms)"
    print(f"{heading:50} {'queue':>8} {'floor':>8} {'ratio':>6}")
    for case in CASES:
        a, b = statistics.median(ours[case]), statistics.median(floor[case])
        print(f"{NAMES[case]:50} {a:8.1f} {b:8.1f} {a / b:6.2f}")
    print("(typing in the search box adds its 150 ms pause first, by design)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process (both apps): {peak:.0f} MB")


if __name__ == "__main__":
    main()
