"""``inmail-tui balance --json`` against ``python -c "import sqlmodel"``, in the same run.

    .venv/bin/python bench/cli_balance.py [--runs 20]

Both are fresh processes of the same interpreter, interleaved, after a warm-up round (a warm
file cache, and bytecode compiled into a cache folder of the run for both alike). The database
is set up once, with a pool on Sales Navigator and a year of ledger history (so due grants are
already applied: the command does what a user's daily ``balance`` does). Prints the medians and
the ratio (target: within 1.2x).
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


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


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
        baseline = [PYTHON, "-c", "import sqlmodel"]
        figures: dict[str, list[float]] = {"import sqlmodel": [], "balance --json": []}
        for _ in range(2):  # warm-up
            timed(baseline, env)
            timed(balance, env)
        for _ in range(runs):
            figures["import sqlmodel"].append(timed(baseline, env))
            figures["balance --json"].append(timed(balance, env))
    base = statistics.median(figures["import sqlmodel"])
    for name, values in figures.items():
        median = statistics.median(values)
        print(f"{name:<16} median {median * 1000:7.1f} ms  ({median / base:.2f}x)")
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores); runs: {runs}")


if __name__ == "__main__":
    main()
