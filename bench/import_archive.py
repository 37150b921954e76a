"""Importing LinkedIn's data archive (a ZIP of 20,000 messages and 5,000 invitations, with its
Connections.csv and Profile.csv), against reading the same CSV files with the csv module alone.

    .venv/bin/python bench/import_archive.py [--messages 20000] [--invitations 5000] [--runs 5]

The archive is made by ``inmail_tui.core.archive.synthetic`` (the generator the tests use).
Timed in the same process, interleaved run by run after one warm-up import, medians printed
(wall clock, and the process's CPU time, the steadier figure on a shared machine):

- floor (issue 12's): the four CSV files read from the unzipped folder with ``csv.reader`` (every
  row as a list of cells; nothing else);
- floor with the writes: the same reading, then the prospect and touch rows the warm-up import
  wrote, copied into a fresh database of the same set-up with plain ``sqlite3`` in one
  transaction (one ``executemany`` per table, the search index filled after the rows in one
  statement, the statuses and derived columns included in the rows): what reading and writing
  cost when nothing has to be worked out. It leaves out decoding and repairing the names,
  normalising the URLs, finding the owner, the reconcile (matching, channels, what the
  ledger knows), the decisions, and the reads of what the database knows;
- the import: the planner call ``planner.transfer.import_file(zip)``, end to end (unzip,
  decode, read, repair names, find the owner, reconcile, write prospects, touches, statuses and
  the derived columns in one transaction), each run into a fresh SQLite database holding a
  Recruiter Lite pool;
- the same call with ``dry_run=True`` on a fresh database: reading and reconciling, with the
  prospects merged into the dry run's scratch table and nothing else written;
- a re-import of the same ZIP into the filled database (everything matched, nothing written).

Prints seconds and the ratio to the floor (the target: the import within 3x of it).
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from inmail_tui.core.archive.synthetic import synthetic_archive
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 12, 1)
Rows = list[tuple[object, ...]]
Tables = tuple[list[str], Rows, list[str], Rows]  # the prospect and touch columns and rows


def floor(folder: Path) -> int:
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for _row in csv.reader(handle):
                rows += 1
    return rows


def written(db: Path) -> Tables:
    """The columns and rows of the prospect and touch tables of ``db``, as stored."""
    with sqlite3.connect(db) as raw:
        tables = []
        for table in ("prospect", "touch"):
            cursor = raw.execute(f"SELECT * FROM {table} ORDER BY id")
            tables.append(([d[0] for d in cursor.description], cursor.fetchall()))
    (p_cols, p_rows), (t_cols, t_rows) = tables
    return p_cols, p_rows, t_cols, t_rows


def write_rows(db: Path, rows: Tables) -> None:
    """The floor's writes: the stored rows into ``db`` by plain sqlite3, one transaction."""
    from inmail_tui.store.search import FTS_TABLE, INDEX_ROWS

    p_cols, p_rows, t_cols, t_rows = rows
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("BEGIN IMMEDIATE")
    trigger = raw.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (f"{FTS_TABLE}_ai",)
    ).fetchone()[0]
    raw.execute(f"DROP TRIGGER {FTS_TABLE}_ai")
    for table, names, values in (("prospect", p_cols, p_rows), ("touch", t_cols, t_rows)):
        marks = ", ".join("?" * len(names))
        quoted = ", ".join(f'"{name}"' for name in names)
        raw.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", values)
        if table == "prospect":
            raw.execute(INDEX_ROWS)
    raw.execute(trigger)
    raw.execute("COMMIT")
    raw.close()


def fresh(folder: Path, name: str) -> Path:
    db = folder / name
    Planner.open(db, date(2026, 1, 1), Settings()).credits.set_plan(
        "recruiter_lite", renewal_day=1, balance=120
    )
    return db


def import_zip(db: Path, source: Path, dry_run: bool = False) -> int:
    result = Planner.open(db, TODAY, Settings()).transfer.import_file(source, dry_run=dry_run)
    return result.touches_added  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--invitations", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inmail-bench-") as tmp:
        folder = Path(tmp)
        made = synthetic_archive(args.messages, args.invitations, seed=1)
        unzipped = made.write_folder(folder / "unzipped")
        source = made.write_zip(folder / "Complete_LinkedInDataExport_12-01-2026.zip")
        size = sum(p.stat().st_size for p in unzipped.glob("*.csv")) / 1e6
        lines = {name: text.count("\n") for name, text in made.files.items()}
        print(f"{lines['messages.csv']:,} message rows, {lines['Invitations.csv']:,} invitation")
        print(f"rows, {lines['Connections.csv']:,} connection lines: {size:.1f} MB of CSV")
        print(f"(ZIP: {source.stat().st_size / 1e6:.1f} MB)\n")

        warm = fresh(folder, "warm.sqlite")
        added = import_zip(warm, source)
        rows = written(warm)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in LINES[:4]}
        for run in range(args.runs):
            db = fresh(folder, f"run{run}.sqlite")
            copy = fresh(folder, f"copy{run}.sqlite")
            for name, work in zip(
                LINES,
                (
                    lambda: floor(unzipped),
                    lambda: (floor(unzipped), write_rows(copy, rows)),  # noqa: B023
                    lambda: import_zip(db, source, dry_run=True),  # noqa: B023
                    lambda: import_zip(db, source),  # noqa: B023
                ),
                strict=False,
            ):
                times[name].append(timed(work))
        again: list[int] = []
        times[LINES[4]] = [timed(lambda: again.append(import_zip(db, source)))]
        assert again == [0], again

        print(f"touches added per import: {added:,}\n")
        wall0 = statistics.median(w for w, _ in times[LINES[0]])
        cpu0 = statistics.median(c for _, c in times[LINES[0]])
        print(f"{'':52} {'wall s':>7} {'ratio':>6} {'CPU s':>7} {'ratio':>6}")
        for name, values in times.items():
            wall = statistics.median(w for w, _ in values)
            cpu = statistics.median(c for _, c in values)
            print(f"{name:52} {wall:7.3f} {wall / wall0:6.2f} {cpu:7.3f} {cpu / cpu0:6.2f}")
        print(f"load average: {os.getloadavg()[0]:.2f} (2 cores)")


LINES = (
    "floor: csv.reader over the four files",
    "floor with the writes: + the same rows by sqlite3",
    "dry run: the same, nothing written",
    "import: planner.transfer.import_file(zip)",
    "re-import into the filled database (no-op)",
)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()
