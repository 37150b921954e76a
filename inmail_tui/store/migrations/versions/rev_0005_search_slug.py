"""A smaller SQLite search index: the profile URL's slug, two columns (schema version 5).

Revision ID: 0005
Revises: 0004

Every prospect's URL is ``https://www.linkedin.com/in/<slug>``: that constant was a third of
the trigram index, and the index half of a 1,000,000-prospect database. Version 5 indexes the
URL as its slug, the searchable columns but the tags as one text joined by spaces, then the
tags, with no per-prospect column sizes: 431 MB to 208 MB, 0.79x the prospect table
(docs/performance.md, "Database size"). The index is dropped and built again over the view
``prospect_search_content`` (``store/search.py``), with its triggers, in the upgrade's one
transaction. That also brings back the triggers revision 0002's rebuild of ``prospect``
dropped: a database upgraded from version 1 no longer indexed new or edited prospects.

PostgreSQL: unchanged (its pg_trgm index is on the full text, URL and all).

This revision installs the current index (``install_search``): when the index changes again,
the next revision freezes this one's statements, as ``SQLITE_DDL_V1`` froze version 1's.
"""

from __future__ import annotations

from alembic import op

from inmail_tui.store.search import SQLITE_DDL_V1, install_search, rebuild_search, remove_search

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    remove_search(conn)
    install_search(conn)  # a new index: every prospect is indexed in one statement


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    remove_search(conn)
    for statement in SQLITE_DDL_V1:
        conn.exec_driver_sql(statement)
    rebuild_search(conn)
