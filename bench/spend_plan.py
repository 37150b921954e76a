"""The spend plan on 1,000,000 prospects, against raw sqlite3 fetching the same candidate rows.

    .venv/bin/python bench/spend_plan.py [--rows 1000000] [--db /tmp/inmail-spend-1m.db] [--runs 9]

Builds the database once (a Sales Navigator pool of 140 credits set up through the planner, then
the prospects of ``bench/queue_queries.py``'s generator by raw sqlite3 executemany, with the
connection requests and unanswered sends dated, and 4,000 InMails with their outcomes for the
rates; the search index is not rebuilt: the plan does not use it), keeps it at ``--db``, then
times, interleaved:

- ``Planner.spending.plan()`` in-process (the planner opened once, as the app holds it): the
  pool, the rates from the whole InMail history, the candidate rows, the plan and the names;
- the same after a change: the expected rates, which ``plan()`` keeps until the database's
  change marker moves, dropped before each call (the whole InMail history read again);
- the floor: the same candidate rows fetched with ``sqlite3``, by the store's own SQL (the
  statements ``plan()`` ran on the prospect table, as SQLite's trace of a warm-up run gives
  them, their values written in, then executed by hand).

Prints the medians (wall clock, and CPU time, steadier on a shared machine), their ratios, the
candidates and the plan's size, and the peak memory of the process (``ru_maxrss``; the floor
runs in the same process). ``--cli`` also times
``inmail-tui spend-plan --json`` end to end (a fresh process each run, Python's start included).
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import queue_queries
from sqlalchemy import event

from inmail_tui.planner import Planner
from inmail_tui.planner.context import Kept
from inmail_tui.settings import Settings
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.search import remove_search

TODAY = date(2026, 11, 24)
SETTINGS = Settings()
_COLUMNS = [c.name for c in PROSPECT.columns if c.name != "id"]


def traced(
    planner: Planner, run: Callable[[], object], *, leave_out: str = "full_name"
) -> list[tuple[str, tuple[Any, ...]]]:
    """The SELECTs on the prospect table that ``run()`` makes (but those naming ``leave_out``:
    the names of those planned, read after the plan, are not candidate rows), as SQLite ran
    them: its trace of the driver's connection, the values written into the SQL (so each runs
    again with no parameters). The store reads candidate rows on the driver's connection
    (``store.driver_rows``), which the engine's events do not see."""
    found: list[tuple[str, tuple[Any, ...]]] = []

    def trace(statement: str) -> None:
        read = statement.lstrip().startswith("SELECT") and "FROM prospect" in statement
        if read and leave_out not in statement:
            found.append((statement, ()))

    def checkout(dbapi_connection: Any, *rest: Any) -> None:
        dbapi_connection.set_trace_callback(trace)

    def checkin(dbapi_connection: Any, *rest: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    engine = planner.ctx.engine
    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    run()
    event.remove(engine, "checkout", checkout)
    event.remove(engine, "checkin", checkin)
    return found


def dated(rows: int, seed: int = 11) -> Iterator[dict[str, Any]]:
    """The queue benchmark's prospects, with a date on each request and unanswered send."""
    rng = random.Random(seed)
    for row in queue_queries.generate(rows):
        if row["status"] in ("connection_requested", "no_response"):
            row["status_on"] = (TODAY - timedelta(days=rng.randint(0, 30))).isoformat()
        yield row


def build(path: Path, rows: int) -> None:
    planner = Planner.open(path, TODAY - timedelta(days=23), SETTINGS)
    planner.credits.set_plan("sales_navigator_core", 1, 140)
    with planner.ctx.engine.begin() as conn:
        remove_search(conn)  # the spend plan does not search
    planner.ctx.engine.dispose()
    raw = sqlite3.connect(path)
    started = time.perf_counter()
    with raw:
        marks = ", ".join(f":{name}" for name in _COLUMNS)
        raw.executemany(
            f"INSERT INTO prospect ({', '.join(_COLUMNS)}) VALUES ({marks})", dated(rows)
        )
        rng = random.Random(5)
        touches = []
        for pid in rng.sample(range(1, rows + 1), 4000):
            sent = TODAY - timedelta(days=rng.randint(10, 200))
            touches.append((pid, "inmail_sent", sent.isoformat(), "inmail"))
            roll = rng.random()
            if roll < 0.15:
                kind = "replied"
            elif roll < 0.22:
                kind = "declined"
            else:
                kind = "no_response"
            touches.append((pid, kind, (sent + timedelta(days=3)).isoformat(), None))
        raw.executemany(
            'INSERT INTO touch (prospect_id, kind, "on", channel, note) VALUES (?, ?, ?, ?, "")',
            touches,
        )
        raw.execute("ANALYZE")
    print(f"built {rows:,} prospects in {time.perf_counter() - started:.1f} s", flush=True)
    raw.close()


def floor(raw: sqlite3.Connection, statements: list[tuple[str, tuple[Any, ...]]]) -> int:
    """The candidate rows, by the store's own statements (``traced``), with raw sqlite3."""
    return sum(len(raw.execute(sql, params).fetchall()) for sql, params in statements)


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def cpu_timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of ``fn`` (CPU time is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/inmail-spend-1m.db"))
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cli", action="store_true", help="also time the command end to end")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.rows)
    planner = Planner.open(args.db, TODAY, SETTINGS)
    raw = sqlite3.connect(args.db)
    view = planner.spending.plan()  # warm: the page cache and SQLAlchemy's statement cache
    statements = traced(planner, planner.spending.plan)
    rows = floor(raw, statements)
    service = planner.spending

    def after_change() -> None:
        service._rates = Kept()  # what a moved change marker does: the history read again
        service.plan()

    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "cold": [], "base": []}
    for _ in range(args.runs):
        runs["ours"].append(cpu_timed(service.plan))
        runs["cold"].append(cpu_timed(after_change))
        runs["base"].append(cpu_timed(lambda: floor(raw, statements)))
    mine, first, low = (
        [statistics.median(t[k] for t in runs[name]) for k in (0, 1)]
        for name in ("ours", "cold", "base")
    )
    plan = view.plan
    print(f"candidate rows read: {rows:,}; plan: {plan.credits_used} InMails,"
          f" {len(plan.requests)} requests, {plan.credits_lost} credits lost")  # fmt: skip
    head = f"run (median of {args.runs}, interleaved)"
    print(f"{head:44} {'wall ms':>9} {'ratio':>6} {'CPU ms':>9} {'ratio':>6}")
    print(f"{'floor: the candidate rows by raw sqlite3':44} {low[0]:9.1f} {1.0:6.2f}"
          f" {low[1]:9.1f} {1.0:6.2f}")  # fmt: skip
    print(f"{'Planner.spending.plan() in-process':44} {mine[0]:9.1f} {mine[0] / low[0]:6.2f}"
          f" {mine[1]:9.1f} {mine[1] / low[1]:6.2f}")  # fmt: skip
    print(f"{'the same, first after a change':44} {first[0]:9.1f} {first[0] / low[0]:6.2f}"
          f" {first[1]:9.1f} {first[1] / low[1]:6.2f}")  # fmt: skip
    if args.cli:
        command = [sys.executable, "-m", "inmail_tui", "--db", str(args.db),
                   "--today", TODAY.isoformat(), "spend-plan", "--json"]  # fmt: skip
        ends = [
            timed(lambda: subprocess.run(command, check=True, capture_output=True))
            for _ in range(max(3, args.runs // 3))
        ]
        print(f"{'inmail-tui spend-plan --json (fresh process)':44} {statistics.median(ends):9.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
