"""Citizen messages waiting for Rasa: which ones, claiming one, and rescuing orphans.

A message is `queued` when no Rasa server could be connected to (it certainly did not run).
Claiming flips it back to `pending` with a conditional UPDATE, so of several gateway
replicas exactly one forwards it. A `pending` message whose gateway died mid-turn is an
orphan: nobody will finish it, so it is queued again and forwarded once more, like the
widget's resend of an unanswered message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement, Exists

from bot.models.chat import (
    FORWARD_PENDING,
    FORWARD_QUEUED,
    SENDER_CITIZEN,
    ChatMessage,
)


def queued_in_chat(chat_id: ColumnElement[Any]) -> Exists:
    """"A line of this chat waits for Rasa": a new one must queue behind it, to keep the order.

    The one definition; a citizen's turn reads it with the rest of its state
    (`bot.chat.transcripts.get_turn_state`).
    """
    return exists().where(ChatMessage.session_id == chat_id,
                          ChatMessage.forward_state == FORWARD_QUEUED)


_QUEUED_IN_CHAT = select(queued_in_chat(bindparam("chat_id")))


def has_queued(session: Session, session_id: str) -> bool:
    return bool(session.execute(_QUEUED_IN_CHAT, {"chat_id": session_id}).scalar())


def queued_messages(session: Session, limit: int = 200) -> list[tuple[int, str]]:
    """(message id, session id) of queued messages, oldest first."""
    query = (
        select(ChatMessage.id, ChatMessage.session_id)
        .where(ChatMessage.forward_state == FORWARD_QUEUED)
        .order_by(ChatMessage.id)
        .limit(limit)
    )
    return [(int(row.id), str(row.session_id)) for row in session.execute(query)]


def claim_queued(session: Session, message_id: int) -> bool:
    """Take one queued message for forwarding; False when it is not (any longer) queued."""
    result = session.execute(
        update(ChatMessage)
        .where(ChatMessage.id == message_id, ChatMessage.forward_state == FORWARD_QUEUED)
        .values(forward_state=FORWARD_PENDING)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def requeue_orphans(session: Session, *, created_before: datetime) -> int:
    """Queue again the `pending` citizen messages older than any turn still in flight."""
    result = session.execute(
        update(ChatMessage)
        .where(
            ChatMessage.forward_state == FORWARD_PENDING,
            ChatMessage.sender == SENDER_CITIZEN,
            ChatMessage.created_at < created_before,
        )
        .values(forward_state=FORWARD_QUEUED)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)
