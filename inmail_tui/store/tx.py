"""Transactions: writes take the write lock before they read anything.

On SQLite a write transaction starts with ``BEGIN IMMEDIATE`` (it waits up to the busy timeout
for another writer); on PostgreSQL :func:`lock_pool` takes a row lock on the pool
(``SELECT ... FOR UPDATE``), so two windows can never spend the same credit twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Table, select

from inmail_tui.store.engine import BEGIN_MODE, StoreError, database_errors
from inmail_tui.store.ledger_tables import Pool

POOL: Table = Pool.__table__  # type: ignore[attr-defined]


@contextmanager
def write_tx(engine: Engine, pool_id: int | None = None) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success, rolled back on an exception.

    With ``pool_id`` the pool's row is locked first (see :func:`lock_pool`). The database's own
    trouble (another writer holding it past the busy timeout, a full disk, a read-only file, a
    lost connection) is a :class:`StoreError` saying so, once the transaction is rolled back.
    """
    with database_errors(engine), engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
        with conn.begin():
            if pool_id is not None:
                lock_pool(conn, pool_id)
            yield conn


@contextmanager
def read_session(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction: every query inside sees the same snapshot on SQLite."""
    with database_errors(engine), engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def dry_tx(engine: Engine) -> Iterator[Connection]:
    """A transaction that takes no write lock and is always rolled back, for work that writes
    only to temporary tables of its own connection (a dry run). On SQLite it is a deferred
    transaction: reading takes a snapshot, and another writer can still commit."""
    with database_errors(engine), engine.connect() as conn:
        transaction = conn.begin()
        try:
            yield conn
        finally:
            transaction.rollback()


def lock_pool(conn: Connection, pool_id: int) -> None:
    """Lock the pool's row until the transaction ends (PostgreSQL; SQLite holds the file lock).

    Raises :class:`StoreError` when there is no such pool.
    """
    found = conn.execute(select(POOL.c.id).where(POOL.c.id == pool_id).with_for_update()).first()
    if found is None:
        raise StoreError(f"There is no credit pool with id {pool_id}.")


IN_CHUNK = 500  # ids per IN list: well under every database's parameter limit


def id_chunks(ids: Iterable[int], size: int = IN_CHUNK) -> Iterator[list[int]]:
    """``ids`` in lists of at most ``size``, for ``IN (...)`` queries."""
    chunk: list[int] = []
    for id_ in ids:
        chunk.append(id_)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Bind = Engine | Connection  # repositories take either: a Connection joins the caller's transaction


@contextmanager
def writing(bind: Bind, pool_id: int | None = None) -> Iterator[Connection]:
    """``bind`` itself when it is a Connection (the caller's transaction), else a write_tx."""
    if isinstance(bind, Connection):
        if pool_id is not None:
            lock_pool(bind, pool_id)
        yield bind
    else:
        with write_tx(bind, pool_id) as conn:
            yield conn


@contextmanager
def reading(bind: Bind) -> Iterator[Connection]:
    """``bind`` itself when it is a Connection, else a read_session."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with read_session(bind) as conn:
            yield conn
