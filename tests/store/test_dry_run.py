"""A dry run takes no write lock (issue 9, item 3): while ``import --dry-run`` reads a big file,
another window can still write; the dry run reports what the import would do, counting rows
repeated across its batches as the import does, and writes nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from inmail_tui.core.model import ProspectRecord
from inmail_tui.store.engine import make_engine
from inmail_tui.store.importer import import_records
from inmail_tui.store.schema import ensure_schema

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    ensure_schema(engine)
    yield engine
    engine.dispose()


def lead(n: int, **fields: Any) -> ProspectRecord:
    values: dict[str, Any] = {"first_name": f"First{n}", "last_name": "Last", "company": "Co"}
    values.update(fields)
    return ProspectRecord(
        url=f"https://www.linkedin.com/in/person-{n}", source="generic", line=n + 2, **values
    )


def count(engine: Engine) -> int:
    with engine.connect() as conn:
        found: int = conn.exec_driver_sql("SELECT count(*) FROM prospect").scalar_one()
    return found


@pytest.mark.sqlite_only("SQLite's database-wide write lock is what a dry run must not take")
def test_another_writer_is_not_blocked_by_a_dry_run(db: Engine) -> None:
    engine = db
    path = Path(engine.url.database or "")
    wrote: list[int] = []

    def write_meanwhile(_read: int) -> None:
        other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # what `sent` or `adjust` in another window does
            other.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
            other.execute("COMMIT")
            wrote.append(_read)
        finally:
            other.close()

    records = [lead(n) for n in range(6)]
    summary = import_records(
        engine,
        records,
        source_name="leads.csv",
        now=NOW,
        dry_run=True,
        batch_size=2,
        progress=write_meanwhile,
    )
    assert wrote == [2, 4, 6]
    assert (summary.read, summary.added) == (6, 6)
    assert count(engine) == 0


def test_a_dry_run_counts_rows_repeated_across_batches_like_the_import(
    db: Engine,
) -> None:
    engine = db
    import_records(engine, [lead(n) for n in range(3)], source_name="a", now=NOW)
    records = [
        lead(1, title="VP"),  # updates a stored row
        lead(7),  # new
        lead(7, title="CTO"),  # the new row again, in the same batch: updated
        lead(2),  # unchanged
        lead(7, title="CTO"),  # the new row in a later batch: unchanged
        lead(8),
        lead(1, title="VP"),  # the updated row in a later batch: unchanged
        lead(8, company="Acme"),  # the new row of the last batch changed in a later one
    ]
    dry = import_records(engine, records, source_name="b", now=NOW, dry_run=True, batch_size=3)
    assert count(engine) == 3
    real = import_records(engine, records, source_name="b", now=NOW, batch_size=3)
    shape = (real.read, real.added, real.updated, real.unchanged)
    assert (dry.read, dry.added, dry.updated, dry.unchanged) == shape == (8, 2, 3, 3)


def test_a_second_dry_run_finds_nothing_the_first_left(db: Engine) -> None:
    engine = db
    import_records(engine, [lead(0)], source_name="a", now=NOW)
    records = [lead(0, title="VP"), lead(1), lead(1, title="CTO"), lead(2)]
    dry = import_records(engine, records, source_name="b", now=NOW, dry_run=True, batch_size=2)
    assert (dry.read, dry.added, dry.updated, dry.unchanged) == (4, 2, 2, 0)
    again = import_records(engine, records, source_name="b", now=NOW, dry_run=True, batch_size=2)
    assert (again.added, again.updated) == (2, 2)  # the first dry run left nothing behind
