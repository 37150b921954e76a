"""The same store on PostgreSQL: schema, pools, the ledger and the pool's row lock.

Skipped (with the reason) when no server answers at 127.0.0.1:5432 or psycopg is missing.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, exc, text
from sqlmodel import SQLModel

from inmail_tui.core.model import Channel, EventKind, LedgerEvent
from inmail_tui.store.drafts import latest_draft, save_draft
from inmail_tui.store.engine import StoreError, make_engine
from inmail_tui.store.models import SCHEMA_VERSION
from inmail_tui.store.notify import WATCHED_TABLES
from inmail_tui.store.pools import append_events, events, get_pool, set_pool
from inmail_tui.store.schema import META, ensure_schema
from inmail_tui.store.search import is_search_object
from inmail_tui.store.templates import list_templates, seed_templates
from inmail_tui.store.tx import lock_pool, write_tx

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
DAY = date(2026, 1, 15)


def drift(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": not_search})
        return list(compare_metadata(context, SQLModel.metadata))


def not_search(obj: object, name: str | None, *_: object) -> bool:
    return not is_search_object(name)


def test_a_new_database_matches_the_models(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta")).scalar() == str(SCHEMA_VERSION)
    assert drift(pg_engine) == []


def test_the_baseline_migration_builds_the_models_schema(pg_url: str) -> None:
    engine = make_engine(pg_url)
    with write_tx(engine) as conn:
        META.create(conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '0')"))
    ensure_schema(engine)
    assert drift(engine) == []
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == f"{SCHEMA_VERSION:04d}"
        assert notify_triggers(conn) == sorted(WATCHED_TABLES)
    engine.dispose()


def notify_triggers(conn: Connection) -> list[str]:
    """The tables that carry the live-update trigger (``store/notify.py``)."""
    query = text(
        "SELECT event_object_table FROM information_schema.triggers "
        "WHERE trigger_schema = current_schema() AND trigger_name LIKE 'inmail_tui_notify_%' "
        "GROUP BY event_object_table ORDER BY event_object_table"
    )
    return list(conn.execute(query).scalars())


def test_a_new_database_notifies_on_every_watched_table(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        assert notify_triggers(conn) == sorted(WATCHED_TABLES)


def test_opening_a_database_from_a_newer_release_is_refused(pg_engine: Engine) -> None:
    with write_tx(pg_engine) as conn:
        conn.execute(text("UPDATE meta SET value = '99'"))
    with pytest.raises(StoreError, match="newer inmail-tui"):
        ensure_schema(pg_engine)


def test_sessions_opening_a_new_database_together_agree(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        engine = make_engine(pg_url)
        try:
            ensure_schema(engine)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_pools_and_an_idempotent_ledger(pg_engine: Engine) -> None:
    pool = set_pool(pg_engine, "main", "recruiter_lite", 31, DAY, 30, {"seats": 2}, now=NOW)
    assert get_pool(pg_engine) == pool and pool.overrides == {"seats": 2}
    grant = LedgerEvent(EventKind.GRANT, date(2026, 1, 31), 30, key="grant:2026-01-31")
    with write_tx(pg_engine, pool.id) as conn:
        assert len(append_events(conn, pool.id, [grant, grant], now=NOW)) == 1
    with write_tx(pg_engine, pool.id) as conn:
        assert append_events(conn, pool.id, [grant], now=NOW) == []
    assert [(e.kind, e.amount) for e in events(pg_engine, pool.id)] == [
        (EventKind.OPEN, 30),
        (EventKind.GRANT, 30),
    ]
    again = set_pool(pg_engine, "main", "recruiter_lite", 31, DAY, 12, now=NOW)
    assert again.id == pool.id and [e.amount for e in events(pg_engine, pool.id)] == [12]


def test_the_pool_row_lock_makes_a_second_writer_wait(pg_engine: Engine) -> None:
    pool = set_pool(pg_engine, "main", "sales_navigator_core", 1, DAY, 1, now=NOW)
    with write_tx(pg_engine, pool.id), pg_engine.connect() as other, other.begin():
        other.execute(text("SET LOCAL lock_timeout = '200ms'"))
        with pytest.raises(exc.OperationalError, match="lock timeout"):
            lock_pool(other, pool.id)


def test_a_write_locking_an_unknown_pool_is_a_clear_error(pg_engine: Engine) -> None:
    with pytest.raises(StoreError, match="no credit pool with id 5"), write_tx(pg_engine, 5):
        pass


def test_templates_and_drafts(pg_engine: Engine) -> None:
    class Seed:
        name, channel, subject, body, variant = "Hello", Channel.INMAIL, "Hi", "Hello {x}", ""

    assert seed_templates(pg_engine, [Seed(), Seed()]) == 1
    [template] = list_templates(pg_engine)
    draft = save_draft(
        pg_engine,
        prospect_id=None,
        channel=Channel.INMAIL,
        subject="Hi",
        body="b",
        template_id=template.id,
        now=NOW,
    )
    assert draft.created_at == NOW and draft.template_id == template.id
    assert latest_draft(pg_engine, 1, Channel.INMAIL) is None
