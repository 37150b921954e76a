"""Alembic's environment, run programmatically by ``inmail_tui.store.schema``.

The caller passes an open connection (already in its write transaction) in
``config.attributes["connection"]``; there is no ``alembic.ini`` and no logging setup.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

from inmail_tui.store import models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("inmail-tui migrations run through inmail_tui.store.schema, not the CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite rebuilds tables for ALTERs it lacks
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
