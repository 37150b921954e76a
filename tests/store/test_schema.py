"""Schema versions: a new database is created, an older one upgraded, a newer one refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, text
from sqlmodel import SQLModel

from inmail_tui.core.model import EventKind, LedgerEvent
from inmail_tui.store.engine import StoreError, make_engine
from inmail_tui.store.models import SCHEMA_VERSION
from inmail_tui.store.pools import append_events, events, get_pool, set_pool
from inmail_tui.store.schema import META, MIGRATIONS_DIR, ensure_schema, migrate
from inmail_tui.store.search import is_search_object
from inmail_tui.store.tx import write_tx

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
NEXT = SCHEMA_VERSION + 1  # the test-only next release

REVISION_0002 = """
import sqlalchemy as sa
from alembic import op

revision = "REVISION"
down_revision = "DOWN"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a table rebuild (SQLite's way to ALTER): ledger rows point at pool with ON DELETE CASCADE;
    # PostgreSQL alters the table in place
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("pool", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(sa.Column("colour", sa.String(16), nullable=False, server_default="blue"))
    FAIL
"""


def version_of(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()


def set_version(engine: Engine, value: str) -> None:
    with write_tx(engine) as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": value})


def not_search(obj: object, name: str | None, *_: object) -> bool:
    """The search index is managed by store/search.py, not by the models: leave it out."""
    return not is_search_object(name)


def schema_drift(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": not_search}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def fill(engine: Engine) -> int:
    """A pool with a few ledger events; returns its id."""
    pool = set_pool(engine, "main", "sales_navigator_core", 1, date(2026, 1, 15), 140, now=NOW)
    with write_tx(engine, pool.id) as conn:
        append_events(conn, pool.id, [LedgerEvent(EventKind.SPEND, date(2026, 1, 16), -1)], now=NOW)
    return pool.id


def scripts_with_0002(tmp_path: Path, *, fail: bool) -> Path:
    """The shipped baseline plus a test-only 0002 (which raises midway when ``fail``), standing
    in for the release after the first (the shipped revisions after 0001 are left out)."""
    return scripts_with_next(tmp_path, fail=fail, after=1)


def scripts_with_next(tmp_path: Path, *, fail: bool, after: int = SCHEMA_VERSION) -> Path:
    """The shipped revisions up to ``after`` plus a test-only next one (which raises midway
    when ``fail``), standing in for the next release."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for shipped in (scripts / "versions").glob("rev_*.py"):
        if int(shipped.name[4:8]) > after:
            shipped.unlink()
    body = (
        REVISION_0002.replace("FAIL", 'raise RuntimeError("midway")' if fail else "")
        .replace("REVISION", f"{after + 1:04d}")
        .replace("DOWN", f"{after:04d}")
    )
    (scripts / "versions" / f"rev_{after + 1:04d}_colour.py").write_text(body)
    return scripts


def test_a_new_database_gets_every_table_and_the_current_version(engine: Engine) -> None:
    assert version_of(engine) == str(SCHEMA_VERSION)
    assert set(inspect(engine).get_table_names()) >= {"meta", "pool", "ledger_entry", "draft"}
    assert schema_drift(engine) == []


def test_opening_a_current_database_is_one_query(engine: Engine) -> None:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    ensure_schema(engine)
    event.remove(engine, "before_cursor_execute", record)
    queries = [s for s in statements if not s.startswith("BEGIN")]
    assert len(queries) == 1 and "meta" in queries[0]


@pytest.mark.parametrize("exists", [False, True])
def test_alembic_is_imported_only_for_an_upgrade(db_path: Path, exists: bool) -> None:
    if exists:
        engine = make_engine(db_path)
        ensure_schema(engine)
        engine.dispose()
    code = (
        "import sys\n"
        "from inmail_tui.store.engine import make_engine\n"
        "from inmail_tui.store.schema import ensure_schema\n"
        f"ensure_schema(make_engine({str(db_path)!r}))\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_the_baseline_migration_builds_the_same_schema_as_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    with write_tx(engine) as conn:  # version 0: only the bookkeeping table, nothing of the chain
        META.create(conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '0')"))
    ensure_schema(engine)
    assert version_of(engine) == str(SCHEMA_VERSION)
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == f"{SCHEMA_VERSION:04d}"
    assert schema_drift(engine) == []
    engine.dispose()


def test_a_current_database_keeps_its_data_when_opened_again(db_url: str) -> None:
    engine = make_engine(db_url)
    ensure_schema(engine)
    pool_id = fill(engine)
    pool, ledger = get_pool(engine), events(engine, pool_id)
    engine.dispose()
    again = make_engine(db_url)
    ensure_schema(again)
    assert get_pool(again) == pool
    assert events(again, pool_id) == ledger
    again.dispose()


def test_an_upgrade_rebuilding_a_table_keeps_every_row(engine: Engine, tmp_path: Path) -> None:
    pool_id = fill(engine)
    ledger = events(engine, pool_id)
    migrate(engine, NEXT, scripts_with_next(tmp_path, fail=False))
    assert version_of(engine) == str(NEXT)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, colour FROM pool")).all() == [("main", "blue")]
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == f"{NEXT:04d}"
    assert events(engine, pool_id) == ledger  # no cascade from the rebuilt pool table


def test_a_failed_upgrade_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    pool_id = fill(engine)
    ledger = events(engine, pool_id)
    with pytest.raises(RuntimeError, match="midway"):
        migrate(engine, NEXT, scripts_with_next(tmp_path, fail=True))
    assert version_of(engine) == str(SCHEMA_VERSION)
    assert "colour" not in {c["name"] for c in inspect(engine).get_columns("pool")}
    assert events(engine, pool_id) == ledger
    assert schema_drift(engine) == []


def test_a_database_from_a_newer_release_is_refused(engine: Engine, tmp_path: Path) -> None:
    fill(engine)
    migrate(engine, NEXT, scripts_with_next(tmp_path, fail=False))
    with pytest.raises(StoreError, match="written by a newer inmail-tui") as caught:
        ensure_schema(engine)
    assert f"schema version {NEXT}" in str(caught.value)


def test_a_version_that_is_not_a_number_is_a_clear_error(engine: Engine) -> None:
    set_version(engine, "one")
    with pytest.raises(StoreError, match="not a number"):
        ensure_schema(engine)


def test_processes_opening_a_new_database_together_agree(db_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        engine = make_engine(db_url)
        try:
            ensure_schema(engine)
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(db_url)
    assert version_of(engine) == str(SCHEMA_VERSION)
    assert schema_drift(engine) == []
    engine.dispose()
