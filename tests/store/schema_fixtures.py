"""A database of every released schema, kept in ``tests/data/schemas``, for the upgrade tests.

``schema-N.sqlite`` is a database of schema version N as the release that introduced version N
wrote it: built by the migration chain from nothing (revisions ``0001`` to ``000N``), then filled
through that release's planner with a little of everything (a pool and its ledger, prospects with
hostile text, sends, an outcome, drafts, a template; from version 4, an agenda hold). It is
frozen: never regenerated, never opened in place (tests copy it first).

When a release raises ``SCHEMA_VERSION`` to N, add its fixture with that release's code::

    .venv/bin/python -m tests.store.schema_fixtures

which writes ``schema-N.sqlite`` for the current ``SCHEMA_VERSION`` and refuses to overwrite one
that exists. ``test_schema_upgrades.py`` then upgrades a copy of every fixture to the current
schema and checks that every row survives.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

from sqlalchemy import text

from inmail_tui.core.importing.synthetic import connections_csv, people, phantombuster_csv
from inmail_tui.core.model import Channel, Outcome
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store.engine import make_engine
from inmail_tui.store.models import SCHEMA_VERSION
from inmail_tui.store.schema import META, MIGRATIONS_DIR, migrate
from inmail_tui.store.tx import write_tx

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "schemas"
TODAY = date(2026, 1, 15)

Rows = dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]


def fixture_path(version: int) -> Path:
    return FIXTURES / f"schema-{version}.sqlite"


# Schema versions never released: revisions merged into one release, whose fixture is that of
# the release's last version (0002, seats, shipped together with 0003 in the release of version 3).
UNRELEASED: frozenset[int] = frozenset({2})


def released_versions() -> list[int]:
    return [v for v in range(1, SCHEMA_VERSION + 1) if v not in UNRELEASED]


def build_by_migrations(path: Path, version: int, scripts: Path = MIGRATIONS_DIR) -> None:
    """An empty database of schema ``version``, built only by the migration chain."""
    engine = make_engine(path)
    with write_tx(engine) as conn:  # version 0: the bookkeeping table alone
        META.create(conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '0')"))
    migrate(engine, version, scripts)
    engine.dispose()


def fill(path: Path, work: Path) -> None:
    """A little of everything, written by the planner of this release."""
    planner = Planner.open(path, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=1, balance=20)
    connections = work / "Connections.csv"
    connections.write_text(connections_csv(people(6, seed=11)), "utf-8")
    leads = work / "leads.csv"
    leads.write_text(phantombuster_csv(people(10, seed=12, start=100)), "utf-8")
    planner.transfer.import_file(connections)
    planner.transfer.import_file(leads)
    items = list(planner.queue.iter_items(QueueQuery(sort="name", descending=False)))
    sendable = [i for i in items if planner.queue.cost(i.row.url).cost == 1][:3]
    for number, item in enumerate(sendable):
        planner.outreach.mark_sent(
            item.row.url,
            Channel.INMAIL,
            "Your hiring plans",
            f"Hello {number}",
            variant="AB"[number % 2],
        )
    planner.outreach.record_outcome(sendable[0].row.url, Outcome.REPLIED, TODAY)
    planner.queue.set_notes(items[0].row.id, "called twice\nno answer")
    planner.queue.add_tag([items[1].row.id], "warm")
    planner.drafts.save_template(
        "Intro", Channel.INMAIL, "Hello", "Hi {first_name}, a question about {company}."
    )
    planner.drafts.save_draft(items[2].row.id, Channel.INMAIL, "Draft subject", "Draft body")
    planner.agenda.snooze(items[3].row.id, "request", 3)  # schema 4: an agenda hold
    planner.credits.adjust(15)
    planner.ctx.engine.dispose()


def make_fixture(path: Path, work: Path) -> None:
    """The fixture of the current schema version at ``path`` (one small self-contained file)."""
    build_by_migrations(path, SCHEMA_VERSION)
    fill(path, work)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")


def table_rows(path: Path) -> Rows:
    """Every table's columns and rows (in rowid order), read without changing the file (with
    its -wal file when it has one)."""
    wal = path.with_name(path.name + "-wal").exists()
    uri = f"file:{path}?mode=ro" + ("" if wal else "&immutable=1")
    found: Rows = {}
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'prospect_search%' ORDER BY name"
            )
        ]
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            columns = tuple(d[0] for d in cursor.description)
            found[name] = (columns, cursor.fetchall())
    return found


BOOKKEEPING = frozenset({"meta", "alembic_version"})  # the schema version itself


def rows_kept(before: Rows, after: Rows) -> dict[str, str]:
    """What an upgrade lost: for each data table of ``before``, its rows in the columns it had."""
    lost: dict[str, str] = {}
    for name, (columns, rows) in before.items():
        if name in BOOKKEEPING:
            continue
        if name not in after:
            lost[name] = "table gone"
            continue
        new_columns, new_rows = after[name]
        missing = [c for c in columns if c not in new_columns]
        if missing:
            lost[name] = f"columns gone: {missing}"
            continue
        picks = [new_columns.index(c) for c in columns]
        if [tuple(row[i] for i in picks) for row in new_rows] != rows:
            lost[name] = "rows differ"
    return lost


def main() -> int:
    import tempfile

    target = fixture_path(SCHEMA_VERSION)
    if target.exists():
        print(f"{target} exists: a released schema's fixture is never regenerated.")
        return 1
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        made = Path(work) / target.name
        make_fixture(made, Path(work))
        target.write_bytes(made.read_bytes())
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
