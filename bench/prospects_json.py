"""``inmail-tui prospects --json`` (and ``export -``) on 100k and 1M prospects, against a floor.

    .venv/bin/python bench/prospects_json.py [--rows 100000 1000000] [--runs 3] [--export]

Each size's database is built once and kept (``/tmp/inmail-prospects-<rows>.db``): the
spend-plan benchmark's generator (``bench/spend_plan.py``: the queue benchmark's prospects, a
Sales Navigator pool of 140 credits, 4,000 InMails with their outcomes).

The floor is the same rows streamed with ``sqlite3`` and ``json``: the store's own SELECT (the
columns ``select_rows()`` reads, compiled by SQLAlchemy here, in the same ``sort_name, id``
order as the command's default sort) run on a plain ``sqlite3`` connection, each row dumped as
a JSON object of its columns with the command's ``json.dumps`` options, inside one list written
to standard output as it goes. It decides nothing.

Every candidate is a fresh process writing to /dev/null, run interleaved with the others, after
a warm-up of the floor (the file cache); its wall time, its CPU time and its peak memory (of
that child alone, from ``os.wait4``) are printed, the times with their ratio to the floor's of
the same size. On a loaded machine the wall clock waits for a core: the CPU time is steadier.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import spend_plan
from sqlalchemy.dialects import sqlite

from inmail_tui.store.prospect_rows import PROSPECT, select_rows

FLOOR = """
import json, sqlite3, sys
from json import dumps
db, sql = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db)
cursor = conn.execute(sql)
names = [column[0] for column in cursor.description]
out = sys.stdout
opened = False
while rows := cursor.fetchmany(1000):
    parts = []
    for row in rows:
        text = dumps(dict(zip(names, row)), ensure_ascii=False, indent=2, default=str)
        parts.append((",\\n  " if opened else "[\\n  ") + text.replace("\\n", "\\n  "))
        opened = True
    out.write("".join(parts))
out.write("\\n]\\n" if opened else "[]\\n")
"""


def store_sql() -> str:
    """The store's SELECT of a prospect row, in the command's default order (by name)."""
    statement = select_rows().order_by(PROSPECT.c.sort_name, PROSPECT.c.id)
    return str(statement.compile(dialect=sqlite.dialect()))


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak MB of one run of ``argv`` (its output
    thrown away), that child's alone."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{argv[:4]} exited with {proc.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--export", action="store_true", help="time `export -` too")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if not key.startswith("INMAIL_TUI")}
    env["INMAIL_TUI_HOME"] = "/tmp/inmail-prospects-home"  # never the user's settings
    sql = store_sql()
    print(
        f"{'rows':>9}  {'run':<24} {'wall s':>8} {'ratio':>6} {'CPU s':>8} {'ratio':>6} {'MB':>5}"
    )
    for rows in args.rows:
        db = Path(f"/tmp/inmail-prospects-{rows}.db")
        if not db.exists():
            spend_plan.build(db, rows)
        cli = [sys.executable, "-m", "inmail_tui", "--db", str(db), "--today", "2026-11-24"]
        candidates = {
            "floor: sqlite3 + json": [sys.executable, "-c", FLOOR, str(db), sql],
            "prospects --json": [*cli, "prospects", "--json"],
        }
        if args.export:
            candidates["export -"] = [*cli, "export", "-"]
        measure(candidates["floor: sqlite3 + json"], env)  # warm the file cache
        walls: dict[str, list[float]] = {name: [] for name in candidates}
        cpus: dict[str, list[float]] = {name: [] for name in candidates}
        peaks: dict[str, float] = dict.fromkeys(candidates, 0.0)
        for _ in range(args.runs):
            for name, argv in candidates.items():
                wall, cpu, peak = measure(argv, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
                peaks[name] = max(peaks[name], peak)
        floor_wall = statistics.median(walls["floor: sqlite3 + json"])
        floor_cpu = statistics.median(cpus["floor: sqlite3 + json"])
        for name in candidates:
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            print(
                f"{rows:>9,}  {name:<24} {wall:8.2f} {wall / floor_wall:5.2f}x"
                f" {cpu:8.2f} {cpu / floor_cpu:5.2f}x {peaks[name]:5.0f}"
            )
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores); runs: {args.runs}")


if __name__ == "__main__":
    main()
