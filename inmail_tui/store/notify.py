"""Live changes on PostgreSQL: triggers that ``NOTIFY`` and a connection that ``LISTEN``\\s.

Every table whose rows a user sees (pools, ledger entries, prospects, touches, drafts, dismissed
duplicates, seats, agenda holds) gets a statement-level trigger that calls
``pg_notify('inmail_tui', <schema>)`` after an insert, an update or a delete: an edit in place
(a status change, a claim, a note) is heard as well as an append. PostgreSQL delivers a
transaction's notifications when it commits, and folds identical ones of one transaction into
one, so a send is one notification whatever it wrote. SQLite gets nothing here
(``store.changes`` serves it).

:class:`ChangeListener` holds one dedicated connection in autocommit that ``LISTEN``\\s.
:meth:`~ChangeListener.wait` blocks until a notification from another database session (not
one of this engine's own connections: their writes are the app's own, already shown) about this
schema arrives, then drains the burst that follows, so many writes cause one wake-up.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import Any

from sqlalchemy import Connection, Engine, event, text

from inmail_tui.store.engine import StoreError, first_line

CHANNEL = "inmail_tui"
NOTIFY_FUNCTION = "inmail_tui_notify"
WATCHED_TABLES = (
    "pool",
    "ledger_entry",
    "prospect",
    "touch",
    "draft",
    "duplicate_dismissal",
    "seat",
    "agenda_hold",
)
BURST_SECONDS = 0.1  # notifications this close after the first one fold into one wake-up


def trigger_name(table: str) -> str:
    return f"{NOTIFY_FUNCTION}_{table}"


def install_notify(conn: Connection, tables: tuple[str, ...] = WATCHED_TABLES) -> None:
    """Create the notify function and a trigger on each of ``tables`` (idempotent); nothing on
    a database other than PostgreSQL. Call it after the tables exist. A migration passes the
    tables it knows, frozen in the revision; a new database gets every watched table."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {NOTIFY_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_SCHEMA); RETURN NULL; END $$"
    )
    for table in tables:
        name = trigger_name(table)
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {NOTIFY_FUNCTION}()"
        )


def remove_notify(conn: Connection, tables: tuple[str, ...], *, function: bool) -> None:
    """Drop the triggers that :func:`install_notify` put on ``tables`` (a downgrade), and the
    notify function itself when ``function``."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")
    if function:
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {NOTIFY_FUNCTION}()")


class ListenerLost(StoreError):
    """The listening connection failed: changes are no longer heard."""


class ChangeListener:
    """``wait(timeout)``: True once another session changed this database's data."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        self._errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        self._engine = engine
        self._own: set[int] = set()  # backend pids of this engine's own connections
        self._lock = threading.Lock()
        self._conn: Any = None  # the psycopg connection that LISTENs
        event.listen(engine, "checkout", self._checked_out)
        try:
            with engine.connect() as conn:  # (the checkout records this connection's pid)
                self._schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
            pooled = engine.raw_connection()
            listening: Any = pooled.driver_connection
            pooled.detach()  # this one is the listener's alone: never back in the pool
            self._conn = listening
            listening.rollback()
            listening.autocommit = True
            listening.execute(f"LISTEN {CHANNEL}")
        except self._errors as error:
            self.close()
            raise ListenerLost(f"cannot listen for changes: {first_line(error)}") from error

    def _checked_out(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        self._own.add(int(dbapi_connection.info.backend_pid))

    def _theirs(self, notify: Any) -> bool:
        return bool(notify.payload == self._schema and notify.pid not in self._own)

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True when another session changed the data (the
        burst that follows is drained). Raises :class:`ListenerLost` if the connection failed."""
        with self._lock:
            try:
                heard = any(self._theirs(n) for n in self._conn.notifies(timeout=timeout))
                if heard:
                    for _ in self._conn.notifies(timeout=BURST_SECONDS):
                        pass
            except self._errors as error:
                raise ListenerLost(f"the connection was lost: {first_line(error)}") from error
        return heard

    def close(self) -> None:
        if event.contains(self._engine, "checkout", self._checked_out):
            event.remove(self._engine, "checkout", self._checked_out)
        conn = self._conn
        if conn is not None:
            with suppress(*self._errors):
                conn.close()
            self._conn = None
