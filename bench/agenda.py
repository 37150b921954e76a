"""The daily agenda on 1,000,000 prospects, against raw sqlite3 fetching the same candidate rows.

    .venv/bin/python bench/agenda.py [--rows 1000000] [--db /tmp/inmail-agenda-1m.db] [--runs 21]

Builds the database once the way ``bench/spend_plan.py`` does (a Sales Navigator pool of 140
credits set up through the planner, then ``bench/queue_queries.py``'s prospects by raw sqlite3,
with the connection requests and unanswered sends dated within the last 30 days, and 4,000
InMails with their outcomes), keeps it at ``--db``, then times, interleaved:

- ``Planner.agenda.day()`` in-process (the planner opened once, as the app holds it): the pool
  and its forfeit deadline, the credit-backs, the invitations of the week, the holds, the
  candidate rows, the lines;
- the same after a change: the pool's facts, which ``day()`` keeps until the database's change
  marker moves, dropped before each call (the first agenda after a write: a line done, a send);
- the floor: the same candidate rows fetched with ``sqlite3``, by the store's own SQL (the
  statements ``day()`` ran on the prospect table, as SQLite's trace of a warm-up run gives them,
  their values written in, then executed by hand).

Prints the medians (wall clock and CPU time, steadier on a shared machine) and their ratios,
the candidate rows and lines, the peak of Python's allocations during one ``day()``
(``tracemalloc``) and the peak memory of the process (``ru_maxrss``; the floor runs in the same
process). ``--cli`` also times ``inmail-tui agenda --json`` end to end (a fresh process each
run, Python's start included).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import spend_plan

from inmail_tui.planner import Planner
from inmail_tui.planner.context import Kept
from inmail_tui.settings import Settings

TODAY = spend_plan.TODAY
SETTINGS = Settings()


def captured(planner: Planner) -> list[tuple[str, tuple[Any, ...]]]:
    """The statements ``planner.agenda.day()`` runs on the prospect table (the candidate
    rows, names included: a line shows them), as SQLite's trace gives them
    (``spend_plan.traced``)."""
    return spend_plan.traced(planner, planner.agenda.day, leave_out="\0")


def floor(raw: sqlite3.Connection, statements: list[tuple[str, tuple[Any, ...]]]) -> int:
    return sum(len(raw.execute(sql, params).fetchall()) for sql, params in statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/inmail-agenda-1m.db"))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--cli", action="store_true", help="also time the command end to end")
    args = parser.parse_args()
    if not args.db.exists():  # in a process of its own: its memory is not this one's peak
        build = (
            "from pathlib import Path; import spend_plan;"
            f" spend_plan.build(Path({str(args.db)!r}), {args.rows})"
        )
        here = Path(__file__).parent
        subprocess.run([sys.executable, "-c", build], check=True, cwd=here)
    planner = Planner.open(args.db, TODAY, SETTINGS)
    raw = sqlite3.connect(args.db)
    view = planner.agenda.day()  # warm: the page cache and SQLAlchemy's statement cache
    statements = captured(planner)
    rows = floor(raw, statements)
    service = planner.agenda

    def after_change() -> None:
        service._facts = Kept()  # what a moved change marker does (a line done: same ledger)
        service.day()

    def after_send() -> None:
        service._facts, service._ledger_facts_kept = Kept(), Kept()  # and a new ledger (a send)
        planner._pools._last = None
        service.day()

    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "cold": [], "send": [], "base": []}
    for _ in range(args.runs):
        runs["ours"].append(spend_plan.cpu_timed(planner.agenda.day))
        runs["cold"].append(spend_plan.cpu_timed(after_change))
        runs["send"].append(spend_plan.cpu_timed(after_send))
        runs["base"].append(spend_plan.cpu_timed(lambda: floor(raw, statements)))
    mine, first, sent, low = (
        [statistics.median(t[k] for t in runs[name]) for k in (0, 1)]
        for name in ("ours", "cold", "send", "base")
    )
    tracemalloc.start()
    planner.agenda.day()
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    counts = ", ".join(f"{a.value} {n}" for a, n in view.counts().items())
    print(f"candidate rows read: {rows:,} by {len(statements)} statements; lines: {counts}")
    head = f"run (median of {args.runs}, interleaved)"
    print(f"{head:44} {'wall ms':>9} {'ratio':>6} {'CPU ms':>9} {'ratio':>6}")
    print(f"{'floor: the candidate rows by raw sqlite3':44} {low[0]:9.1f} {1.0:6.2f}"
          f" {low[1]:9.1f} {1.0:6.2f}")  # fmt: skip
    print(f"{'Planner.agenda.day() in-process':44} {mine[0]:9.1f} {mine[0] / low[0]:6.2f}"
          f" {mine[1]:9.1f} {mine[1] / low[1]:6.2f}")  # fmt: skip
    print(f"{'the same, first after a line done':44} {first[0]:9.1f} {first[0] / low[0]:6.2f}"
          f" {first[1]:9.1f} {first[1] / low[1]:6.2f}")  # fmt: skip
    print(f"{'the same, first after a send (new ledger)':44} {sent[0]:9.1f} {sent[0] / low[0]:6.2f}"
          f" {sent[1]:9.1f} {sent[1] / low[1]:6.2f}")  # fmt: skip
    if args.cli:
        command = [sys.executable, "-m", "inmail_tui", "--db", str(args.db),
                   "--today", TODAY.isoformat(), "agenda", "--json"]  # fmt: skip

        def end_to_end() -> None:
            subprocess.run(command, check=True, capture_output=True)

        ends = [spend_plan.cpu_timed(end_to_end)[0] for _ in range(max(3, args.runs // 3))]
        print(f"{'inmail-tui agenda --json (fresh process)':44} {statistics.median(ends):9.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak of Python's allocations during one day(): {traced / 1024 / 1024:.1f} MB")
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
