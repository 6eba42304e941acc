"""Citizen chat sessions and their transcripts, stored as the conversation happens.

A session row is the server's verified state about one chat: who owns it (the bot or an
advisor), which button payloads it was last offered, and the identity the website vouched for.
Message text is stored masked (`bot.masking`), never in clear.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import relationship

from bot.clock import utcnow
from bot.db import Base, stored_format_upkeep

OWNER_BOT = "bot"
OWNER_ADVISOR = "advisor"

SENDER_CITIZEN = "citizen"
SENDER_BOT = "bot"
SENDER_ADVISOR = "advisor"
SENDER_SYSTEM = "system"

# A citizen message's way to Rasa: on its way, answered, deliberately not sent (advisor
# owns), or waiting until Rasa can be reached again (bot/gateway/redelivery.py).
FORWARD_PENDING = "pending"
FORWARD_QUEUED = "queued"
FORWARD_DONE = "done"
FORWARD_SKIPPED = "skipped"


class ChatSession(Base):
    """One citizen's chat; its id is the Rasa sender id and is only ever in a signed cookie."""

    __tablename__ = "chat_sessions"
    __personal_data__ = ("identity",)

    id = Column(String(64), primary_key=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    last_activity_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    # Keyed hash of the client address: enough to count new sessions per address, and not
    # reversible into the address without the gateway's secret key.
    address_hash = Column(String(64), nullable=False, index=True)
    owner = Column(String(16), nullable=False, default=OWNER_BOT)
    # Sequence numbers are allocated from the row, so every message of a session has a
    # unique, gap-free position the browser can resume from.
    last_seq = Column(Integer, nullable=False, default=0)
    # Buttons of the bot's latest turn: [{"title": ..., "payload": ...}]. Only these payloads
    # are forwarded to Rasa as payloads; anything else a browser sends is treated as text.
    offered_buttons = Column(JSON, nullable=False, default=list)
    # The verified identity the website handed over (`br_identity`), or null.
    identity = Column(JSON, nullable=True)
    # The chat's language, "da" or "en" (issue #18), sent to Rasa as metadata `br_language`.
    # Confirmed once the citizen chose it (the widget's switch, the browser's language or the
    # "continue in English?" question); until then the gateway may suggest English.
    language = Column(String(2), nullable=False, default="da", server_default="da")
    language_confirmed = Column(Boolean, nullable=False, default=False, server_default="0")

    messages = relationship(
        "ChatMessage",
        back_populates="session",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ChatMessage(Base):
    """One line of the transcript, with its position (`seq`) in the session."""

    __tablename__ = "chat_messages"
    __personal_data__ = ("text", "card")
    __table_args__ = (
        UniqueConstraint("session_id", "seq", name="uq_chat_messages_session_seq"),
        UniqueConstraint("session_id", "client_id", name="uq_chat_messages_session_client_id"),
        # Every chat turn asks "how many lines did the citizen send in the last minute?" and
        # "is a line of this chat queued?": without these, both read every line of the chat.
        Index("ix_chat_messages_session_sender_created", "session_id", "sender", "created_at"),
        Index("ix_chat_messages_session_forward_state", "session_id", "forward_state"),
    )

    id = Column(Integer, primary_key=True)
    session_id = Column(
        ForeignKey("chat_sessions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    seq = Column(Integer, nullable=False)
    # The browser's own id for a citizen message; resends with the same id are not stored twice.
    client_id = Column(String(64), nullable=True)
    sender = Column(String(16), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    text = Column(Text, nullable=False, default="")
    buttons = Column(JSON, nullable=False, default=list)
    # A structured bot message (the case-status card, bot/cases/card.py), masked like the text.
    card = Column(JSON, nullable=True)
    forward_state = Column(String(16), nullable=True)

    session = relationship("ChatSession", back_populates="messages", lazy="raise")


@stored_format_upkeep
def add_card_column(connection: Connection) -> int:
    """An embedded SQLite file from before the status card gets the `card` column (once)."""
    columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(chat_messages)")}
    if "card" in columns:
        return 0
    connection.exec_driver_sql("ALTER TABLE chat_messages ADD COLUMN card JSON")
    return 1


@stored_format_upkeep
def add_chat_message_indexes(connection: Connection) -> int:
    """An embedded SQLite file from before an index of `chat_messages` gets it (once)."""
    existing = {row[1] for row in connection.exec_driver_sql("PRAGMA index_list(chat_messages)")}
    missing = [index for index in ChatMessage.__table__.indexes if index.name not in existing]
    for index in missing:
        index.create(connection)
    return len(missing)
