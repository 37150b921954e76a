"""What SQLite ran: the statements of an engine's connections, as SQLite's trace gives them.

The store reads some rows on the driver's own connection (``store.driver_rows``), which the
engine's ``before_cursor_execute`` event does not see. SQLite's trace sees every statement, with
its values written in, so each can be explained (``EXPLAIN QUERY PLAN``) as it ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def traced(engine: Engine) -> Iterator[list[str]]:
    """The statements run on ``engine``'s connections checked out inside the block."""
    statements: list[str] = []

    def checkout(dbapi_connection: Any, *rest: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    def checkin(dbapi_connection: Any, *rest: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    try:
        yield statements
    finally:
        event.remove(engine, "checkout", checkout)
        event.remove(engine, "checkin", checkin)
