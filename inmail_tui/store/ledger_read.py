"""A pool and its ledger read with the ``sqlite3`` module alone, for the balance's first answer.

``inmail-tui balance`` and the balance screen's first data need two small reads; through the
engine they would first import SQLAlchemy, pydantic and SQLModel (about 0.2 s of a start, most
of the command). :func:`read_ledger` reads the same rows from a SQLite file with the standard
library, in one read transaction, and turns them into the same values as ``store/pools.py``
(``ledger_rows``). It answers only when the answer is plainly there: a SQLite file that exists,
holds this code's schema version and the pool asked for. Anything else (a PostgreSQL URL, no
file yet, another schema version, no pool, a locked or unreadable file) is None, and the caller
takes the engine's path, which creates, upgrades, refuses and explains as every command does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, get_type_hints
from urllib.parse import quote

from inmail_tui.core.model import LedgerEvent
from inmail_tui.store.ledger_rows import (
    LEDGER_COLUMN_OF,
    LEDGER_COLUMNS,
    LEDGER_TABLE,
    META_TABLE,
    POOL_COLUMNS,
    POOL_TABLE,
    SCHEMA_VERSION,
    VERSION_KEY,
    PoolRow,
    ledger_event,
    pool_row,
)

BUSY_TIMEOUT_S = 1.0  # a writer holding the file longer: the engine's path waits its own way


def _optional_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


# How SQLite's stored text becomes a field's value, by the field's type (as SQLAlchemy's Date
# and Boolean types read them); other types are read as stored.
_FROM_STORED: Mapping[object, Callable[[Any], Any]] = {
    date: date.fromisoformat,
    date | None: _optional_day,
    bool: bool,
}


def _converters(cls: type, column_of: Mapping[str, str]) -> dict[str, Callable[[Any], Any]]:
    hints = get_type_hints(cls)
    return {
        column_of.get(f.name, f.name): convert
        for f in fields(cls)
        if (convert := _FROM_STORED.get(hints[f.name])) is not None
    }


_POOL_TYPES = _converters(PoolRow, {})
_LEDGER_TYPES = _converters(LedgerEvent, LEDGER_COLUMN_OF)


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{name}"' for name in names)


_VERSION_SQL = f'SELECT value FROM {META_TABLE} WHERE "key" = ?'
_POOL_SQL = f"SELECT {_quoted(POOL_COLUMNS)} FROM {POOL_TABLE} WHERE "
_ACTIVE = "active = 1 ORDER BY id LIMIT 1"
_NAMED = "name = ? ORDER BY id LIMIT 1"
_LEDGER_SQL = (
    f'SELECT {_quoted(LEDGER_COLUMNS)} FROM {LEDGER_TABLE} WHERE pool_id = ? ORDER BY "on", id'
)


def file_path(target: str | Path) -> Path | None:
    """The file path ``target`` names (a ``Path``, or a string without ``://``); None for a URL.
    ``make_engine`` reads its target by this too."""
    if isinstance(target, Path) or "://" not in target:
        return Path(target).expanduser()
    return None


def sqlite_file(target: str | Path | None, default: Callable[[], Path]) -> Path | None:
    """The SQLite file ``target`` names (None is ``default()``, else :func:`file_path`), when it
    exists; None for a URL or a missing file."""
    path = default() if target is None else file_path(target)
    return path if path is not None and path.is_file() and path.stat().st_size > 0 else None


def read_ledger(path: Path, pool: str | None = None) -> tuple[PoolRow, list[LedgerEvent]] | None:
    """The pool named ``pool`` (by default the active one) and its ledger in order, as stored;
    None when the file cannot answer plainly (see the module's docstring)."""
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path.resolve()))}?mode=rw",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
        )
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")
        version = conn.execute(_VERSION_SQL, (VERSION_KEY,)).fetchone()
        if version is None or version[0] != str(SCHEMA_VERSION):
            return None
        return pool_and_ledger(conn, pool)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def pool_and_ledger(
    conn: sqlite3.Connection, pool: str | None = None
) -> tuple[PoolRow, list[LedgerEvent]] | None:
    """The pool named ``pool`` (by default the active one) and its ledger in order, in the
    caller's transaction on ``conn`` (its own cursor: the connection's settings are untouched);
    None when there is no such pool. The driver's errors are the caller's to handle."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    if pool is None:
        found = cursor.execute(_POOL_SQL + _ACTIVE).fetchone()
    else:
        found = cursor.execute(_POOL_SQL + _NAMED, (pool,)).fetchone()
    if found is None:
        return None
    row = pool_row(_typed(found, _POOL_TYPES))
    rows = cursor.execute(_LEDGER_SQL, (row.id,)).fetchall()
    return row, [ledger_event(_typed(entry, _LEDGER_TYPES)) for entry in rows]


def _typed(row: sqlite3.Row, types: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    values = dict(zip(row.keys(), row, strict=True))
    for name, convert in types.items():
        values[name] = convert(values[name])
    return values
