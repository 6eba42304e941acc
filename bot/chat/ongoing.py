"""Chats the bot is handling right now, for an advisor who wants to step in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models.chat import OWNER_BOT, SENDER_CITIZEN, ChatMessage, ChatSession


def recent_bot_chats(session: Session, *, active_since: datetime,
                     limit: int = 50) -> list[ChatSession]:
    """Bot-owned chats with activity since `active_since`, the most recent first."""
    return list(session.execute(
        select(ChatSession)
        .where(ChatSession.owner == OWNER_BOT, ChatSession.last_activity_at >= active_since)
        .order_by(ChatSession.last_activity_at.desc())
        .limit(limit)
    ).scalars())


def last_citizen_text(session: Session, session_id: str) -> str | None:
    """The citizen's latest message as stored (masked), or None if they have not written."""
    text = session.execute(
        select(ChatMessage.text)
        .where(ChatMessage.session_id == session_id, ChatMessage.sender == SENDER_CITIZEN)
        .order_by(ChatMessage.seq.desc()).limit(1)
    ).scalar_one_or_none()
    return None if text is None else str(text)
