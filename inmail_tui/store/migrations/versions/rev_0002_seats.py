"""Seats, claims and who did what: team pools (schema version 2).

Revision ID: 0002
Revises: 0001

A ``seat`` table (a person working from a pool, with the admin's monthly limit); the seat that
caused each ledger entry and each touch; a prospect's owner seat and the day it was claimed.
Every new column is nullable: a pool without seats works as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SEAT_COLUMNS = (("ledger_entry", "seat_id"), ("touch", "seat_id"), ("prospect", "owner_seat"))


def upgrade() -> None:
    op.create_table(
        "seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("monthly_limit", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["pool_id"], ["pool.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pool_id", "name", name="uq_seat_pool_name"),
    )
    for table, column in _SEAT_COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_{column}", "seat", [column], ["id"], ondelete="SET NULL"
            )
    with op.batch_alter_table("prospect") as batch:
        batch.add_column(sa.Column("claimed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("prospect") as batch:
        batch.drop_column("claimed_on")
    for table, column in reversed(_SEAT_COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_{column}", type_="foreignkey")
            batch.drop_column(column)
    op.drop_table("seat")
