"""What only PostgreSQL has: the pool's row lock. (Everything else of the store runs on both
backends through the ``engine`` fixture; skipped without ``INMAIL_TUI_TEST_PG_URL``.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Connection, Engine, exc, text

from inmail_tui.store.engine import make_engine
from inmail_tui.store.notify import WATCHED_TABLES
from inmail_tui.store.pools import set_pool
from inmail_tui.store.schema import META, ensure_schema
from inmail_tui.store.tx import lock_pool, write_tx

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
DAY = date(2026, 1, 15)


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


def test_the_migrations_notify_on_every_watched_table(pg_url: str) -> None:
    engine = make_engine(pg_url)
    with write_tx(engine) as conn:
        META.create(conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '0')"))
    ensure_schema(engine)  # the baseline, then every revision
    with engine.connect() as conn:
        assert notify_triggers(conn) == sorted(WATCHED_TABLES)
    engine.dispose()


def test_the_pool_row_lock_makes_a_second_writer_wait(pg_engine: Engine) -> None:
    pool = set_pool(pg_engine, "main", "sales_navigator_core", 1, DAY, 1, now=NOW)
    with write_tx(pg_engine, pool.id), pg_engine.connect() as other, other.begin():
        other.execute(text("SET LOCAL lock_timeout = '200ms'"))
        with pytest.raises(exc.OperationalError, match="lock timeout"):
            lock_pool(other, pool.id)
