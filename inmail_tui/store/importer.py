"""Writing imported records into the store: one transaction, batched Core statements.

``import_records`` reads a stream of ``ProspectRecord | RowError`` (what the file readers
yield), merges each record into the stored prospect with the same URL (``core.merge``), and
writes in batches: the existing rows of a batch are fetched with one ``IN`` query, new rows go
in with one ``executemany`` INSERT and changed rows with one ``executemany`` UPDATE
(``store.bulk``). The search index takes the import's new rows in one statement at its end, not
row by row through its insert trigger (``search.new_rows_indexed_in_bulk``; earlier only when a
batch updates a row an earlier batch added). The whole import is ONE
transaction: an exception anywhere, a ``KeyboardInterrupt`` included, leaves the database
exactly as it was, its search trigger included.

A dry run takes no write lock, so ``sent`` or ``balance`` in another window go on while it reads
a big file: it runs in a read transaction and writes the rows it would write into a temporary
table of its own connection (a scratch table, in SQLite's separate temp database or
PostgreSQL's session schema), where later batches find them as an import finds the rows it
wrote; the transaction is rolled back, so the scratch table goes with it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from inmail_tui.core.importing import RowError
from inmail_tui.core.merge import MERGED_COLUMNS, merge_record
from inmail_tui.core.model import ProspectRecord
from inmail_tui.store.bulk import execute_many
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.search import new_rows_indexed_in_bulk
from inmail_tui.store.tx import dry_tx, write_tx

# The planner's derived columns of a merged row: cost_class and next_due.
Derive = Callable[[Mapping[str, Any]], Mapping[str, Any]]
Progress = Callable[[int], None]
# Called with the ids of the rows a batch is about to update (``new_rows_indexed_in_bulk``).
BeforeUpdate = Callable[[Iterable[int]], None]

_t = PROSPECT
# What the importer reads, compares and writes: the merged columns and the derived ones.
_WRITTEN = (*MERGED_COLUMNS, "cost_class", "next_due")
_written = itemgetter(*_WRITTEN)
_INSERTED = (*_WRITTEN, "created_at", "updated_at")
_EXISTING = select(_t.c.id, *(_t.c[name] for name in _WRITTEN))
_UPDATE = (
    update(_t)
    .where(_t.c.id == bindparam("b_id"))
    .values({name: bindparam(f"b_{name}") for name in (*_WRITTEN, "updated_at")})
)


@dataclass(slots=True)
class ImportSummary:
    """What an import did. ``read`` = ``added + updated + unchanged + len(errors)``: a record
    that changes nothing (already known, same data) is unchanged."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_records(
    engine: Engine,
    records: Iterable[ProspectRecord | RowError],
    *,
    source_name: str,
    now: datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_size: int = 2000,
    derive: Derive | None = None,
) -> ImportSummary:
    """Merge ``records`` into the prospects, all or nothing; returns what it did (or would do).

    ``source_name`` names the file for messages; each record carries its own source format.
    ``derive`` (the rules engine's view of a merged row) fills ``cost_class`` and ``next_due``;
    ``progress`` is called with the number of rows read after every batch.
    """
    summary = ImportSummary()
    if dry_run:
        with dry_tx(engine) as conn:
            _SCRATCH.create(conn)
            _import_all(conn, records, summary, now, derive, progress, batch_size, _SCRATCH)
    else:
        with write_tx(engine) as conn, new_rows_indexed_in_bulk(conn) as index_new:
            _import_all(conn, records, summary, now, derive, progress, batch_size, index_new)
    return summary


def merge_records(
    conn: Connection,
    records: Iterable[ProspectRecord | RowError],
    *,
    now: datetime,
    dry_run: bool = False,
    derive: Derive | None = None,
) -> ImportSummary:
    """``import_records`` inside the caller's transaction (an import of several files at once,
    such as LinkedIn's data archive). A dry run writes into its scratch table only: the caller's
    transaction must be one that is rolled back (``dry_tx``)."""
    summary = ImportSummary()
    if dry_run:
        _SCRATCH.create(conn, checkfirst=True)
        _import_all(conn, records, summary, now, derive, None, 2000, _SCRATCH)
    else:
        with new_rows_indexed_in_bulk(conn) as index_new:
            _import_all(conn, records, summary, now, derive, None, 2000, index_new)
    return summary


# A dry run's rows "as written": url -> the merged row (pickled; the table lives and dies in the
# dry run's own transaction, on its own connection).
_SCRATCH = Table(
    "inmail_dry_run",
    MetaData(),
    Column("url", String, primary_key=True),
    Column("row", LargeBinary, nullable=False),
    prefixes=["TEMPORARY"],
)


def _import_all(
    conn: Connection,
    records: Iterable[ProspectRecord | RowError],
    summary: ImportSummary,
    now: datetime,
    derive: Derive | None,
    progress: Progress | None,
    batch_size: int,
    into: Table | BeforeUpdate,
) -> None:
    """``into``: the dry run's scratch table, or the function called with the ids of the rows
    about to be updated (the search index then takes the new rows it does not hold yet)."""
    iterator = iter(records)
    while batch := list(islice(iterator, batch_size)):
        _import_batch(conn, batch, summary, now, derive, into)
        if progress is not None:
            progress(summary.read)


def _import_batch(
    conn: Connection,
    batch: list[ProspectRecord | RowError],
    summary: ImportSummary,
    now: datetime,
    derive: Derive | None,
    into: Table | BeforeUpdate,
) -> None:
    scratch = into if isinstance(into, Table) else None
    urls = {item.url for item in batch if isinstance(item, ProspectRecord)}
    stored: dict[str, dict[str, Any]] = {}
    if urls and scratch is not None:
        query = select(scratch.c.url, scratch.c.row).where(scratch.c.url.in_(urls))
        stored = {url: pickle.loads(row) for url, row in conn.execute(query)}
    if urls - stored.keys():
        found = conn.execute(_EXISTING.where(_t.c.url.in_(urls - stored.keys())))
        names = list(found.keys())
        for values in found.all():  # (fetched at once: iterating fetches row by row)
            row = dict(zip(names, values, strict=True))
            stored[row["url"]] = row
    pending: dict[str, dict[str, Any]] = {}  # url -> row to write (new or changed)
    for item in batch:
        summary.read += 1
        if isinstance(item, RowError):
            summary.errors.append(item)
            continue
        before = pending.get(item.url) or stored.get(item.url)
        after = merge_record(before, item)
        after["id"] = None if before is None else before["id"]
        after["next_due"] = None if before is None else before["next_due"]
        after["cost_class"] = "" if before is None else before["cost_class"]
        if derive is not None:
            after.update(derive(after))
        if before is None:
            summary.added += 1
        elif _written(after) != _written(before):
            summary.updated += 1
        else:
            summary.unchanged += 1
            continue
        pending[item.url] = after
    if scratch is None:
        assert not isinstance(into, Table)
        _write(conn, pending.values(), now, into)
    elif pending:
        conn.execute(delete(scratch).where(scratch.c.url.in_(pending.keys())))
        rows = [{"url": url, "row": pickle.dumps(row)} for url, row in pending.items()]
        conn.execute(insert(scratch), rows)


def _write(
    conn: Connection, rows: Iterable[dict[str, Any]], now: datetime, before_update: BeforeUpdate
) -> None:
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        if row["id"] is None:  # written as it is: its ``_INSERTED`` columns only
            row["created_at"] = row["updated_at"] = now
            new.append(row)
        else:
            values = {f"b_{name}": row[name] for name in _WRITTEN}
            values["b_id"] = row["id"]
            values["b_updated_at"] = now
            changed.append(values)
    execute_many(conn, insert(_t), new, _INSERTED)
    if changed:
        before_update(values["b_id"] for values in changed)
        execute_many(conn, _UPDATE, changed)
