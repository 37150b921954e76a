"""``store.driver_rows``: statements run on the driver's own connection give what SQLAlchemy's
own execution gives, refuse a missing value, and report the driver's errors as SQLAlchemy does
(so the store's error sentences still apply)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, Integer, bindparam, exc, insert, select, text

from inmail_tui.store import driver_rows
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.tx import read_session, write_tx

NOW = datetime(2026, 1, 15, 12, tzinfo=UTC)
_p = PROSPECT.c
# dates and booleans (converted from SQLite's text and integers), an expanding IN list
STATEMENT = (
    select(_p.id, _p.url, _p.status_on, _p.blocked, _p.email != "")
    .where(_p.priority >= bindparam("fit", type_=Integer))
    .where(_p.id.not_in(bindparam("left_out", expanding=True)))
    .order_by(_p.id)
)


def _fill(engine: Engine) -> None:
    rows = [
        {
            "url": f"https://www.linkedin.com/in/p-{n}",
            "full_name": f"P {n}",
            "priority": n % 5 + 1,
            "status_on": date(2026, 1, n + 1) if n % 2 else None,
            "blocked": n % 3 == 0,
            "email": "" if n % 2 else f"p{n}@example.com",
            "created_at": NOW,
            "updated_at": NOW,
        }
        for n in range(20)
    ]
    with write_tx(engine) as conn:
        conn.execute(insert(PROSPECT), rows)


def test_the_rows_are_sqlalchemys_own(engine: Engine) -> None:
    """On SQLite by the driver, on PostgreSQL by SQLAlchemy: the same tuples, the same types."""
    _fill(engine)
    values = {"fit": 3, "left_out": [3, 4]}  # 12 rows of fit 3 or more, 2 of them left out
    with read_session(engine) as conn:
        ours = driver_rows.rows(conn, STATEMENT, values)
        theirs = [tuple(row) for row in conn.execute(STATEMENT, values)]
    assert ours == theirs
    assert len(ours) == 10
    assert {type(row[2]) for row in ours} == {date, type(None)}
    assert {type(row[3]) for row in ours} == {type(row[4]) for row in ours} == {bool}


@pytest.mark.sqlite_only("the driver's own path is SQLite's")
def test_a_missing_value_is_refused_not_read_as_null(engine: Engine) -> None:
    compiled = driver_rows.kept(STATEMENT.limit(bindparam("most", type_=Integer)), engine.dialect)
    with read_session(engine) as conn, pytest.raises(ValueError, match="most"):
        compiled.stored(conn, {"fit": 1, "left_out": []})


@pytest.mark.sqlite_only("the driver's own path is SQLite's")
def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(engine: Engine) -> None:
    """A table gone under a compiled statement: the driver's error, as ``DBAPIError``."""
    compiled = driver_rows.Compiled(STATEMENT, engine.dialect)
    with write_tx(engine) as conn:
        conn.execute(text("ALTER TABLE prospect RENAME TO prospect_gone"))
    with read_session(engine) as conn, pytest.raises(exc.OperationalError, match="no such table"):
        compiled.stored(conn, {"fit": 1, "left_out": []})
