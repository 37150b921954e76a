"""Issue 9, item 13: backup and restore through the planner (``planner.maintenance``).

A backup is taken with SQLite's online backup API while another planner keeps writing; a
restore checks its file first and refuses, leaving the database as it was, anything that is not
an inmail-tui database of a known schema version; it replaces a database holding data only when
told to, and keeps what it replaced.
"""

from __future__ import annotations

import shutil
import sqlite3
import stat
import threading
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store.models import SCHEMA_VERSION
from tests.store.schema_fixtures import fixture_path, table_rows

TODAY = date(2026, 1, 15)
LEADS = (
    "Profile URL,Full Name,Company\n"
    "https://www.linkedin.com/in/ann,Ann Lee,Acme\n"
    "https://www.linkedin.com/in/bob,Bob Ray,Beta\n"
)


def planner_on(db: Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with a pool (balance 10) and two prospects."""
    db = tmp_path / "inmail.sqlite"
    planner = planner_on(db)
    planner.credits.set_plan("sales_navigator_core", renewal_day=1, balance=10)
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, "utf-8")
    planner.transfer.import_file(leads)
    return db


def facts(db: Path) -> tuple[int, list[str]]:
    planner = planner_on(db)
    urls = [
        item.row.url for item in planner.queue.iter_items(QueueQuery(sort="name", descending=False))
    ]
    facts = (planner.credits.balance().balance, urls)
    planner.ctx.engine.dispose()
    return facts


def test_a_backup_is_a_private_copy_that_opens_as_the_database(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "monday.sqlite"
    target.parent.mkdir()
    result = planner_on(db).maintenance.backup(target)
    assert (result.path, result.schema_version) == (target, SCHEMA_VERSION)
    assert oct(stat.S_IMODE(target.stat().st_mode)) == "0o600"
    assert sorted(p.name for p in target.parent.iterdir()) == ["monday.sqlite"]  # one file
    assert (
        facts(target)
        == facts(db)
        == (10, [f"https://www.linkedin.com/in/{n}" for n in ("ann", "bob")])
    )


def test_a_backup_taken_while_another_planner_writes_is_consistent(
    db: Path, tmp_path: Path
) -> None:
    writer = planner_on(db)
    done = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for balance in range(60):
                writer.credits.adjust(balance % 50)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    backups = []
    while not done.is_set() and len(backups) < 6:
        target = tmp_path / f"backup-{len(backups)}.sqlite"
        planner_on(db).maintenance.backup(target)
        backups.append(target)
    thread.join()
    assert errors == []
    assert len(backups) >= 2
    for target in backups:
        with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        balance, urls = facts(target)
        assert 0 <= balance < 50 and len(urls) == 2


def test_a_backup_refuses_the_database_itself_and_a_folder(db: Path, tmp_path: Path) -> None:
    planner = planner_on(db)
    with pytest.raises(UserError, match="is the database itself"):
        planner.maintenance.backup(db)
    with pytest.raises(UserError, match="is a folder"):
        planner.maintenance.backup(tmp_path)
    assert facts(db)[0] == 10


def test_a_restore_replaces_data_only_when_told_and_keeps_what_it_replaced(
    db: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.sqlite"
    planner_on(db).maintenance.backup(backup)
    planner = planner_on(db)
    planner.credits.adjust(3)
    with pytest.raises(UserError, match=r"holds 1 credit pool and 2 prospects.*--yes"):
        planner.maintenance.restore(backup)
    assert facts(db)[0] == 3
    result = planner.maintenance.restore(backup, replace=True)
    assert result.replaced == tmp_path / "inmail.sqlite.before-restore.bak"
    assert facts(db)[0] == 10
    assert facts(result.replaced)[0] == 3


def test_a_restore_is_seen_by_a_planner_that_is_open(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite"
    open_elsewhere = planner_on(db)
    open_elsewhere.maintenance.backup(backup)
    open_elsewhere.credits.adjust(7)
    planner_on(db).maintenance.restore(backup, replace=True)
    assert open_elsewhere.credits.balance().balance == 10


def test_a_restore_into_an_empty_database_needs_no_confirmation(tmp_path: Path) -> None:
    """The first release's fixture is a backup of schema version 1 like any other."""
    empty = tmp_path / "new.sqlite"
    result = planner_on(empty).maintenance.restore(fixture_path(1))
    assert (result.schema_version, result.replaced) == (1, None)
    restored = table_rows(empty)
    expected = table_rows(fixture_path(1))
    bookkeeping = {"meta", "alembic_version"}  # the restore upgrades it to the current schema
    assert {name: rows for name, (_, rows) in restored.items() if name in expected} | {
        name: [] for name in bookkeeping
    } == {name: rows for name, (_, rows) in expected.items()} | {name: [] for name in bookkeeping}
    assert restored["meta"][1] == [("schema_version", str(SCHEMA_VERSION))]


def write_sqlite(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    return path


def not_ours(tmp_path: Path) -> Path:
    return write_sqlite(
        tmp_path / "other.sqlite", "CREATE TABLE prospect (id INTEGER PRIMARY KEY, name TEXT)"
    )


def versioned(tmp_path: Path, value: str | None) -> Path:
    copy = tmp_path / f"version-{value}.sqlite"
    shutil.copyfile(fixture_path(1), copy)
    if value is None:
        return write_sqlite(copy, "DELETE FROM meta WHERE key = 'schema_version'")
    return write_sqlite(copy, f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")


def damaged(tmp_path: Path) -> Path:
    copy = tmp_path / "damaged.sqlite"
    data = bytearray(fixture_path(1).read_bytes())
    data[4096 * 3 : 4096 * 3 + 512] = b"\xff" * 512
    copy.write_bytes(bytes(data))
    return copy


REFUSED = {
    "missing": (lambda tmp: tmp / "nothing-here.sqlite", "No file at"),
    "text": (lambda tmp: _text_file(tmp), "not a database file"),
    "another program's": (not_ours, "not an inmail-tui database"),
    "newer": (lambda tmp: versioned(tmp, str(SCHEMA_VERSION + 1)), "written by a newer inmail-tui"),
    "version 0": (lambda tmp: versioned(tmp, "0"), "no valid inmail-tui schema version"),
    "version -1": (lambda tmp: versioned(tmp, "-1"), "no valid inmail-tui schema version"),
    "no version": (lambda tmp: versioned(tmp, None), "no valid inmail-tui schema version"),
    "damaged": (damaged, "damaged|cannot be read"),
}


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("SQLite format 2 is not this\n" * 100, "utf-8")
    return path


@pytest.mark.parametrize("kind", REFUSED)
def test_a_file_that_is_not_a_good_backup_is_refused_and_nothing_changes(
    kind: str, db: Path, tmp_path: Path
) -> None:
    make, reason = REFUSED[kind]
    source = make(tmp_path)
    before = source.read_bytes() if source.exists() else None
    with pytest.raises(UserError, match=reason):
        planner_on(db).maintenance.restore(source, replace=True)
    assert facts(db)[0] == 10
    assert not (tmp_path / "inmail.sqlite.before-restore.bak").exists()
    if before is not None:
        assert source.read_bytes() == before
        assert not source.with_name(source.name + "-wal").exists()


@pytest.mark.postgres
def test_postgresql_is_pointed_at_pg_dump_and_pg_restore(pg_url: str, tmp_path: Path) -> None:
    planner = Planner.open(pg_url, TODAY, Settings())
    with pytest.raises(UserError, match=r"pg_dump --format=custom --file=FILE 'postgresql://"):
        planner.maintenance.backup(tmp_path / "b.sqlite")
    with pytest.raises(UserError, match=r"pg_restore --clean --if-exists --dbname='postgresql://"):
        planner.maintenance.restore(fixture_path(1))
    assert not (tmp_path / "b.sqlite").exists()
