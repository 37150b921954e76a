"""What only PostgreSQL has: the pool's row lock. (Everything else of the store runs on both
backends through the ``engine`` fixture; skipped without ``INMAIL_TUI_TEST_PG_URL``.)"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, exc, text

from inmail_tui.store.pools import set_pool
from inmail_tui.store.tx import lock_pool, write_tx

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
DAY = date(2026, 1, 15)


def test_the_pool_row_lock_makes_a_second_writer_wait(pg_engine: Engine) -> None:
    pool = set_pool(pg_engine, "main", "sales_navigator_core", 1, DAY, 1, now=NOW)
    with write_tx(pg_engine, pool.id), pg_engine.connect() as other, other.begin():
        other.execute(text("SET LOCAL lock_timeout = '200ms'"))
        with pytest.raises(exc.OperationalError, match="lock timeout"):
            lock_pool(other, pool.id)
