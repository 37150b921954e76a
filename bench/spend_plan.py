"""The spend plan on 1,000,000 prospects, against raw sqlite3 fetching the same candidate rows.

    .venv/bin/python bench/spend_plan.py [--rows 1000000] [--db /tmp/inmail-spend-1m.db] [--runs 9]

Builds the database once (a Sales Navigator pool of 140 credits set up through the planner, then
the prospects of ``bench/queue_queries.py``'s generator by raw sqlite3 executemany, with the
connection requests and unanswered sends dated, and 4,000 InMails with their outcomes for the
rates; the search index is not rebuilt: the plan does not use it), keeps it at ``--db``, then
times, interleaved:

- ``Planner.spending.plan()`` in-process (the planner opened once, as the app holds it): the
  pool, the rates from the whole InMail history, the candidate rows, the plan and the names;
- the floor: the same candidate rows (the same columns, the same WHERE) fetched with ``sqlite3``.

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

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.search import remove_search

TODAY = date(2026, 11, 24)
SETTINGS = Settings()
_COLUMNS = [c.name for c in PROSPECT.columns if c.name != "id"]

# The candidate rows as the store reads them (store/spend_candidates.py), by hand.
_COLS = "SELECT id, priority, status, status_on, user_tags"
_SENT = (
    ", EXISTS (SELECT 1 FROM touch WHERE touch.prospect_id = prospect.id"
    " AND touch.kind = 'inmail_sent') FROM prospect"
)
_BY_STATUS = " WHERE coalesce(cost_class, '') = 'credit' AND email = ''"
FLOOR = [
    (
        _COLS + ", 0 FROM prospect" + _BY_STATUS + " AND status = 'connection_requested'"
        " AND priority + 0 >= ? AND status_on <= ?"
    ),
    _COLS + _SENT + _BY_STATUS + " AND status = 'no_response' AND priority + 0 >= ?",
    (
        _COLS + ", 0 FROM prospect WHERE cost_class = 'credit' AND email = ''"
        " AND status = 'new' AND priority = ? ORDER BY id LIMIT ?"
    ),
]


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


def floor(raw: sqlite3.Connection, limit: int) -> int:
    wait = SETTINGS.connect_wait_days
    ready_by = (date(2027, 1, 1) - timedelta(days=wait)).isoformat()
    strong = max(SETTINGS.strong_fit, SETTINGS.min_fit)
    found = len(raw.execute(FLOOR[0], (strong, ready_by)).fetchall())
    found += len(raw.execute(FLOOR[1], (SETTINGS.min_fit,)).fetchall())
    left = limit
    for fit in range(5, 0, -1):
        if left <= 0:
            break
        got = raw.execute(FLOOR[2], (fit, left)).fetchall()
        found += len(got)
        left -= len(got)
    return found


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
    weeks = (date(2027, 1, 1) - TODAY).days // 7 + 1
    limit = 100 * weeks  # the invitation budget's reach, as the planner computes it
    view = planner.spending.plan()  # warm: the page cache and SQLAlchemy's statement cache
    rows = floor(raw, limit)
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(cpu_timed(planner.spending.plan))
        base.append(cpu_timed(lambda: floor(raw, limit)))
    mine = [statistics.median(t[k] for t in ours) for k in (0, 1)]
    low = [statistics.median(t[k] for t in base) for k in (0, 1)]
    plan = view.plan
    print(f"candidate rows read: {rows:,}; plan: {plan.credits_used} InMails,"
          f" {len(plan.requests)} requests, {plan.credits_lost} credits lost")  # fmt: skip
    head = f"run (median of {args.runs}, interleaved)"
    print(f"{head:44} {'wall ms':>9} {'ratio':>6} {'CPU ms':>9} {'ratio':>6}")
    print(f"{'floor: the candidate rows by raw sqlite3':44} {low[0]:9.1f} {1.0:6.2f}"
          f" {low[1]:9.1f} {1.0:6.2f}")  # fmt: skip
    print(f"{'Planner.spending.plan() in-process':44} {mine[0]:9.1f} {mine[0] / low[0]:6.2f}"
          f" {mine[1]:9.1f} {mine[1] / low[1]:6.2f}")  # fmt: skip
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
