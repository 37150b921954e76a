"""Backups of a SQLite database, and restoring one, with SQLite's online backup API.

The backup API copies a consistent snapshot page by page under SQLite's own locks, so a backup
is safe while the app (or a command) uses the database, and a restore is seen by every
connection at once: no file is swapped under an open database. A backup is one self-contained
file (rollback journal, not WAL), written beside its target and renamed over it (0600).

A file is restored only once it checks out: a SQLite database that passes ``quick_check`` and
holds inmail-tui's tables at a schema version this release knows (an older one is upgraded
when the database is next opened, after a backup of its own).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, text

from inmail_tui.core.files import replacing
from inmail_tui.store.engine import SQLITE_HEADER, StoreError, describe
from inmail_tui.store.ledger_tables import SCHEMA_VERSION

# The tables every released schema has: a file without them is not an inmail-tui database.
REQUIRED_TABLES = frozenset({"meta", "pool", "ledger_entry", "prospect", "draft", "touch"})


def database_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None for PostgreSQL or an in-memory database."""
    if engine.dialect.name != "sqlite":
        return None
    where = engine.url.database
    if not where or where == ":memory:" or where.startswith("file:"):
        return None
    return Path(where)


def backup_to(engine: Engine, target: Path) -> int:
    """Copy the SQLite database of ``engine`` to the file ``target`` (replacing it only once the
    copy is complete and checks out); return the schema version it holds."""
    source = _require_file(engine)
    if target.resolve() == source.resolve():
        raise StoreError(f"{target} is the database itself; choose another file for the backup.")
    with closing(_open_source(source)) as reader:
        return _copy(reader, target)


def backup_beside(source: Path, label: str) -> Path:
    """A backup of the database file ``source`` next to it, named ``<name>.<label>.bak`` (a
    number is added rather than overwrite an earlier one); return its path.

    It reads through a connection of its own, so it may run while another connection of this
    process holds the write lock without having written yet (a schema upgrade about to start).
    """
    target = source.with_name(f"{source.name}.{label}.bak")
    number = 1
    while target.exists():
        number += 1
        target = source.with_name(f"{source.name}.{label}-{number}.bak")
    with closing(_open_source(source)) as reader:
        _copy(reader, target)
    return target


def check_backup(path: Path) -> int:
    """The schema version of the inmail-tui database in ``path``, or a :class:`StoreError`
    saying why the file cannot be restored. The file is opened read-only."""
    if not path.is_file():
        raise StoreError(f"No file at {path}.")
    with path.open("rb") as stream:
        if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StoreError(f"{path} is not a database file, so not an inmail-tui backup.")
    try:
        with closing(_open_source(path)) as reader:
            return _version_of(reader, path)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} cannot be read as a database ({error}).") from error


def restore_from(conn: Connection, source: Path) -> int:
    """Replace the content of the SQLite database of ``conn`` with the backup ``source``, which
    is checked first; return the schema version restored. Runs outside any transaction."""
    version = check_backup(source)
    target = _require_file(conn.engine)
    if source.resolve() == target.resolve():
        raise StoreError(f"{source} is the database itself; nothing to restore.")
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    try:
        with closing(_open_source(source)) as reader:
            reader.backup(raw)
    except sqlite3.Error as error:
        raise StoreError(
            f"Cannot restore {source} into {target} ({error}); the database is as it was."
        ) from error
    return version


def holdings(engine: Engine) -> tuple[int, int]:
    """How many credit pools and prospects the database holds (what a restore would replace)."""
    with engine.connect() as conn:
        pools = conn.execute(text("SELECT count(*) FROM pool")).scalar_one()
        prospects = conn.execute(text("SELECT count(*) FROM prospect")).scalar_one()
    return int(pools), int(prospects)


def libpq_url(engine: Engine) -> str:
    """A PostgreSQL engine's URL as ``pg_dump`` and ``pg_restore`` take it (password hidden)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=True)


def _require_file(engine: Engine) -> Path:
    path = database_file(engine)
    if path is None:
        raise StoreError(f"{describe(engine)} is not a SQLite database file.")
    return path


def _open_source(path: Path) -> sqlite3.Connection:
    """``path`` opened read-only. A WAL database is read with its -wal file when there is one;
    without one, as immutable, so that reading creates no -wal or -shm file beside it."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _copy(reader: sqlite3.Connection, target: Path) -> int:
    with replacing(target) as partial:
        with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
            reader.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, whatever the source used
        with closing(_open_source(partial)) as written:
            return _version_of(written, target)


def _version_of(reader: sqlite3.Connection, path: Path) -> int:
    check = reader.execute("PRAGMA quick_check").fetchone()
    if check is None or check[0] != "ok":
        raise StoreError(f"{path} is damaged ({check[0] if check else 'no answer'}).")
    tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = REQUIRED_TABLES - tables
    if missing:
        raise StoreError(
            f"{path} is not an inmail-tui database (no {', '.join(sorted(missing))} table)."
        )
    row = reader.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    value = row[0] if row else None
    try:
        version = int(value) if value is not None else 0
    except ValueError:
        version = 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer inmail-tui (schema version {version}; this one "
            f"knows up to {SCHEMA_VERSION}): upgrade inmail-tui to restore it."
        )
    if version < 1:
        raise StoreError(f"{path} has no valid inmail-tui schema version ({value!r}).")
    return version
