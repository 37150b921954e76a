"""The importer: batched merge into the store, all or nothing, dry runs write nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, inspect

from inmail_tui.core.importing import RowError
from inmail_tui.core.model import Degree, ProspectRecord
from inmail_tui.store import prospects as P
from inmail_tui.store.engine import make_engine
from inmail_tui.store.importer import import_records
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.search import install_search

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
DUE = date(2026, 11, 8)


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    ensure_schema(engine)
    with engine.begin() as conn:
        install_search(conn)
    yield engine
    engine.dispose()


def url(n: int) -> str:
    return f"https://www.linkedin.com/in/person-{n}"


def lead(n: int, source: str = "phantombuster", **fields: Any) -> ProspectRecord:
    values: dict[str, Any] = {"first_name": f"First{n}", "last_name": "Last", "company": "Co"}
    values.update(fields)
    return ProspectRecord(url=url(n), source=source, line=n + 2, **values)


def dump(engine: Engine) -> list[tuple[Any, ...]]:
    """Every row of every table (SQLite's search index tables included): the exact content."""
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        return [
            (table, *row)
            for table in sorted(tables)
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1')
        ]


def test_import_adds_then_merges(db: Engine) -> None:
    engine = db
    first = import_records(
        engine, [lead(n) for n in range(10)], source_name="a.csv", now=NOW, batch_size=3
    )
    assert (first.read, first.added, first.updated, first.unchanged) == (10, 10, 0, 0)
    again = import_records(
        engine,
        [lead(n) for n in range(5)] + [lead(n, title="CTO") for n in range(5, 12)],
        source_name="a.csv",
        now=NOW,
        batch_size=4,
    )
    assert (again.read, again.added, again.updated, again.unchanged) == (12, 2, 5, 5)
    with engine.connect() as conn:
        assert P.total(conn) == 12
        row = P.get(conn, url(7))
        assert row is not None and row.title == "CTO" and row.full_name == "First7 Last"


def test_connections_then_lead_list_keeps_first_degree(db: Engine) -> None:
    engine = db
    connections = [lead(n, "connections", degree=Degree.FIRST) for n in range(50)]
    import_records(engine, connections, source_name="Connections.csv", now=NOW)
    leads = [lead(n, degree=Degree.SECOND, open_profile=True) for n in range(40, 90)]
    summary = import_records(engine, leads, source_name="leads.csv", now=NOW)
    assert (summary.added, summary.updated) == (40, 10)
    with engine.connect() as conn:
        assert P.total(conn) == 90
        merged = P.get(conn, url(45))
        assert merged is not None
        assert merged.degree == Degree.FIRST and merged.open_profile
        assert merged.sources == ("connections", "phantombuster")
        assert P.count(conn, P.QueueQuery(tags=("1st",))) == 50


def test_same_person_twice_in_one_file_is_one_prospect(db: Engine) -> None:
    engine = db
    records = [lead(1), lead(2), lead(1, title="CEO"), lead(1, title="CEO")]
    summary = import_records(engine, records, source_name="dupes.csv", now=NOW, batch_size=10)
    assert (summary.added, summary.updated, summary.unchanged) == (2, 1, 1)
    with engine.connect() as conn:
        assert P.total(conn) == 2
        row = P.get(conn, url(1))
        assert row is not None and row.title == "CEO"


def test_row_errors_are_reported_and_the_rest_imports(db: Engine) -> None:
    engine = db
    records: list[ProspectRecord | RowError] = [
        lead(1),
        RowError(3, "no profile URL"),
        lead(2),
        RowError(7, "bad degree"),
    ]
    summary = import_records(engine, records, source_name="x.csv", now=NOW, batch_size=2)
    assert summary.read == 4 and summary.added == 2
    assert summary.errors == [RowError(3, "no profile URL"), RowError(7, "bad degree")]


class Boom(Exception):
    pass


def failing(records: list[ProspectRecord], after: int, error: BaseException) -> Iterator[Any]:
    for index, record in enumerate(records):
        if index == after:
            raise error
        yield record


@pytest.mark.parametrize("error", [Boom("disk on fire"), KeyboardInterrupt()])
def test_failure_mid_import_leaves_the_database_exactly_as_before(
    db: Engine, error: BaseException
) -> None:
    engine = db
    import_records(engine, [lead(n) for n in range(20)], source_name="a.csv", now=NOW)
    before = dump(engine)
    changed = [lead(n, title="Changed") for n in range(10, 40)]  # updates and additions
    with pytest.raises(type(error)):
        import_records(
            engine, failing(changed, 25, error), source_name="b.csv", now=NOW, batch_size=4
        )
    assert dump(engine) == before
    with engine.connect() as conn:  # and the search index did not keep half an import
        assert P.count(conn, P.QueueQuery(search="Changed")) == 0


def test_failing_classifier_rolls_back_too(db: Engine) -> None:
    engine = db
    before = dump(engine)

    def derive(row: Mapping[str, Any]) -> dict[str, Any]:
        if row["url"] == url(7):
            raise Boom("rules engine failed")
        return {"cost_class": "credit", "next_due": None}

    with pytest.raises(Boom):
        import_records(
            engine,
            [lead(n) for n in range(10)],
            source_name="a",
            now=NOW,
            derive=derive,
            batch_size=3,
        )
    assert dump(engine) == before


def test_dry_run_writes_nothing_and_reports_the_same(db: Engine) -> None:
    engine = db
    import_records(engine, [lead(n) for n in range(5)], source_name="a", now=NOW)
    before = dump(engine)
    records = [lead(n, title="VP") for n in range(3, 9)]
    dry = import_records(engine, records, source_name="b", now=NOW, dry_run=True, batch_size=2)
    assert dump(engine) == before
    real = import_records(engine, records, source_name="b", now=NOW, batch_size=2)
    assert (dry.read, dry.added, dry.updated, dry.unchanged) == (6, 4, 2, 0)
    assert (real.read, real.added, real.updated, real.unchanged) == (6, 4, 2, 0)


def test_derive_hook_sets_cost_class_and_due_and_progress_is_reported(
    db: Engine,
) -> None:
    engine = db
    seen: list[int] = []

    def derive(row: Mapping[str, Any]) -> dict[str, Any]:
        free = row["degree"] == Degree.FIRST or row["open_profile"]
        return {"cost_class": "free" if free else "credit", "next_due": DUE if free else None}

    records = [lead(n, open_profile=n % 2 == 0) for n in range(10)]
    import_records(
        engine,
        records,
        source_name="a",
        now=NOW,
        derive=derive,
        progress=seen.append,
        batch_size=4,
    )
    assert seen == [4, 8, 10]
    with engine.connect() as conn:
        assert P.summary(conn) == P.Summary(free=5, credit=5, blocked=0, strong_fit_credit=0)
        due = P.page(conn, P.QueueQuery(sort="due", descending=False), None, 5)
        assert [row.next_due for row in due.rows] == [DUE] * 5
    # a later import without the hook keeps the stored derived columns
    import_records(engine, [lead(0, title="x")], source_name="b", now=NOW)
    with engine.connect() as conn:
        row = P.get(conn, url(0))
        assert row is not None and (row.cost_class, row.next_due) == ("free", DUE)


def test_hostile_text_is_stored_exactly(db: Engine) -> None:
    engine = db
    hostile = "[bold red]Mallory[/bold red]\x1b[2J 'o\"; DROP TABLE prospect;-- \u202eevil %_\\"
    import_records(
        engine,
        [lead(1, full_name=hostile, company=hostile, notes=hostile, user_tags=("a%b",))],
        source_name="h",
        now=NOW,
    )
    with engine.connect() as conn:
        row = P.get(conn, url(1))
        assert row is not None
        assert (row.full_name, row.company, row.notes) == (hostile, hostile, hostile)
        assert row.user_tags == ("a%b",)
        assert P.count(conn, P.QueueQuery(search="[bold red]")) == 1
        assert P.count(conn, P.QueueQuery(search='o"; DROP')) == 1
        assert P.count(conn, P.QueueQuery(search="%_\\")) == 1
        assert P.count(conn, P.QueueQuery(tags=("a%b",))) == 1
        assert P.count(conn, P.QueueQuery(tags=("a_b",))) == 0
