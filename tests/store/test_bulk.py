"""``store.bulk.execute_many`` stores what SQLAlchemy's own ``executemany`` stores: the same rows
read back, every column type the importer and the archive write (text, booleans, integers,
dates, NULLs, the UTC timestamps), for an INSERT and an UPDATE with ``bindparam``s."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update

from inmail_tui.core.merge import DEFAULTS
from inmail_tui.store.bulk import execute_many
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import TOUCH

PREFIX = "https://www.linkedin.com/in/"
NOW = datetime(2026, 11, 1, 9, 30, 15, 123456, tzinfo=UTC)


def prospect(index: int, prefix: str) -> dict[str, Any]:
    return {
        **DEFAULTS,
        "url": f"https://www.linkedin.com/in/{prefix}-{index}",
        "full_name": f"Ann «{index}» O'Neil",
        "email_verified": index % 2 == 0,
        "premium": index % 3 == 0,
        "accepts_inmail": index % 4 != 0,
        "degree": index % 4,
        "priority": 1 + index % 5,
        "status_on": date(2026, 10, 1 + index) if index % 2 else None,
        "connected_on": date(2025, 1, 1 + index),
        "extra": '{"note": "x"}',
        "cost_class": "credit",
        "next_due": None if index % 3 else date(2026, 12, 1),
        "created_at": NOW,
        "updated_at": NOW,
    }


def stored(engine: Engine, prefix: str) -> list[tuple[Any, ...]]:
    columns = [c for c in PROSPECT.c if c.name not in ("id", "url")]
    with engine.connect() as conn:
        query = select(*columns).where(PROSPECT.c.url.like(f"%/{prefix}-%"))
        return [tuple(row) for row in conn.execute(query.order_by(PROSPECT.c.url))]


def test_inserts_and_updates_store_what_sqlalchemy_stores(engine: Engine) -> None:
    with engine.begin() as conn:
        execute_many(conn, insert(PROSPECT), [prospect(i, "bulk") for i in range(6)])
        conn.execute(insert(PROSPECT), [prospect(i, "orm") for i in range(6)])
    assert stored(engine, "bulk") == stored(engine, "orm")
    assert len(stored(engine, "bulk")) == 6

    change = (
        update(PROSPECT)
        .where(PROSPECT.c.url == bindparam("b_url"))
        .values(
            status=bindparam("b_status"),
            status_on=bindparam("b_on"),
            blocked=bindparam("b_blocked"),
            updated_at=bindparam("b_at"),
        )
    )

    def changes(prefix: str) -> list[dict[str, Any]]:
        return [
            {
                "b_url": f"https://www.linkedin.com/in/{prefix}-{i}",
                "b_status": "replied",
                "b_on": date(2026, 11, 20 + i),
                "b_blocked": i == 2,
                "b_at": datetime(2026, 11, 2, tzinfo=UTC),
            }
            for i in range(0, 6, 2)
        ]

    with engine.begin() as conn:
        execute_many(conn, change, changes("bulk"))
        conn.execute(change, changes("orm"))
    assert stored(engine, "bulk") == stored(engine, "orm")


def test_rows_leaving_out_a_column_get_its_default_as_sqlalchemy_gives_it(engine: Engine) -> None:
    with engine.begin() as conn:
        stamps = {"created_at": NOW, "updated_at": NOW}
        execute_many(conn, insert(PROSPECT), [{"url": f"{PREFIX}bulk-0", **stamps}])
        conn.execute(insert(PROSPECT), [{"url": f"{PREFIX}orm-0", **stamps}])
        ids = {row.url: row.id for row in conn.execute(select(PROSPECT.c.url, PROSPECT.c.id))}
        touches = [
            {"prospect_id": ids[url], "kind": "inmail_sent", "on": date(2026, 11, 3), "note": ""}
            for url in sorted(ids)
        ]
        execute_many(conn, insert(TOUCH), touches[:1])
        conn.execute(insert(TOUCH), touches[1:])
        kept = conn.execute(select(TOUCH).order_by(TOUCH.c.id)).all()
    assert stored(engine, "bulk") == stored(engine, "orm")
    assert [row[2:] for row in kept[:1]] == [row[2:] for row in kept[1:]]


def test_rows_holding_more_keys_than_the_columns_named_store_those_columns(engine: Engine) -> None:
    """The importer hands its merged rows as they are (an ``id`` of None among their keys) and
    names the columns to write: the rows stored are the ones the named columns alone give, on
    SQLite's tuple path and on SQLAlchemy's own (PostgreSQL), and on the path that computes a
    default (a column left out)."""
    rows = [prospect(i, "bulk") for i in range(4)]
    names = list(rows[0])
    fewer = [name for name in names if name != "priority"]
    with engine.begin() as conn:
        execute_many(
            conn, insert(PROSPECT), [{**row, "id": None, "junk": 1} for row in rows], names
        )
        conn.execute(insert(PROSPECT), [prospect(i, "orm") for i in range(4)])
        some = [{**prospect(i, "few"), "id": None} for i in range(4)]
        execute_many(conn, insert(PROSPECT), some, fewer)
    assert stored(engine, "bulk") == stored(engine, "orm")
    with engine.connect() as conn:
        few = select(PROSPECT.c.priority).where(PROSPECT.c.url.like("%/few-%"))
        assert sorted(conn.execute(few).scalars()) == [3, 3, 3, 3]  # the column's default
    assert {row["priority"] for row in some} != {3}
