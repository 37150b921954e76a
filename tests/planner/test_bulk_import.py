"""Big imports index their new prospects in bulk (``store.search.new_rows_indexed_in_bulk``):
searches through ``planner.queue`` find what a row-by-row index finds, an import that fails
half-way leaves no rows and the search trigger in place, and another connection never sees the
trigger missing while an import runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from inmail_tui.core.archive.synthetic import synthetic_archive
from inmail_tui.core.importing.synthetic import SyntheticPerson, people, phantombuster_csv
from inmail_tui.planner import Planner
from inmail_tui.planner.archive_summary import ArchiveResult
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.planner.transfer import ImportResult
from inmail_tui.settings import Settings
from inmail_tui.store.search import FTS_TABLE

TODAY = date(2026, 1, 15)
ROWS = 2_600  # more than one batch of the importer (2,000)
TRIGGER = f"{FTS_TABLE}_ai"


@pytest.fixture
def db(db_url: str) -> str:
    Planner.open(db_url, TODAY, Settings()).credits.set_plan("sales_navigator_core", balance=10)
    return db_url


def planner_on(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def lead_file(tmp_path: Path, persons: list[SyntheticPerson], name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(phantombuster_csv(persons), "utf-8")
    return path


def found(planner: Planner, search: str) -> set[str]:
    return {item.row.url for item in planner.queue.iter_items(QueueQuery(search=search))}


def trigger_sql(path: str) -> str | None:
    with sqlite3.connect(path) as raw:
        row = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (TRIGGER,)).fetchone()
    return None if row is None else str(row[0])


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs while the test does."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_searches_find_each_imported_name_and_a_name_changed_in_a_later_batch(
    db: str, tmp_path: Path
) -> None:
    persons = people(ROWS, seed=7)
    first = persons[0]
    renamed = replace(first, last_name="Zzyxwvutsrenamed")
    result = planner_on(db).transfer.import_file(lead_file(tmp_path, [*persons, renamed]))
    assert isinstance(result, ImportResult)
    assert (result.added, result.updated) == (ROWS, 1)  # the renamed row: a later batch
    planner = planner_on(db)
    assert found(planner, "Zzyxwvutsrenamed") == {first.url}
    assert first.url not in found(planner, first.full_name)
    # Every 97th person (ASCII names: the search folds ASCII case only) by name and by slug.
    for person in persons[1::97]:
        if person.full_name.isascii():
            assert person.url in found(planner, person.full_name), person
        assert person.url in found(planner, person.slug)
        assert person.url in found(planner, person.url)  # a whole URL: searched as its slug


@pytest.mark.sqlite_only("FTS5: the bulk-filled index against the one SQLite rebuilds itself")
def test_the_index_filled_in_bulk_is_the_index_sqlite_rebuilds(db: str, tmp_path: Path) -> None:
    persons = people(ROWS, seed=3)
    planner_on(db).transfer.import_file(lead_file(tmp_path, persons[:100], "few.csv"))
    changed = [replace(p, company="Quuxbridge") for p in persons[:50]]
    planner_on(db).transfer.import_file(lead_file(tmp_path, [*persons, *changed]))
    queries = [
        "Quuxbridge",
        *(p.last_name for p in persons[::50]),
        *(p.slug for p in persons[::90]),
        *(p.url for p in persons[::90]),
    ]
    before = {query: found(planner_on(db), query) for query in queries}
    assert before["Quuxbridge"] == {p.url for p in persons[:50]}
    path = db
    with sqlite3.connect(path) as raw:
        raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
        raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    assert {query: found(planner_on(db), query) for query in queries} == before


def test_an_error_half_way_leaves_no_rows_and_the_search_trigger(
    db: str, tmp_path: Path, statements: list[str]
) -> None:
    trigger = trigger_sql(db) if "://" not in db else None

    def fail(done: int, total: int) -> None:
        raise RuntimeError("interrupted after the first batch")

    with pytest.raises(RuntimeError):
        planner_on(db).transfer.import_file(lead_file(tmp_path, people(ROWS, 5)), progress=fail)
    assert planner_on(db).queue.total() == 0
    if trigger is not None:
        assert f"DROP TRIGGER {TRIGGER}" in statements  # the bulk path ran, then rolled back
        assert trigger_sql(db) == trigger
    few = people(3, seed=6)
    planner_on(db).transfer.import_file(lead_file(tmp_path, few, "few.csv"))
    assert few[0].url in found(planner_on(db), few[0].slug)  # new rows are indexed again


@pytest.mark.sqlite_only("SQLite's schema as another connection sees it during the import")
def test_another_connection_never_sees_the_trigger_missing(
    db: str, tmp_path: Path, statements: list[str]
) -> None:
    path = db
    trigger = trigger_sql(path)
    assert trigger is not None
    seen: list[tuple[str | None, int]] = []

    def look(done: int, total: int) -> None:  # after each batch, inside the import's transaction
        assert f"DROP TRIGGER {TRIGGER}" in statements
        with sqlite3.connect(path) as raw:
            count = raw.execute("SELECT count(*) FROM prospect").fetchone()[0]
        seen.append((trigger_sql(path), count))

    planner_on(db).transfer.import_file(lead_file(tmp_path, people(ROWS, 4)), progress=look)
    assert len(seen) >= 2
    assert seen[0] == (trigger, 0)
    assert all(sql == trigger for sql, _ in seen)
    assert trigger_sql(path) == trigger
    assert planner_on(db).queue.total() == ROWS


def test_an_archive_import_stores_what_deriving_again_gives_and_indexes_its_people(
    db: str, tmp_path: Path
) -> None:
    """The archive's people are written in bulk, moved and derived in one pass: the stored
    statuses and derived columns are what deriving every prospect again gives, and every new
    person is found by name."""
    today = date(2026, 12, 1)
    made = synthetic_archive(messages=2500, invitations=400, seed=9)
    source = made.write_zip(tmp_path / "Complete_LinkedInDataExport_12-01-2026.zip")
    planner = Planner.open(db, today, Settings())
    result = planner.transfer.import_file(source)
    assert isinstance(result, ArchiveResult) and result.prospects_added > 500

    def stored() -> dict[str, tuple[Any, ...]]:
        items = Planner.open(db, today, Settings()).queue.iter_items(QueueQuery())
        return {
            i.row.url: (i.row.status, i.row.status_on, i.row.cost_class, i.row.next_due)
            for i in items
        }

    imported = stored()
    assert len(imported) == result.prospects_added
    assert len({status for status, *_ in imported.values()}) > 2  # moved by the touches
    Planner.open(db, today, Settings())._derivation.refresh_all()  # the one place, from scratch
    assert stored() == imported
    names = {i.row.url: i.row.full_name for i in planner.queue.iter_items(QueueQuery())}
    for url, name in list(names.items())[::40]:
        if name.isascii() and len(name) >= 3:
            assert url in found(planner, name), name
    if "://" not in db:
        with sqlite3.connect(db) as raw:
            raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
