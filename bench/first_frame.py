"""Process start to the first frame of the balance screen, against a bare Textual app.

    .venv/bin/python bench/first_frame.py [--runs 15]

Each candidate runs as a fresh process on a pseudo-terminal of 120x40, exactly as a user's
terminal would host it; the clock starts before the process is spawned and stops when a marker
text of the wanted frame arrives on the terminal, then the process is killed. Same method, same
run, runs interleaved, after one warm-up round (a warm file cache, and bytecode compiled into
a cache folder of the run for every candidate alike):

- baseline: a bare Textual app showing one Static;
- app: ``InmailApp(db, today, settings).run()`` on a database with a pool, to its first frame
  (the balance screen in its loading state) and, on the same run, to the frame with the data
  (which needs the planner: SQLModel, SQLAlchemy, the ledger, loaded in a worker thread);
- cli: ``python -m inmail_tui --db ... --today ...`` (click, settings file, then the same app).

Prints the median of each and its ratio to the baseline's median (issue 13's target: the first
frame within 1.1x of the bare app), the median CPU time of each process's main thread when
its first frame arrived (``/proc/PID/schedstat``), steadier than the wall clock when the machine
is shared, and the balance data's ratio to the same candidate's first frame (target: within
1.5x). ``--before FOLDER`` adds the app of another tree (its ``inmail_tui`` package first on
``PYTHONPATH``), interleaved with the others.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TODAY = date(2026, 1, 15)
SIZE = (40, 120)  # rows, columns
TIMEOUT = 30.0

BARE = """
from textual.app import App, ComposeResult
from textual.widgets import Static

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Bare app first frame")

Bare().run()
"""

APP = """
import sys
from datetime import date
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp

InmailApp(sys.argv[1], date.fromisoformat(sys.argv[2]), Settings()).run()
"""


@dataclass(frozen=True)
class Candidate:
    name: str
    argv: list[str]
    markers: tuple[bytes, ...]  # the texts that show each frame timed, in order
    env: tuple[tuple[str, str], ...] = ()  # set for this candidate alone


def cpu_seconds(pid: int) -> float:
    """The CPU time the process's main thread has run so far (Linux: ``/proc/PID/schedstat``,
    in nanoseconds): steadier than the wall clock on a shared machine."""
    with open(f"/proc/{pid}/schedstat", encoding="ascii") as stat:
        return int(stat.read().split()[0]) / 1e9


def seed(folder: Path) -> Path:
    from inmail_tui.planner import Planner
    from inmail_tui.settings import Settings

    db = folder / "bench.sqlite"
    Planner.open(db, TODAY, Settings()).credits.set_plan("sales_navigator_core", 1, 140)
    return db


def time_to_markers(
    candidate: Candidate, env: dict[str, str], cwd: Path
) -> tuple[list[float], float]:
    """Seconds from spawning the process to each marker appearing on its terminal, and the CPU
    seconds of its main thread when the first one appeared."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        candidate.argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, **dict(candidate.env)},
        cwd=cwd,  # not a checkout: ``-c`` puts the working folder first on sys.path
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    times: list[float] = []
    cpu = 0.0
    try:
        while len(times) < len(candidate.markers):
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError(f"{candidate.name}: no {candidate.markers[len(times)]!r}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            seen += os.read(master, 65536)
            while len(times) < len(candidate.markers) and candidate.markers[len(times)] in seen:
                times.append(time.perf_counter() - start)
                if len(times) == 1:
                    cpu = cpu_seconds(proc.pid)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--before",
        type=Path,
        help="a folder holding another tree's inmail_tui package: its app runs as one more "
        "candidate, interleaved (for a before/after in the same run)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="inmail-bench-") as tmp:
        folder = Path(tmp)
        db = str(seed(folder))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "INMAIL_TUI_HOME": str(folder / "home"),  # never the real settings
        }
        for name in ("INMAIL_TUI_DB", "INMAIL_TUI_TODAY", "INMAIL_TUI_CONFIG", "TEXTUAL"):
            env.pop(name, None)
        # Bytecode as an installed package has it (a shell with PYTHONDONTWRITEBYTECODE would
        # compile the project's modules at every start): cached in a folder of this run, for
        # every candidate alike, written by the warm-up round.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        loading, loaded = b"Opening your ledger", b"Next grant:"
        candidates = [
            Candidate("bare Textual app", [sys.executable, "-c", BARE], (b"Bare app first",)),
            Candidate(
                "inmail-tui app",
                [sys.executable, "-c", APP, db, TODAY.isoformat()],
                (loading, loaded),
            ),
            Candidate(
                "inmail-tui via the CLI",
                [sys.executable, "-m", "inmail_tui", "--db", db, "--today", TODAY.isoformat()],
                (loading, loaded),
            ),
        ]
        if args.before is not None:
            candidates.append(
                Candidate(
                    "app, before",
                    [sys.executable, "-c", APP, db, TODAY.isoformat()],
                    (loading, loaded),
                    (("PYTHONPATH", str(args.before.resolve())),),
                )
            )
        results: dict[str, list[list[float]]] = {c.name: [] for c in candidates}
        cpus: dict[str, list[float]] = {c.name: [] for c in candidates}
        for run in range(args.runs + 1):
            for candidate in candidates:
                times, cpu = time_to_markers(candidate, env, folder)
                if run:  # the first round warms the file cache and the bytecode
                    results[candidate.name].append(times)
                    cpus[candidate.name].append(cpu)

    base = statistics.median(t[0] for t in results[candidates[0].name])
    base_cpu = statistics.median(cpus[candidates[0].name])
    print(f"first frame at 120x40, median of {args.runs} runs each (interleaved):")
    print(
        f"  {candidates[0].name:<24} {base * 1000:7.1f} ms   1.00x   CPU {base_cpu * 1000:6.1f} ms"
    )
    for candidate in candidates[1:]:
        runs = results[candidate.name]
        first = statistics.median(t[0] for t in runs)
        data = statistics.median(t[1] for t in runs)
        cpu = statistics.median(cpus[candidate.name])
        name = candidate.name
        print(
            f"  {name:<24} {first * 1000:7.1f} ms   {first / base:.2f}x   "
            f"CPU {cpu * 1000:6.1f} ms {cpu / base_cpu:.2f}x   (first frame)"
        )
        print(
            f"  {'':<24} {data * 1000:7.1f} ms   {data / base:.2f}x   (balance data shown;"
            f" {data / first:.2f}x its own first frame)"
        )


if __name__ == "__main__":
    main()
