"""Full-text search over prospects: substring matches that stay fast on a million rows.

SQLite: an FTS5 table with the ``trigram`` tokenizer, external content over ``prospect`` (the
text is not stored twice), kept in sync by triggers. A trigram index answers a substring query
of 3+ characters from the index alone, including one that matches nothing (a ``LIKE '%x%'``
would scan the whole table first).

What SQLite indexes of a prospect (schema version 5) is two texts: ``SEARCH_COLUMNS`` but the
tags joined by spaces, as PostgreSQL searches them, then the tags. The profile URL is indexed as
its slug: without the ``https://www.linkedin.com/in/`` every URL shares, which was a third of
the index. The index's content is the view ``prospect_search_content``, which declares the
texts once: the triggers,
the bulk fill, FTS5's own ``rebuild`` and ``integrity-check`` all read the same values. On
1,000,000 prospects the index went from 431 MB (1.65x the prospect table) to 208 MB (0.79x):
``bench/db_size.py``. A profile URL typed in the search box, in any spelling ``core.urls``
accepts or as its path ``/in/<slug>``, is searched as its slug (both backends).

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

from inmail_tui.core.urls import PROFILE_PREFIX, normalize_profile_url

SEARCH_COLUMNS = ("full_name", "company", "title", "email", "url", "user_tags", "notes")
FTS_TABLE = "prospect_search"
MIN_TRIGRAM = 3

CONTENT_VIEW = f"{FTS_TABLE}_content"  # what the index holds of each prospect
SEARCH_TEXT = "searchable"  # the index's first column: the searchable columns but the tags
TAG_COLUMN = "user_tags"  # the second: the tag filter matches in it alone (store.queue_query)
_INDEX_COLUMNS = f"{SEARCH_TEXT}, {TAG_COLUMN}"
_INSERT_TRIGGER = f"{FTS_TABLE}_ai"  # dropped for a bulk insert (new_rows_indexed_in_bulk)
_TRIGGERS = (_INSERT_TRIGGER, f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au")
_joined = " || ' ' || ".join  # searchable columns as one text (both backends)


def _slug(url: str) -> str:
    """The SQL of ``url`` without ``PROFILE_PREFIX`` (every stored URL has it: core.urls)."""
    cut = len(PROFILE_PREFIX)
    return (
        f"CASE WHEN substr({url}, 1, {cut}) = '{PROFILE_PREFIX}' "
        f"THEN substr({url}, {cut + 1}) ELSE {url} END"
    )


def indexed(row: str = "") -> str:
    """The SQL of the values SQLite indexes for a prospect, one per column of the index (``row``:
    ``new.`` or ``old.`` in a trigger, nothing in the content view): ``SEARCH_COLUMNS`` but the
    tags joined by spaces, as PostgreSQL's ``PG_SEARCH_EXPR`` joins them, with the URL as its
    slug (without ``PROFILE_PREFIX``); then the tags."""
    text = _joined(
        _slug(f"{row}{c}") if c == "url" else f"{row}{c}" for c in SEARCH_COLUMNS if c != TAG_COLUMN
    )
    return f"{text}, {row}{TAG_COLUMN}"


_changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in SEARCH_COLUMNS)
_remove_old = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_INDEX_COLUMNS}) "
    f"VALUES ('delete', old.id, {indexed('old.')});"
)
_add_new = f"INSERT INTO {FTS_TABLE}(rowid, {_INDEX_COLUMNS}) VALUES (new.id, {indexed('new.')});"

# Index the prospects of the content view (a WHERE clause may follow): the bulk fill.
INDEX_ROWS = (
    f"INSERT INTO {FTS_TABLE}(rowid, {_INDEX_COLUMNS}) "
    f"SELECT id, {_INDEX_COLUMNS} FROM {CONTENT_VIEW}"
)

# Two columns, not one per searchable column: FTS5 marks a term's positions in any column but
# the first with the column's number (2 bytes for each term of each prospect), which was about
# a quarter of the index; the tags are few. columnsize=0: no per-prospect sizes (only ranking
# reads them; the search keeps the queue's order).
_SQLITE_DDL = (
    f"CREATE VIEW IF NOT EXISTS {CONTENT_VIEW}(id, {_INDEX_COLUMNS}) AS "
    f"SELECT id, {indexed()} FROM prospect",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_INDEX_COLUMNS}, "
    f"content='{CONTENT_VIEW}', content_rowid='id', tokenize='trigram', columnsize=0)",
    f"CREATE TRIGGER IF NOT EXISTS {_INSERT_TRIGGER} AFTER INSERT ON prospect BEGIN {_add_new} END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON prospect BEGIN {_remove_old} END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON prospect "
    f"WHEN {_changed} BEGIN {_remove_old} {_add_new} END",
)

# Schema versions 1 to 4 (frozen: revision 0001 installs it, 0005's downgrade restores it): the
# columns as stored, URL and all, with ``prospect`` itself as the content.
SQLITE_DDL_V1 = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS prospect_search USING fts5(full_name, company, title, "
    "email, url, user_tags, notes, content='prospect', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS prospect_search_ai AFTER INSERT ON prospect BEGIN INSERT INTO "
    "prospect_search(rowid, full_name, company, title, email, url, user_tags, notes) VALUES "
    "(new.id, new.full_name, new.company, new.title, new.email, new.url, new.user_tags, "
    "new.notes); END",
    "CREATE TRIGGER IF NOT EXISTS prospect_search_ad AFTER DELETE ON prospect BEGIN INSERT INTO "
    "prospect_search(prospect_search, rowid, full_name, company, title, email, url, user_tags, "
    "notes) VALUES ('delete', old.id, old.full_name, old.company, old.title, old.email, "
    "old.url, old.user_tags, old.notes); END",
    "CREATE TRIGGER IF NOT EXISTS prospect_search_au AFTER UPDATE ON prospect WHEN old.full_name "
    "IS NOT new.full_name OR old.company IS NOT new.company OR old.title IS NOT new.title OR "
    "old.email IS NOT new.email OR old.url IS NOT new.url OR old.user_tags IS NOT "
    "new.user_tags OR old.notes IS NOT new.notes BEGIN INSERT INTO prospect_search("
    "prospect_search, rowid, full_name, company, title, email, url, user_tags, notes) VALUES "
    "('delete', old.id, old.full_name, old.company, old.title, old.email, old.url, "
    "old.user_tags, old.notes); INSERT INTO prospect_search(rowid, full_name, company, title, "
    "email, url, user_tags, notes) VALUES (new.id, new.full_name, new.company, new.title, "
    "new.email, new.url, new.user_tags, new.notes); END",
)

# PostgreSQL: one text expression over the searchable columns; the GIN index is on exactly this.
PG_SEARCH_EXPR = "(" + _joined(f"prospect.{c}" for c in SEARCH_COLUMNS) + ")"
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
        conn.exec_driver_sql(f"{INDEX_ROWS} WHERE id > ?", (last[0],))
        last[0] = conn.exec_driver_sql(_MAX_ID).scalar_one()

    def before_update(ids: Iterable[int]) -> None:
        if max(ids, default=0) > last[0]:
            index_new()

    conn.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    yield before_update
    index_new()
    conn.exec_driver_sql(trigger)


def remove_search(conn: Connection) -> None:
    """Drop SQLite's search index, its triggers and its content view (whichever exist).

    A revision that rebuilds ``prospect`` (Alembic's batch mode) must call this first and
    ``install_search`` after: SQLite drops a table's triggers with it (revision 0002 lost them
    that way) and refuses to rename the rebuilt table while the view names the missing one.
    """
    if conn.dialect.name == "sqlite":
        for trigger in _TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {CONTENT_VIEW}")


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


def profile_slug(query: str) -> str | None:
    """The slug of a profile URL typed in the search box (any spelling ``core.urls`` accepts,
    or its path alone, ``/in/<slug>``), or None when the text is not one."""
    path = query.lstrip("/")
    if path[:3].lower() == "in/":
        query = "linkedin.com/" + path
    try:
        return normalize_profile_url(query).removeprefix(PROFILE_PREFIX)
    except ValueError:
        return None


def search_text(query: str) -> str:
    """What is searched for a search box's text: the text stripped, a profile URL as its slug,
    and nothing for the start of a profile URL being typed (``https://www.linkedin.com/in/``,
    ``linkedin.com``): every prospect's URL starts so, on both databases, until the slug comes."""
    query = query.strip()
    said = query.casefold()
    if any(mark in said for mark in _URL_MARKS) and said in PROFILE_PREFIX:
        return ""
    return profile_slug(query) or query


_URL_MARKS = ("linkedin", "://", "www.")  # what only the start of a URL holds


def search_predicate(dialect: str, query: str, col: Col) -> ColumnElement[bool] | None:
    """The WHERE condition for a search box's text, or None when there is nothing to search.

    ``col`` maps a prospect column's name to the expression to use for it. A profile URL is
    searched as its slug: the index holds no URL's constant prefix, and a URL pasted in another
    spelling (``linkedin.com/in/Jane-Doe/``) still finds its prospect.
    """
    query = search_text(query)
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
