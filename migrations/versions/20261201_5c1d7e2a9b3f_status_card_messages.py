"""a transcript line may carry a structured card (the case-status card)

Revision ID: 5c1d7e2a9b3f
Revises: 948a2554fc9a
Create Date: 2026-12-01 11:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1d7e2a9b3f"
down_revision: str | None = "948a2554fc9a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_messages") as batch:
        batch.add_column(sa.Column("card", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_messages") as batch:
        batch.drop_column("card")
