"""Reading many rows on SQLite without SQLAlchemy's per-execution and per-row work.

A statement is compiled (once, by the caller that keeps it) and run on the driver's own
connection, inside the caller's transaction; its rows come from the driver's cursor as plain
tuples. :meth:`Compiled.rows` converts each column as SQLAlchemy's own type would (dates from
text, booleans from integers); :meth:`Compiled.stored` gives the values as SQLite stores them,
for a caller that converts a row in one step of its own (the agenda). For the agenda's reads and
the spend plan's candidate rows SQLAlchemy's execution and its rows were most of the time
beyond the rows themselves (bench/agenda.py, bench/spend_plan.py). A driver error is raised as
SQLAlchemy would raise it (``DBAPIError``), so the store's error sentences still apply. Engine
events (``before_cursor_execute``) do not see these statements: a test that looks at them traces
the driver's connection (``sqlite3.Connection.set_trace_callback``). Other databases take
SQLAlchemy's own path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, cast

from sqlalchemy import Connection, Select, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

Convert = Callable[[Any], Any]


class Compiled:
    """A select compiled for one dialect (SQLite), with the conversion of each bound value and
    of each result column that needs one (by index)."""

    def __init__(self, statement: Select[*tuple[Any, ...]], dialect: Dialect) -> None:
        self.statement = statement
        self.compiled: SQLCompiler = statement.compile(dialect=dialect)
        self.converts: list[tuple[int, Convert]] = [
            (index, convert)
            for index, column in enumerate(statement.selected_columns)
            if (convert := column.type.dialect_impl(dialect).result_processor(dialect, None))
            is not None
        ]
        compiled = self.compiled
        # a statement without an expanding IN list runs as compiled: its SQL and the order of
        # its values are known now (an expanding one is expanded for each call's values)
        self._expands = bool(compiled.post_compile_params)
        self._defaults = compiled.params  # the values the statement holds (literals)
        # a value the statement cannot do without, refused when missing (as SQLAlchemy does)
        self._required = frozenset(name for name, bind in compiled.binds.items() if bind.required)
        self._binds: list[tuple[str, Convert | None]] = [
            (name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in compiled.positiontup or ()
        ]

    def _statement(self, values: Mapping[str, Any]) -> tuple[str, Sequence[Any]]:
        missing = self._required.difference(values)
        if missing:
            raise ValueError(f"No value for {', '.join(sorted(missing))}.")
        if not self._expands:
            given = {**self._defaults, **values}
            params = [
                given[name] if process is None else process(given[name])
                for name, process in self._binds
            ]
            return self.compiled.string, params
        state = self.compiled.construct_expanded_state(dict(values))
        params = []
        for name in state.positiontup or ():
            value = state.parameters[name]
            process = state.processors.get(name)
            params.append(value if process is None else process(value))
        return state.statement, params

    def stored(
        self, conn: Connection, values: Mapping[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows as the driver gives them (unconverted), in the caller's transaction."""
        sql, params = self._statement(values or {})
        with driver(conn) as raw:
            return cast("list[tuple[Any, ...]]", raw.execute(sql, params).fetchall())

    def rows(
        self, conn: Connection, values: Mapping[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows, as tuples of converted values, in the caller's transaction."""
        found = self.stored(conn, values)
        converts = self.converts
        if not converts:
            return found
        converted = []
        for row in found:
            cells = list(row)
            for index, convert in converts:
                cells[index] = convert(cells[index])
            converted.append(tuple(cells))
        return converted


@contextmanager
def driver(conn: Connection) -> Iterator[Any]:
    """The driver's own connection under ``conn`` (SQLite's ``sqlite3.Connection``), in its
    transaction; a driver error inside is raised as SQLAlchemy raises it (``DBAPIError``)."""
    error_type = conn.dialect.loaded_dbapi.Error
    try:
        yield conn.connection.driver_connection
    except error_type as error:
        raise exc.DBAPIError.instance(None, None, error, error_type) from error


@cache
def kept(statement: Select[*tuple[Any, ...]], dialect: Dialect) -> Compiled:
    """``statement`` (one built once, at import) compiled for ``dialect``, kept."""
    return Compiled(statement, dialect)


def rows(
    conn: Connection, statement: Select[*tuple[Any, ...]], values: Mapping[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` (one built once, at import) as tuples: on SQLite by its
    compiled form, kept (:func:`kept`), elsewhere SQLAlchemy's own rows."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(statement, dict(values or {})).all()]
    return kept(statement, conn.dialect).rows(conn, values)
