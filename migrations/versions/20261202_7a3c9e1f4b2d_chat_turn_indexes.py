"""indexes for the per-turn look-ups of a chat's lines (rate limit, queued lines)

Every chat turn counts the citizen's lines of the last minute and asks whether a line of the
chat is queued; with only the `session_id` index both read every line of the chat, so a
turn's cost grew with the chat's length.

Revision ID: 7a3c9e1f4b2d
Revises: 5e1f0c2a9b7d
Create Date: 2026-12-02 02:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "7a3c9e1f4b2d"
down_revision: str | None = "5e1f0c2a9b7d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_chat_messages_session_sender_created", "chat_messages",
                    ["session_id", "sender", "created_at"])
    op.create_index("ix_chat_messages_session_forward_state", "chat_messages",
                    ["session_id", "forward_state"])


def downgrade() -> None:
    op.drop_index("ix_chat_messages_session_forward_state", table_name="chat_messages")
    op.drop_index("ix_chat_messages_session_sender_created", table_name="chat_messages")
