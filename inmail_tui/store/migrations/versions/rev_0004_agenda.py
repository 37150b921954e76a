"""The daily agenda's holds, and the indexes its reads and the queue's usage query need.

Revision ID: 0004
Revises: 0003

- ``agenda_hold``: a line of the agenda (a prospect and an action) held off it until a day:
  skipped, snoozed, or done when the pipeline has nothing to record (both backends).
- ``ix_prospect_status_on`` (status, status_on, priority, cost_class): the agenda reads a
  status's oldest rows first (requests to withdraw, follow-ups, InMails due) without a scan or
  a sort, and picks an InMail's fit and cost class from the index before reading the row (5
  times faster on 1,000,000 prospects, bench/agenda.py).
- ``ix_touch_on``: touches by day.
- PostgreSQL only: the live-change trigger (``store/notify.py``) on ``agenda_hold``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inmail_tui.store.notify import install_notify, remove_notify

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# the tables this revision starts watching (frozen: later revisions add their own)
TABLES = ("agenda_hold",)


def upgrade() -> None:
    op.create_table(
        "agenda_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["prospect_id"], ["prospect.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_agenda_hold_prospect_id", "agenda_hold", ["prospect_id"])
    op.create_index("ix_agenda_hold_until", "agenda_hold", ["until", "prospect_id"])
    op.create_index(
        "ix_prospect_status_on", "prospect", ["status", "status_on", "priority", "cost_class"]
    )
    op.create_index("ix_touch_on", "touch", ["on"])
    install_notify(op.get_bind(), TABLES)


def downgrade() -> None:
    remove_notify(op.get_bind(), TABLES, function=False)
    op.drop_index("ix_touch_on", table_name="touch")
    op.drop_index("ix_prospect_status_on", table_name="prospect")
    op.drop_index("ix_agenda_hold_until", table_name="agenda_hold")
    op.drop_index("ix_agenda_hold_prospect_id", table_name="agenda_hold")
    op.drop_table("agenda_hold")
