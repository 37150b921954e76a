"""Live updates on PostgreSQL and dismissed duplicates.

Revision ID: 0003
Revises: 0002

- ``duplicate_dismissal``: pairs of prospects the user said are not the same person (both
  backends).
- PostgreSQL only: a statement-level trigger on each table users see that notifies the
  ``inmail_tui`` channel (``store/notify.py``), so an open app hears other sessions' writes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inmail_tui.store.notify import install_notify, remove_notify

revision = "0003"
down_revision = "0002"

# the tables watched as of this revision (frozen: later revisions add their own)
TABLES = ("pool", "ledger_entry", "prospect", "touch", "draft", "duplicate_dismissal", "seat")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_dismissal",
        sa.Column("low_id", sa.Integer(), nullable=False),
        sa.Column("high_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("low_id < high_id", name="ck_dismissal_order"),
        sa.ForeignKeyConstraint(["low_id"], ["prospect.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["high_id"], ["prospect.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("low_id", "high_id"),
    )
    install_notify(op.get_bind(), TABLES)


def downgrade() -> None:
    remove_notify(op.get_bind(), TABLES, function=True)
    op.drop_table("duplicate_dismissal")
