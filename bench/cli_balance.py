"""``inmail-tui balance --json`` against two floors, in the same run.

    .venv/bin/python bench/cli_balance.py [--runs 20]

The floors: ``python -c "import sqlite3, json"`` (the least a SQLite read printing JSON can
cost: the interpreter and two modules) and ``python -c "import sqlmodel"`` (what the command
cost before it read the balance without SQLAlchemy, pydantic and SQLModel). Every candidate is
a fresh process of the same interpreter, interleaved, after a warm-up round (a warm file cache,
and bytecode compiled into a cache folder of the run for all alike). The database is set up
once, with a pool on Sales Navigator and a year of ledger history (so due grants are already
applied: the command does what a user's daily ``balance`` does). Prints the medians and the
ratio of each to each floor (targets: within 1.1x of ``import sqlmodel``; as near the sqlite3
floor as it goes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, that child alone) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{args[:4]} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INMAIL_TUI_HOME": tmp, "INMAIL_TUI_DB": str(Path(tmp) / "db")}
        # Bytecode as an installed package has it: a shell with PYTHONDONTWRITEBYTECODE would
        # recompile this checkout's modules at every start (and not site-packages'); a cache
        # folder of the run serves both candidates alike after the warm-up.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        cli = [PYTHON, "-m", "inmail_tui"]
        setup = [*cli, "--today", "2025-11-20", "plan", "sales_navigator_core", "--balance", "90"]
        subprocess.run(setup, env=env, check=True, stdout=subprocess.DEVNULL)
        balance = [*cli, "--today", "2026-11-25", "balance", "--json"]
        subprocess.run(balance, env=env, check=True, stdout=subprocess.DEVNULL)  # grants due
        floors = {
            "import sqlite3, json": [PYTHON, "-c", "import sqlite3, json"],
            "import sqlmodel": [PYTHON, "-c", "import sqlmodel"],
        }
        candidates = {**floors, "balance --json": balance}
        walls: dict[str, list[float]] = {name: [] for name in candidates}
        cpus: dict[str, list[float]] = {name: [] for name in candidates}
        for _ in range(2):  # warm-up
            for argv in candidates.values():
                timed(argv, env)
        for _ in range(runs):
            for name, argv in candidates.items():
                wall, cpu = timed(argv, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    # On a loaded machine the wall clock waits for a core; the CPU time of the process is the
    # steadier figure.
    for label, figures in (("wall", walls), ("CPU", cpus)):
        medians = {name: statistics.median(values) for name, values in figures.items()}
        header = "".join(f"  /{name:<20}" for name in floors)
        print(f"{label + ' (median ms)':<22} {'':>9}{header}")
        for name, median in medians.items():
            ratios = "".join(f"  {median / medians[floor]:>5.2f}x{'':<15}" for floor in floors)
            print(f"{name:<22} {median * 1000:9.1f}{ratios}")
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores); runs: {runs}")


if __name__ == "__main__":
    main()
