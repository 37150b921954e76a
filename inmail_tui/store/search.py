"""Full-text search over prospects: substring matches that stay fast on a million rows.

SQLite: an FTS5 table with the ``trigram`` tokenizer, external content over ``prospect`` (the
text is not stored twice), kept in sync by triggers. A trigram index answers a substring query
of 3+ characters from the index alone, including one that matches nothing (a ``LIKE '%x%'``
would scan the whole table first).

PostgreSQL: ``ILIKE`` over the same columns, backed by a ``pg_trgm`` GIN index on the same
expression when the extension can be installed; without it the search still works, by a scan.

Queries shorter than 3 characters (a trigram needs 3) fall back to a prefix match on the sort
name and the company.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    text,
)
from sqlalchemy.exc import DBAPIError

SEARCH_COLUMNS = ("full_name", "company", "title", "email", "url", "user_tags", "notes")
FTS_TABLE = "prospect_search"
MIN_TRIGRAM = 3

_cols = ", ".join(SEARCH_COLUMNS)
_new = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
_old = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)
_changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in SEARCH_COLUMNS)
_INSERT_TRIGGER = f"{FTS_TABLE}_ai"  # dropped for a bulk insert (new_rows_indexed_in_bulk)

_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_cols}, "
    "content='prospect', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {_INSERT_TRIGGER} AFTER INSERT ON prospect BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON prospect BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON prospect "
    f"WHEN {_changed} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_cols}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_cols}) VALUES (new.id, {_new}); END",
)

# PostgreSQL: one text expression over the searchable columns; the GIN index is on exactly this.
PG_SEARCH_EXPR = "(" + " || ' ' || ".join(f"prospect.{c}" for c in SEARCH_COLUMNS) + ")"
_PG_TRGM_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'pg_trgm'"
)


PG_TRGM_INDEX = "ix_prospect_search_trgm"


def is_search_object(name: str | None) -> bool:
    """Whether a schema object belongs to the search index (managed here, not by the models)."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name == PG_TRGM_INDEX)


def install_search(conn: Connection) -> None:
    """Create the search index for this database (idempotent); call it after ``create_all``."""
    if conn.dialect.name == "sqlite":
        existed = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
        ).first()
        for statement in _SQLITE_DDL:
            conn.exec_driver_sql(statement)
        if existed is None:
            rebuild_search(conn)  # rows already in the table get indexed too
    elif conn.dialect.name == "postgresql":
        _install_pg_trgm(conn)


def _install_pg_trgm(conn: Connection) -> None:
    """The trigram index if ``pg_trgm`` is (or can be made) available; nothing otherwise."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema = conn.exec_driver_sql(_PG_TRGM_SCHEMA).scalar_one()
            opclass = conn.dialect.identifier_preparer.quote_schema(schema) + ".gin_trgm_ops"
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {PG_TRGM_INDEX} ON prospect "
                f"USING gin ({PG_SEARCH_EXPR} {opclass})"
            )
    except DBAPIError:
        return  # no privilege or no contrib package: ILIKE still works, by a scan


_MAX_ID = "SELECT coalesce(max(id), 0) FROM prospect"


@contextmanager
def new_rows_indexed_in_bulk(conn: Connection) -> Iterator[Callable[[Iterable[int]], None]]:
    """Inside a write transaction: the prospects added in the block are indexed by one
    statement when it ends, not by the insert trigger row by row.

    SQLite: the insert trigger is dropped, the search table is filled from the rows added since
    the block began (``INSERT ... SELECT ... WHERE id > :last``) when the block ends, and the
    trigger is created again, from its own stored SQL. The function the block is given must be
    called with the ids of the rows about to be updated, before each update: when one of them
    was added in the block and is not indexed yet, the rows added so far are indexed first (the
    update trigger deletes what the index holds of a row, so it must hold it). All of it runs
    in the caller's write transaction, which must roll back on an error (``write_tx`` does):
    SQLite's DDL is transactional, so no other connection ever sees the trigger missing, and
    the rollback brings the trigger back with the rows gone. (Not a savepoint: SQLite rolls
    back a whole transaction that fills the disk, and the savepoint's own rollback would then
    fail and hide why.) PostgreSQL's trigram index is an index the server keeps: nothing to do
    there.
    """
    trigger = None
    if conn.dialect.name == "sqlite":
        trigger = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (_INSERT_TRIGGER,),
        ).scalar()
    if trigger is None:  # PostgreSQL, or no search index in this database
        yield lambda ids: None
        return
    last = [conn.exec_driver_sql(_MAX_ID).scalar_one()]

    def index_new() -> None:
        conn.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, {_cols}) "
            f"SELECT id, {_cols} FROM prospect WHERE id > ?",
            (last[0],),
        )
        last[0] = conn.exec_driver_sql(_MAX_ID).scalar_one()

    def before_update(ids: Iterable[int]) -> None:
        if max(ids, default=0) > last[0]:
            index_new()

    conn.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    yield before_update
    index_new()
    conn.exec_driver_sql(trigger)


def rebuild_search(conn: Connection) -> None:
    """Re-index every prospect (after a bulk load that bypassed the triggers)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def fts_phrase(query: str) -> str:
    """``query`` as an FTS5 phrase: matched literally, whatever characters it holds."""
    return '"' + query.replace('"', '""') + '"'


def like_escape(value: str) -> str:
    """``value`` with LIKE's wildcards escaped (escape character ``\\``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


Col = Callable[[str], ColumnElement[Any]]


def fts_rowids(match: str, col: Col) -> ColumnElement[bool]:
    """``prospect.id IN`` the rows whose search index matches an FTS5 ``match`` expression."""
    rowids = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q")
    return col("id").in_(
        rowids.bindparams(bindparam("fts_q", match, unique=True)).columns(column("rowid"))
    )


def search_predicate(dialect: str, query: str, col: Col) -> ColumnElement[bool] | None:
    """The WHERE condition for a search box's text, or None when there is nothing to search.

    ``col`` maps a prospect column's name to the expression to use for it.
    """
    query = query.strip()
    if not query:
        return None
    if len(query) < MIN_TRIGRAM:
        pattern = like_escape(query.casefold()) + "%"
        return or_(
            col("sort_name").like(bindparam("prefix_q", pattern, unique=True), escape="\\"),
            func.lower(col("company")).like(
                bindparam("prefix_q", pattern, unique=True), escape="\\"
            ),
        )
    if dialect == "sqlite":
        return fts_rowids(fts_phrase(query), col)
    pattern = "%" + like_escape(query) + "%"
    return literal_column(PG_SEARCH_EXPR).ilike(
        bindparam("search_q", pattern, unique=True), escape="\\"
    )
