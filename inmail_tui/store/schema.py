"""Schema versions: create a new database, upgrade an older one, refuse a newer one.

``meta.schema_version`` is the truth; it lives outside the Alembic chain. Revision ``NNNN`` of
``migrations/versions`` brings a database to schema version ``N``: ``0001`` is the baseline of
version 1 (from an empty database holding only ``meta``). The hot path is one query; Alembic is
imported only when an upgrade is due.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, Table, delete, exc, insert, inspect, select, text
from sqlmodel import SQLModel

from inmail_tui.store.engine import (
    BEGIN_MODE,
    StoreError,
    database_errors,
    describe,
    failure,
    first_line,
    is_failure,
)
from inmail_tui.store.ledger_rows import VERSION_KEY
from inmail_tui.store.ledger_tables import SCHEMA_VERSION, Meta

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
META: Table = Meta.__table__  # type: ignore[attr-defined]
_PG_SCHEMA_LOCK = 0x1A11_7E57  # pg_advisory_xact_lock key: one schema change at a time
_PG_LOCK_QUERY = text("SELECT pg_advisory_xact_lock(:key)")

_VERSION_QUERY = select(META.c.value).where(META.c.key == VERSION_KEY)


def ensure_schema(engine: Engine) -> None:
    """Make the database ready for this code: create it, upgrade it, or refuse it.

    Refused before anything is written: another program's database (tables, but no ``meta``),
    a damaged schema version (missing, 0 or negative beside inmail-tui's tables, not a number)
    and a newer one.
    """
    if _read_version(engine) == SCHEMA_VERSION:
        return
    _register_all_tables()
    with database_errors(engine), _schema_tx(engine) as conn:
        version = _locked_version(conn)
        if version is None:
            from inmail_tui.store.notify import install_notify
            from inmail_tui.store.search import install_search

            SQLModel.metadata.create_all(conn)
            install_search(conn)
            install_notify(conn)
            _write_version(conn, SCHEMA_VERSION)
        else:
            _migrate(conn, version, SCHEMA_VERSION, MIGRATIONS_DIR)


def migrate(engine: Engine, target: int, scripts: Path = MIGRATIONS_DIR) -> None:
    """Upgrade a set-up database to schema version ``target`` with the revisions in ``scripts``."""
    _register_all_tables()
    with _schema_tx(engine) as conn:
        version = _locked_version(conn)
        if version is None:
            raise StoreError(f"{describe(engine)} has no inmail-tui schema to upgrade.")
        _migrate(conn, version, target, scripts)


def _register_all_tables() -> None:
    """Off the hot path: every table on ``SQLModel.metadata`` (the hot path needs three)."""
    from inmail_tui.store import models  # noqa: F401


def _read_version(engine: Engine) -> int | None:
    where = describe(engine)
    try:
        with engine.connect() as conn:
            value = conn.execute(_VERSION_QUERY).scalar_one_or_none()
            if value == str(SCHEMA_VERSION):
                return SCHEMA_VERSION
            return _checked_version(conn, value, where)
    except exc.DBAPIError as error:
        # No meta table (a new database), or no database at all: the slow path tells which.
        try:
            with engine.connect() as conn:
                has_meta = inspect(conn).has_table(META.name)
                if not has_meta:
                    _refuse_others(conn, where)
        except exc.DBAPIError as again:
            if is_failure(again) and "no such table" not in str(again.orig):
                raise failure(again, where) from again
            raise StoreError(
                f"Cannot read the database {where}: {first_line(again.orig)}"
            ) from again
        if has_meta:
            raise StoreError(
                f"Cannot read the schema version of {where}: {first_line(error.orig)}"
            ) from error
        return None


def _locked_version(conn: Connection) -> int | None:
    where = describe(conn.engine)
    if not inspect(conn).has_table(META.name):
        _refuse_others(conn, where)
        return None
    return _checked_version(conn, conn.execute(_VERSION_QUERY).scalar_one_or_none(), where)


def _checked_version(conn: Connection, value: str | None, where: str) -> int:
    """The schema version ``value`` read from ``meta``, or a ``StoreError`` when it cannot be
    right: negative, or missing or 0 in a database that holds more than ``meta`` (version 0 is a
    database holding only ``meta``, before the first revision)."""
    version = _parse_version(value)
    if version < 0 or (version == 0 and _tables(conn) - {META.name, "alembic_version"}):
        shown = "missing" if value is None else f"{value!r}, not a valid one"
        raise StoreError(
            f"The schema version of {where} is {shown}, though it holds inmail-tui's tables: the"
            " database may be damaged, and nothing was changed. Restore a backup (inmail-tui"
            " restore FILE) or point --db at another file."
        )
    return version


def _refuse_others(conn: Connection, where: str) -> None:
    """A database without ``meta`` must be empty: one with tables is another program's."""
    tables = sorted(_tables(conn))
    if tables:
        names = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{where} is not an inmail-tui database: it holds another program's tables ({names}),"
            " and nothing was changed. Point --db at a new file or at an inmail-tui database."
        )


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def _parse_version(value: str | None) -> int:
    if value is None:
        return 0  # meta without a version: nothing of the chain has run yet
    try:
        return int(value)
    except ValueError:
        raise StoreError(f"The database's schema version {value!r} is not a number.") from None


def _write_version(conn: Connection, version: int) -> None:
    conn.execute(delete(META).where(META.c.key == VERSION_KEY))
    conn.execute(insert(META).values(key=VERSION_KEY, value=str(version)))


def _migrate(conn: Connection, current: int, target: int, scripts: Path) -> None:
    if current > target:
        raise StoreError(
            f"This database was written by a newer inmail-tui (schema version {current}; this "
            f"one knows up to {target}): upgrade inmail-tui to open it."
        )
    if current == target:
        return
    if current > 0:
        _backup_before_upgrade(conn, current)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.attributes["connection"] = conn
    command.stamp(config, _revision(current), purge=True)
    command.upgrade(config, _revision(target))
    _write_version(conn, target)


def _backup_before_upgrade(conn: Connection, current: int) -> None:
    """A SQLite database is copied beside itself (``<name>.schema-<current>.bak``) before its
    schema changes. The caller holds the write lock and has written nothing, so the copy is the
    database as it was. A backup that cannot be written stops the upgrade. (PostgreSQL: the
    upgrade is one transaction; backups there are pg_dump's job.)"""
    from inmail_tui.store.backup import backup_beside, database_file

    source = database_file(conn.engine)
    if source is None:
        return
    try:
        backup_beside(source, f"schema-{current}")
    except (OSError, sqlite3.Error, StoreError) as error:
        raise StoreError(
            f"Cannot write a backup of {source} before upgrading it ({error}); nothing was changed."
        ) from error


def _revision(version: int) -> str:
    return f"{version:04d}" if version else "base"


@contextmanager
def _schema_tx(engine: Engine) -> Iterator[Connection]:
    """A write transaction for schema changes, one process at a time.

    SQLite: foreign keys are switched off for the transaction (a table rebuild must not cascade
    deletes; the pragma is a no-op inside a transaction) and checked before the commit.
    PostgreSQL: a transaction-level advisory lock serialises concurrent set-ups.
    """
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_SCHEMA_LOCK}
                    )
                yield conn
            return
        raw = cast(sqlite3.Connection, conn.connection.driver_connection)
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise StoreError(
                        f"The schema upgrade would break a reference in table {broken[0]}; "
                        "nothing was changed."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
