"""Baseline: the tables of schema version 1 (the first release).

Revision ID: 0001
Revises: (none)

The ``meta`` table is not part of the chain: it holds the schema version itself and exists
before any revision runs. Frozen: later changes are new revisions, never edits here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inmail_tui.store.search import FTS_TABLE, SQLITE_DDL_V1, install_search

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TEXT = sa.String()
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "pool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("plan_id", sa.String(length=64), nullable=False),
        sa.Column("renewal_day", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("overrides", TEXT, nullable=False),
        sa.Column("seat_limit", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "prospect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=512), nullable=False),
        *(
            sa.Column(name, TEXT, nullable=False)
            for name in ("first_name", "last_name", "full_name", "sort_name")
        ),
        *(sa.Column(name, TEXT, nullable=False) for name in ("company", "title", "email")),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("degree", sa.Integer(), nullable=False),
        sa.Column("degree_source", TEXT, nullable=False),
        *(
            sa.Column(name, sa.Boolean(), nullable=False)
            for name in (
                "premium",
                "open_profile",
                "accepts_inmail",
                "blocked",
                "shares_group",
                "applicant",
            )
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        *(
            sa.Column(name, TEXT, nullable=False)
            for name in ("cost_class", "user_tags", "notes", "sources", "sales_nav_url")
        ),
        sa.Column("connected_on", sa.Date(), nullable=True),
        sa.Column("extra", TEXT, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    for name, columns in (
        ("ix_prospect_cost", ["cost_class", "priority"]),
        ("ix_prospect_degree", ["degree", "id"]),
        ("ix_prospect_due", ["next_due", "id"]),
        ("ix_prospect_name", ["sort_name", "id"]),
        ("ix_prospect_priority", ["priority", "id"]),
        ("ix_prospect_status", ["status", "id"]),
    ):
        op.create_index(name, "prospect", columns)
    op.create_table(
        "template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("subject", TEXT, nullable=False),
        sa.Column("body", TEXT, nullable=False),
        sa.Column("variant", TEXT, nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=True),
        sa.Column("pool_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("subject", TEXT, nullable=False),
        sa.Column("body", TEXT, nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("variant", TEXT, nullable=False),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["pool_id"], ["pool.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["prospect_id"], ["prospect.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["template_id"], ["template.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_draft_prospect", "draft", ["prospect_id", "status"])
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=True),
        sa.Column("ref", sa.String(length=512), nullable=True),
        sa.Column("note", TEXT, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["pool_id"], ["pool.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pool_id", "key", name="uq_ledger_pool_key"),
    )
    op.create_index("ix_ledger_pool_on", "ledger_entry", ["pool_id", "on", "id"])
    op.create_table(
        "touch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("ledger_id", sa.Integer(), nullable=True),
        sa.Column("note", TEXT, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["draft.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["ledger_id"], ["ledger_entry.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["prospect_id"], ["prospect.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_touch_prospect", "touch", ["prospect_id", "on", "id"])
    # The full-text search index (SQLite FTS5 trigram, or pg_trgm) and its triggers: version 1
    # ships with them, so the baseline installs them as a new database of version 1 got them
    # (SQLite: version 1's index, frozen; 0005 replaces it).
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in SQLITE_DDL_V1:
            conn.exec_driver_sql(statement)
    else:
        install_search(conn)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for table in ("touch", "ledger_entry", "draft", "template", "prospect", "pool"):
        op.drop_table(table)
