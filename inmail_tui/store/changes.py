"""Has anyone changed the database since the last look? A cheap marker, read every few seconds by
an open app so that another process's writes (a CLI ``sent``) show without a key press.

SQLite: ``PRAGMA data_version`` on one connection kept open for it. SQLite changes that number
whenever another connection commits a change to the file (this process's own other connections
included), and never for the connection's own writes, which it makes none of. A query of one
page, no table read.

PostgreSQL: the largest id of each table that grows (pools, ledger entries, prospects, touches,
drafts) and the latest draft change: appends and drafts are seen, an edit in place of a
prospect's tags or notes is not.
"""

from __future__ import annotations

import threading

from sqlalchemy import Connection, Engine, Table, func, select
from sqlmodel import SQLModel

from inmail_tui.store import ledger_tables as _ledger  # noqa: F401
from inmail_tui.store import models as _models  # noqa: F401  (registers the tables)

Marker = tuple[object, ...]
_GROWING = ("pool", "ledger_entry", "prospect", "touch", "draft", "agenda_hold")


class ChangeWatch:
    """``marker()`` returns a value that differs once another connection changed the data."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()  # the kept connection is used by one thread at a time
        self._kept: Connection | None = None

    def marker(self) -> Marker:
        if self._engine.dialect.name != "sqlite":
            with self._engine.connect() as conn:
                return _fingerprint(conn)
        with self._lock:
            if self._kept is None:
                self._kept = self._engine.connect()
            value = self._kept.exec_driver_sql("PRAGMA data_version").scalar()
            self._kept.rollback()  # ends the implicit transaction SQLAlchemy began
            return (value,)

    def close(self) -> None:
        with self._lock:
            if self._kept is not None:
                self._kept.close()
                self._kept = None


def _fingerprint(conn: Connection) -> Marker:
    tables: list[Table] = [SQLModel.metadata.tables[name] for name in _GROWING]
    columns = [select(func.max(table.c.id)).scalar_subquery() for table in tables]
    draft = SQLModel.metadata.tables["draft"]
    columns.append(select(func.max(draft.c.updated_at)).scalar_subquery())
    return tuple(conn.execute(select(*columns)).one())
