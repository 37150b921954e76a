"""The engine factory: any SQLAlchemy URL, or a plain SQLite file path (the default).

SQLite connections get foreign keys on and a busy timeout, the database WAL mode (once, in the
file, when it is inmail-tui's or new), and SQLAlchemy (not the ``sqlite3`` module's legacy
transaction control) emits ``BEGIN``, so transactions are real: reads are repeatable, DDL is
transactional, and ``write_tx`` can ask for ``BEGIN IMMEDIATE`` through the :data:`BEGIN_MODE`
execution option. A database on read-only media is opened read-only (reading still works).

:func:`failure` turns a database's own errors (full disk, read-only file, lost connection, ...)
into one sentence for the user.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from sqlalchemy import Connection, Engine, Table, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from inmail_tui.core.errors import DomainError
from inmail_tui.core.files import PRIVATE_DIR, PRIVATE_FILE
from inmail_tui.store.ledger_read import file_path

if TYPE_CHECKING:  # importing the PostgreSQL dialect costs ~50 ms: only when it is used
    from sqlalchemy.dialects import postgresql, sqlite

BUSY_TIMEOUT_MS = 5000
BEGIN_MODE = "inmail_begin"  # execution option: "DEFERRED" (default) or "IMMEDIATE"
_BEGIN_MODES = frozenset({"DEFERRED", "IMMEDIATE"})
SUPPORTED_BACKENDS = frozenset({"sqlite", "postgresql"})


class StoreError(DomainError):
    """A problem with the database that the user can act on; the message is one sentence."""


def make_engine(target: str | Path | None = None) -> Engine:
    """Build the engine for a SQLAlchemy URL or a file path; ``None`` is the user's default db.

    Only the default location gets its folder created. A SQLite file is opened once here, so a
    folder that does not exist or a file that is not a database is a :class:`StoreError` now.
    """
    if target is None:
        from inmail_tui.paths import default_db_path

        path = default_db_path()
        try:
            path.parent.mkdir(PRIVATE_DIR, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the data folder {path.parent} ({error.strerror or error}); "
                "pass --db with a path you can write to."
            ) from error
        _keep_private(path)
        url = URL.create("sqlite", database=str(path))
    elif (file := file_path(target)) is not None:
        url = URL.create("sqlite", database=str(file))
    else:
        try:
            url = make_url(str(target))  # a string: file_path takes every Path
        except exc.ArgumentError as error:
            raise StoreError(f"{target!r} is neither a database URL nor a file path.") from error
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"inmail-tui works with SQLite and PostgreSQL databases, not {backend!r} "
            f"({_shown(url)})."
        )
    if backend != "sqlite":
        try:
            return create_engine(url)
        except ImportError as error:
            raise StoreError(
                f"Cannot use the database URL {_shown(url)}: its driver is not installed "
                f"({error}); inmail-tui's is psycopg, with pip install 'inmail-tui[postgres]'"
                " and a URL that starts postgresql+psycopg://."
            ) from error
        except (exc.ArgumentError, exc.NoSuchModuleError) as error:
            raise StoreError(f"Cannot use the database URL {_shown(url)}: {error}.") from error
    return _probe_sqlite(_sqlite_engine(url), url)


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand BEGIN over to SQLAlchemy (see _sqlite_on_begin); COMMIT/ROLLBACK still work.
    # (WAL mode is the database file's own setting: _probe_sqlite sets it once, on a database
    # that is inmail-tui's or empty, never on another program's file.)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_MODE, "DEFERRED")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")


SQLITE_HEADER = b"SQLite format 3\x00"


def _keep_private(path: Path) -> None:
    """The default data folder (0700) and database files (0600) lose any access by others that
    an older release gave them; a folder or file that cannot be changed is left as it is."""
    for item, private in (
        (path.parent, PRIVATE_DIR),
        *((path.with_name(path.name + suffix), PRIVATE_FILE) for suffix in ("", "-wal", "-shm")),
    ):
        with suppress(OSError):
            mode = stat.S_IMODE(item.stat().st_mode)
            if mode & ~private:
                item.chmod(mode & private)


def _create_private(path: Path) -> None:
    """A new database file is created empty and 0600 before SQLite opens it: SQLite gives the
    -wal and -shm files it creates the database file's permissions, so all three are private."""
    if path.exists() or not path.parent.is_dir():
        return
    with suppress(OSError):  # created meanwhile by another process, or a read-only folder
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def _probe_sqlite(engine: Engine, url: URL) -> Engine:
    """Open the SQLite database once: refuse what is not a database file, make it a WAL
    database when it is inmail-tui's (or new), and read a database on read-only media through
    a read-only, immutable connection. Returns the engine to use."""
    where = url.database or ":memory:"
    path = Path(where)
    if where != ":memory:" and not where.startswith("file:"):
        if path.exists() and not path.is_file():
            what = "a folder" if path.is_dir() else "a device or another special file"
            raise StoreError(
                f"{where} is not a database file ({what}); point --db at a database file."
            )
        _create_private(path)
    if where != ":memory:" and path.is_file() and path.stat().st_size > 0:
        # SQLite takes a file shorter than its header for an empty database and writes over
        # it: a file that is not a database is refused before any connection touches it.
        with path.open("rb") as stream:
            if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreError(f"{where} is not a database file; point --db at another file.")
    try:
        with engine.connect() as conn:
            _use_wal(conn)
    except exc.DBAPIError as error:
        engine.dispose()
        reason = first_line(error.orig)
        if "unable to open" in reason and path.is_file() and not where.startswith("file:"):
            # A WAL database on read-only media: SQLite cannot make its -shm file beside it.
            fallback = _read_only_engine(path)
            if fallback is not None:
                return fallback
        if "not a database" in reason:
            message = f"{where} is not a database file; point --db at another file."
        elif where != ":memory:" and not Path(where).parent.is_dir():
            message = (
                f"Cannot open the database {where}: the folder {Path(where).parent} does not exist."
            )
        else:
            message = f"Cannot open the database {where}: {reason}."
        raise StoreError(message) from error
    return engine


def _use_wal(conn: Connection) -> None:
    """WAL mode (readers never wait for a writer), set once in the file: only on a database that
    is new or inmail-tui's, and not at all where it cannot be written (read-only media)."""
    tables = {row[0] for row in conn.exec_driver_sql(_TABLES)}
    conn.rollback()  # (SQLite ignores a journal mode set inside a transaction)
    if tables and "meta" not in tables:
        return  # another program's database: ensure_schema refuses it, untouched
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    with suppress(sqlite3.OperationalError):  # read-only: it is read as it is
        raw.execute("PRAGMA journal_mode = WAL")


_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def _read_only_engine(path: Path) -> Engine | None:
    """The database at ``path`` opened read-only and immutable (SQLite then needs no -shm file);
    None when it cannot be read that way either."""
    database = f"file:{quote(str(path.resolve()))}"
    url = URL.create(
        "sqlite", database=database, query={"uri": "true", "mode": "ro", "immutable": "1"}
    )
    engine = _sqlite_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(_TABLES).all()
    except exc.DBAPIError:
        engine.dispose()
        return None
    return engine


def first_line(reason: object) -> str:
    """A driver's message on one line: its first (PostgreSQL's add hints on further lines)."""
    lines = str(reason).strip().splitlines()
    return lines[0].strip() if lines else type(reason).__name__


# The errors a database raises about itself (its disk, its file, its connection, a value it
# cannot store), as opposed to a statement of ours that breaks a rule of the schema.
_ITS_OWN = (
    exc.OperationalError,
    exc.DataError,
    exc.InterfaceError,
    exc.InternalError,
    exc.NotSupportedError,
)


@contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """The database's own errors inside as a ``StoreError`` sentence (see :func:`failure`)."""
    try:
        yield
    except exc.DBAPIError as error:
        if not is_failure(error):
            raise
        raise failure(error, describe(engine)) from error


def is_failure(error: exc.DBAPIError) -> bool:
    """Whether ``error`` is the database's own trouble (see :func:`failure`), not a bug of ours
    (a broken constraint, SQL the database does not know)."""
    if isinstance(error, _ITS_OWN):
        return True
    return isinstance(error, exc.ProgrammingError) and "permission denied" in str(error.orig)


def failure(error: exc.DBAPIError, where: str) -> StoreError:
    """The sentence for a database error the user can act on (the transaction it happened in
    was rolled back): what happened, and that nothing was changed."""
    reason = first_line(error.orig)
    said = reason.lower()
    if "database is locked" in said:
        message = (
            "The database is busy: another inmail-tui window or command is writing to it. "
            "Try again in a moment."
        )
    elif "disk is full" in said or "no space left" in said or "could not extend file" in said:
        message = (
            f"The disk holding the database {where} is full: nothing was changed. Free some "
            "space and try again."
        )
    elif "readonly database" in said or "read-only" in said:
        message = (
            f"The database {where} is read-only: nothing was changed. Commands that only read"
            " (balance, forecast, prospects, cost, analytics, export, import --dry-run) still work."
        )
    elif (refused := _refused_connection(reason)) is not None:
        message = f"{refused} ({where}); nothing was changed."
    elif _unreachable(said):
        message = (
            f"Cannot reach the database server of {where} ({_server_said(reason)}): check that it"
            " runs and the address in --db or INMAIL_TUI_DB; nothing was changed."
        )
    elif error.connection_invalidated or _disconnected(said):
        message = (
            f"The connection to the database server of {where} was lost ({reason}): nothing"
            " was changed. Try again once the server answers."
        )
    elif "disk i/o error" in said:
        message = (
            f"The database {where} could not be read or written ({reason}): nothing was changed."
        )
    else:
        message = f"The database {where} refused the change ({reason}): nothing was changed."
    return StoreError(message)


def _unreachable(said: str) -> bool:
    return any(
        words in said
        for words in (
            "connection failed",
            "connection is bad",
            "could not connect",
            "failed to resolve host",
            "could not translate host name",
            "timeout expired",
        )
    )


def _server_said(reason: str) -> str:
    """The driver's reason without its prefixes (``connection failed: connection to server at
    ... failed: FATAL:``): what the server or the network said."""
    for prefix in ("FATAL:", "failed:"):  # "failed:" covers "connection failed:"
        if prefix in reason:
            return reason.rsplit(prefix, 1)[1].strip()
    return reason


_WRONG_LOGIN = ("password authentication failed", "no password supplied", "does not exist")


def _refused_connection(reason: str) -> str | None:
    """The sentence for a PostgreSQL server that answered but refused the connection: a
    database that does not exist, or a user or password it does not accept; None otherwise."""
    said = _server_said(reason)
    if "FATAL:" not in reason and not said.startswith("password authentication failed"):
        return None
    if said.startswith("database ") and said.endswith("does not exist"):
        return (
            f"The {said} on the server: create it (createdb, or CREATE DATABASE) or correct"
            " the name in the URL"
        )
    if any(words in said for words in _WRONG_LOGIN) or "pg_hba.conf" in said:
        return f"The database server refused the login ({said}): check the user and password"
    return None


def _disconnected(said: str) -> bool:
    return any(
        words in said
        for words in (
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "connection already closed",
            "consuming input failed",
            "the connection is lost",
        )
    )


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def insert_or_skip(
    conn: Connection, table: Table, *, unique: Sequence[str]
) -> postgresql.Insert | sqlite.Insert:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING`` for the connection's database (SQLite or
    PostgreSQL); add ``.values(...)`` and, to learn whether a row went in, ``.returning(...)``."""
    columns = [table.c[name] for name in unique]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=columns)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=columns)


def describe(engine: Engine) -> str:
    """The engine's database for messages, with any password hidden (a file read read-only, as
    ``_read_only_engine`` opens it, by its path)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and (url.database or "").startswith("file:"):
        return unquote((url.database or "").removeprefix("file:"))
    return _shown(url)
