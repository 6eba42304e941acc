"""the chat's language (issue #18)

Revision ID: 5e1f0c2a9b7d
Revises: 5c1d7e2a9b3f
Create Date: 2026-12-01 11:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e1f0c2a9b7d"
down_revision: str | None = "5c1d7e2a9b3f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_sessions") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=2), nullable=False, server_default="da")
        )
        batch.add_column(
            sa.Column("language_confirmed", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("chat_sessions") as batch:
        batch.drop_column("language_confirmed")
        batch.drop_column("language")
