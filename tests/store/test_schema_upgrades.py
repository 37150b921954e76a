"""Issue 9, items 13 and 14: upgrades from every released schema keep every row, a backup is
written beside the database before each upgrade, and an upgrade killed midway leaves the
database at its old version, whole.

The released schemas are the fixtures of ``tests/data/schemas`` (see ``schema_fixtures.py``);
a test-only revision 0002 (``test_schema.scripts_with_0002``) stands in for the next release.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from inmail_tui.core.importing.synthetic import people, phantombuster_csv
from inmail_tui.core.urls import PROFILE_PREFIX
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.models import SCHEMA_VERSION
from inmail_tui.store.schema import ensure_schema, migrate
from inmail_tui.store.search import FTS_TABLE, SQLITE_DDL_V1
from tests.store.schema_fixtures import (
    TODAY,
    build_by_migrations,
    fixture_path,
    released_versions,
    rows_kept,
    table_rows,
)
from tests.store.test_schema import REVISION_0002, scripts_with_0002, version_of

ROOT = Path(__file__).resolve().parents[2]


def copy_of(version: int, tmp_path: Path) -> Path:
    """A copy of the fixture of schema ``version`` (the fixture itself is never opened)."""
    copy = tmp_path / "inmail.sqlite"
    shutil.copyfile(fixture_path(version), copy)
    return copy


def schema_sql(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
    return [(name, _unordered_keys(sql)) for name, sql in rows]


def _unordered_keys(sql: str) -> str:
    """A table's SQL with its unnamed foreign-key clauses sorted: Alembic's batch mode rebuilds a
    table with them in an order that changes from run to run (a set), which means nothing."""
    lines = [line.strip().rstrip(",") for line in sql.splitlines()]
    keys = sorted(line for line in lines if line.startswith("FOREIGN KEY("))
    return "\n".join([line for line in lines if not line.startswith("FOREIGN KEY(")] + keys)


def stored_version(path: Path) -> int:
    """The schema version a backup holds, read with sqlite3 alone (the file is left as it is)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(value)


def backups_beside(db: Path) -> list[str]:
    return sorted(path.name for path in db.parent.glob(f"{db.name}.*.bak"))


def test_every_released_schema_has_a_fixture() -> None:
    missing = [fixture_path(v).name for v in released_versions() if not fixture_path(v).is_file()]
    assert missing == [], "run: .venv/bin/python -m tests.store.schema_fixtures"


@pytest.mark.parametrize("version", released_versions())
def test_a_fixture_is_what_the_migration_chain_builds(version: int, tmp_path: Path) -> None:
    """Released revisions are frozen: the chain still builds the fixture's schema exactly."""
    built = tmp_path / "built.sqlite"
    build_by_migrations(built, version)
    assert schema_sql(built) == schema_sql(fixture_path(version))


@pytest.mark.parametrize("version", released_versions())
def test_each_released_schema_opens_upgraded_with_every_row(version: int, tmp_path: Path) -> None:
    db = copy_of(version, tmp_path)
    before = table_rows(db)
    planner = Planner.open(db, TODAY, Settings())
    assert planner.credits.balance().balance == 15
    assert planner.queue.total() == len(before["prospect"][1])
    assert planner.transfer.export_csv(tmp_path / "export.csv") == planner.queue.total()
    planner.ctx.engine.dispose()
    engine = make_engine(db)
    assert version_of(engine) == str(SCHEMA_VERSION)
    engine.dispose()
    assert rows_kept(before, table_rows(db)) == {}
    if version < SCHEMA_VERSION:
        (backup,) = backups_beside(db)
        assert stored_version(db.parent / backup) == version


def test_the_next_release_upgrades_the_first_releases_fixture(tmp_path: Path) -> None:
    db = copy_of(1, tmp_path)
    before = table_rows(db)
    engine = make_engine(db)
    migrate(engine, 2, scripts_with_0002(tmp_path, fail=False))
    assert version_of(engine) == "2"
    assert "colour" in {c["name"] for c in inspect(engine).get_columns("pool")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT colour FROM pool")).scalars().all() == ["blue"]
    engine.dispose()
    assert rows_kept(before, table_rows(db)) == {}
    # the backup beside it is the database as it was before the upgrade
    assert backups_beside(db) == ["inmail.sqlite.schema-1.bak"]
    backup = db.parent / "inmail.sqlite.schema-1.bak"
    assert stored_version(backup) == 1
    assert table_rows(backup) == before


def test_a_failed_upgrade_keeps_its_backup_and_a_retry_writes_another(tmp_path: Path) -> None:
    db = copy_of(1, tmp_path)
    engine = make_engine(db)
    with pytest.raises(RuntimeError, match="midway"):
        migrate(engine, 2, scripts_with_0002(tmp_path / "failing", fail=True))
    assert version_of(engine) == "1"
    migrate(engine, 2, scripts_with_0002(tmp_path / "working", fail=False))
    assert version_of(engine) == "2"
    engine.dispose()
    assert backups_beside(db) == ["inmail.sqlite.schema-1-2.bak", "inmail.sqlite.schema-1.bak"]


def test_a_backup_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    db = copy_of(1, tmp_path)
    (tmp_path / "inmail.sqlite.schema-1.bak").mkdir()  # taken, by a folder
    (tmp_path / "inmail.sqlite.schema-1-2.bak").write_bytes(b"an earlier backup")
    engine = make_engine(db)
    migrate(engine, 2, scripts_with_0002(tmp_path, fail=False))
    assert version_of(engine) == "2"
    engine.dispose()
    assert stored_version(tmp_path / "inmail.sqlite.schema-1-3.bak") == 1
    assert (tmp_path / "inmail.sqlite.schema-1-2.bak").read_bytes() == b"an earlier backup"


# The next release's upgrade in a process whose files may not grow past 64 KiB (RLIMIT_FSIZE:
# a real EFBIG, like a full disk): the database's own files fit, its backup (143 KiB) does not.
_UPGRADE_WITHOUT_ROOM = """
import resource, signal, sys
from pathlib import Path
from inmail_tui.store.engine import StoreError, make_engine
from inmail_tui.store.schema import migrate

engine = make_engine(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, resource.RLIM_INFINITY))
try:
    migrate(engine, 2, Path(sys.argv[2]))
except StoreError as error:
    print(error)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_an_upgrade_whose_backup_cannot_be_written_does_not_start(tmp_path: Path) -> None:
    db = copy_of(1, tmp_path)
    before = table_rows(db)
    scripts = scripts_with_0002(tmp_path, fail=False)
    result = subprocess.run(
        [sys.executable, "-c", _UPGRADE_WITHOUT_ROOM, str(db), str(scripts)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.startswith(f"Cannot write a backup of {db} before upgrading it"), (
        result.stdout + result.stderr
    )
    assert result.stdout.strip().endswith("nothing was changed.")
    engine = make_engine(db)
    assert version_of(engine) == "1"
    engine.dispose()
    assert rows_kept(before, table_rows(db)) == {}
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["inmail.sqlite"]


# The next release's upgrade, killed (SIGKILL: no cleanup, no rollback by Python) just after it
# rebuilt the pool table inside the upgrade's transaction.
_KILLED_UPGRADE = """
import sys
from pathlib import Path
from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import migrate

migrate(make_engine(sys.argv[1]), 2, Path(sys.argv[2]))
print("not killed")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_upgrade_killed_midway_leaves_the_old_version_whole(tmp_path: Path) -> None:
    db = copy_of(1, tmp_path)
    before = table_rows(db)
    scripts = scripts_with_0002(tmp_path, fail=False)
    kill = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    killed = REVISION_0002.replace("FAIL", kill).replace("REVISION", "0002").replace("DOWN", "0001")
    (scripts / "versions" / "rev_0002_colour.py").write_text(killed)
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_UPGRADE, str(db), str(scripts)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stdout + result.stderr
    engine = make_engine(db)
    assert version_of(engine) == "1"
    assert "colour" not in {c["name"] for c in inspect(engine).get_columns("pool")}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    assert rows_kept(before, table_rows(db)) == {}
    assert stored_version(tmp_path / "inmail.sqlite.schema-1.bak") == 1
    # this release opens it as it was (a copy: the test-only revision below follows version 1)
    opened = tmp_path / "opened" / "inmail.sqlite"
    opened.parent.mkdir()
    shutil.copyfile(db, opened)
    engine = make_engine(opened)
    ensure_schema(engine)
    engine.dispose()
    assert rows_kept(before, table_rows(opened)) == {}
    # and the next attempt upgrades it
    engine = make_engine(db)
    migrate(engine, 2, scripts_with_0002(tmp_path / "again", fail=False))
    assert version_of(engine) == "2"
    engine.dispose()
    assert rows_kept(before, table_rows(db)) == {}


def searched(conn: Connection, text_: str) -> set[str]:
    return {r.url for r in P.page(conn, QueueQuery(search=text_), None, 1000).rows}


def test_version_5_searches_find_what_version_4_found_and_profile_urls(tmp_path: Path) -> None:
    """Revision 0005 (the URL indexed as its slug): on a version-4 database whose index is whole
    (as a new version-4 database had it), name, company and slug searches find the same
    prospects after the upgrade as before; a whole profile URL finds its prospect."""
    db = copy_of(4, tmp_path)
    with closing(sqlite3.connect(db)) as raw, raw:
        for statement in SQLITE_DDL_V1:  # the triggers 0002's rebuild of prospect dropped
            raw.execute(statement)
        raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    columns, rows = table_rows(db)["prospect"]
    stored = [dict(zip(columns, row, strict=True)) for row in rows]
    queries = sorted(
        {p["full_name"] for p in stored}
        | {p["company"] for p in stored if len(p["company"]) >= 3}
        | {p["url"].removeprefix(PROFILE_PREFIX) for p in stored}
    )
    engine = make_engine(db)
    with engine.connect() as conn:
        before = {query: searched(conn, query) for query in queries}
    engine.dispose()
    assert all(before.values())  # each query finds someone: the comparison means something
    planner = Planner.open(db, TODAY, Settings())  # the upgrade
    assert version_of(planner.ctx.engine) == str(SCHEMA_VERSION)
    with planner.ctx.engine.connect() as conn:
        assert {query: searched(conn, query) for query in queries} == before
        for person in stored:
            assert searched(conn, person["url"]) == {person["url"]}
    planner.ctx.engine.dispose()


def test_an_upgrade_from_version_4_indexes_new_and_changed_prospects(tmp_path: Path) -> None:
    """The fixture as the chain built it has no search triggers (0002 rebuilt ``prospect``
    without them): after 0005 the index is whole and follows every change again."""
    db = copy_of(4, tmp_path)
    planner = Planner.open(db, TODAY, Settings())
    items = list(planner.queue.iter_items(QueueQuery()))

    def found(text_: str) -> set[str]:
        return {i.row.url for i in planner.queue.iter_items(QueueQuery(search=text_))}

    assert found(items[5].row.full_name) == {items[5].row.url}
    planner.queue.set_notes(items[0].row.id, "met at Zzyzx conference")
    leads = tmp_path / "leads.csv"
    newcomer = people(1, seed=99, start=500)[0]
    leads.write_text(phantombuster_csv([newcomer]), "utf-8")
    planner.transfer.import_file(leads)
    assert found("zzyzx") == {items[0].row.url}
    assert found(newcomer.slug) == {newcomer.url}
    assert found(newcomer.url) == {newcomer.url}
    planner.ctx.engine.dispose()
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
