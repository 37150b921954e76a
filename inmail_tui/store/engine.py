"""The engine factory: any SQLAlchemy URL, or a plain SQLite file path (the default).

SQLite connections get WAL mode, foreign keys on and a busy timeout, and SQLAlchemy (not the
``sqlite3`` module's legacy transaction control) emits ``BEGIN``, so transactions are real:
reads are repeatable, DDL is transactional, and ``write_tx`` can ask for ``BEGIN IMMEDIATE``
through the :data:`BEGIN_MODE` execution option.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from inmail_tui.core.errors import DomainError
from inmail_tui.core.files import PRIVATE_DIR, PRIVATE_FILE

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
    elif isinstance(target, Path) or "://" not in target:
        url = URL.create("sqlite", database=str(Path(target).expanduser()))
    else:
        try:
            url = make_url(target)
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
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
            raise StoreError(f"Cannot use the database URL {_shown(url)}: {error}.") from error
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    _probe_sqlite(engine, url)
    return engine


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand BEGIN over to SQLAlchemy (see _sqlite_on_begin); COMMIT/ROLLBACK still work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
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


def _probe_sqlite(engine: Engine, url: URL) -> None:
    where = url.database or ":memory:"
    path = Path(where)
    if where != ":memory:" and not where.startswith("file:"):
        _create_private(path)
    if where != ":memory:" and path.is_file() and path.stat().st_size > 0:
        # SQLite takes a file shorter than its header for an empty database and writes over
        # it: a file that is not a database is refused before any connection touches it.
        with path.open("rb") as stream:
            if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreError(f"{where} is not a database file; point --db at another file.")
    try:
        with engine.connect():
            pass
    except exc.DBAPIError as error:
        engine.dispose()
        reason = str(error.orig)
        if "not a database" in reason:
            message = f"{where} is not a database file; point --db at another file."
        elif where != ":memory:" and not Path(where).parent.is_dir():
            message = (
                f"Cannot open the database {where}: the folder {Path(where).parent} does not exist."
            )
        else:
            message = f"Cannot open the database {where}: {reason}."
        raise StoreError(message) from error


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
    """The engine's database for messages, with any password hidden."""
    return _shown(engine.url)
