"""call-back phones in the one stored form

Revision ID: 948a2554fc9a
Revises: cda8b4a0c255
Create Date: 2026-12-01 07:05:00.000000
"""
# Data only, no schema change: call-back phones were stored as 8 bare digits ("12345678")
# before issue 16; every phone number is now stored as "+45 12 34 56 78" (bot.formats).

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from bot.models.handover import canonical_callback_phones

revision: str = "948a2554fc9a"
down_revision: str | None = "cda8b4a0c255"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    canonical_callback_phones(op.get_bind())


def downgrade() -> None:
    # Nothing to undo: the older code stores and shows "+45 12 34 56 78" as it is.
    pass
