"""Importing LinkedIn's data archive (a ZIP of 20,000 messages and 5,000 invitations, with its
Connections.csv and Profile.csv), against reading the same CSV files with the csv module alone.

    .venv/bin/python bench/import_archive.py [--messages 20000] [--invitations 5000] [--runs 5]

The archive is made by ``inmail_tui.core.archive.synthetic`` (the generator the tests use).
Timed in the same process, interleaved run by run, medians printed:

- floor: the four CSV files read from the unzipped folder with ``csv.reader`` (every row as a
  list of cells; nothing else);
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
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from inmail_tui.core.archive.synthetic import synthetic_archive
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 12, 1)


def floor(folder: Path) -> int:
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for _row in csv.reader(handle):
                rows += 1
    return rows


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

        floors: list[float] = []
        imports: list[float] = []
        dry_runs: list[float] = []
        added = 0
        for run in range(args.runs):
            started = time.perf_counter()
            floor(unzipped)
            floors.append(time.perf_counter() - started)
            db = fresh(folder, f"run{run}.sqlite")
            started = time.perf_counter()
            import_zip(db, source, dry_run=True)
            dry_runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            added = import_zip(db, source)
            imports.append(time.perf_counter() - started)
        started = time.perf_counter()
        again = import_zip(folder / f"run{args.runs - 1}.sqlite", source)
        reimport = time.perf_counter() - started
        assert again == 0, again

        base = statistics.median(floors)
        print(f"touches added per import: {added:,}\n")
        print(f"{'':52} {'median s':>9} {'ratio':>6}")
        for name, seconds in (
            ("floor: csv.reader over the four files", base),
            ("dry run: the same, nothing written", statistics.median(dry_runs)),
            ("import: planner.transfer.import_file(zip)", statistics.median(imports)),
            ("re-import into the filled database (no-op)", reimport),
        ):
            print(f"{name:52} {seconds:9.3f} {seconds / base:6.2f}")


if __name__ == "__main__":
    main()
