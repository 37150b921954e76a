"""Reading many rows on SQLite without SQLAlchemy's per-execution and per-row work.

A statement is compiled (once, by the caller that keeps it), run as the driver's own SQL
(``exec_driver_sql``: the engine's events still see it) and its rows are read from the driver's
cursor as plain tuples, each column converted as SQLAlchemy's own type would convert it (dates
from text, booleans from integers). For the agenda's reads and the spend plan's candidate rows
this was most of the time beyond the rows themselves (bench/agenda.py, bench/spend_plan.py).
Other databases take SQLAlchemy's own path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

Convert = Callable[[Any], Any]


class Compiled:
    """A select compiled for one dialect, with the conversion of each of its result columns
    that needs one (by index)."""

    def __init__(self, statement: Select[Any], dialect: Dialect) -> None:
        self.statement = statement
        self.compiled: SQLCompiler = statement.compile(dialect=dialect)
        self.converts: list[tuple[int, Convert]] = [
            (index, convert)
            for index, column in enumerate(statement.selected_columns)
            if (convert := column.type.dialect_impl(dialect).result_processor(dialect, None))
            is not None
        ]

    def rows(
        self, conn: Connection, values: Mapping[str, Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows, as tuples of converted values, in the caller's transaction."""
        state = self.compiled.construct_expanded_state(dict(values or {}))
        params = []
        for name in state.positiontup or ():
            value = state.parameters[name]
            process = state.processors.get(name)
            params.append(value if process is None else process(value))
        result = conn.exec_driver_sql(state.statement, tuple(params))
        try:
            found = result.cursor.fetchall()  # the driver's tuples: no Row made per row
        finally:
            result.close()
        converts = self.converts
        if not converts:
            return cast("list[tuple[Any, ...]]", found)  # sqlite3 gives tuples
        converted = []
        for row in found:
            cells = list(row)
            for index, convert in converts:
                cells[index] = convert(cells[index])
            converted.append(tuple(cells))
        return converted


def rows(
    conn: Connection, statement: Select[Any], values: Mapping[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` as tuples: on SQLite by :class:`Compiled` (compiled for this
    call), elsewhere SQLAlchemy's own rows."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(statement, dict(values or {})).all()]
    return Compiled(statement, conn.dialect).rows(conn, values)
