"""Inquiries (henvendelser): one row per conversation, written when it starts.

The row is created before the citizen's first message is answered and updated as the
conversation goes, so a crash loses nothing and every inquiry can be found again (seed 2.2.5).
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, DateTime, Integer, String, column, or_

from bot.clock import utcnow
from bot.db import Base

CHANNELS = ("web", "phone", "other")

# Ordered by weight: a later outcome only replaces an earlier one if it weighs at least as
# much, so "handed over" is never overwritten by a late "answered by the bot".
INQUIRY_OUTCOMES = (
    "abandoned",
    "answered_by_bot",
    "callback_booked",
    "officer_booked",
    "complaint_registered",
    "handed_over",
)


class Inquiry(Base):
    __tablename__ = "inquiries"
    # No free text and no contact data here: those live on the requests that need them.
    __personal_data__ = ()
    __table_args__ = (
        CheckConstraint(
            or_(column("outcome").is_(None), column("outcome").in_(INQUIRY_OUTCOMES)),
            name="outcome_known",
        ),
    )

    id = Column(Integer, primary_key=True)
    # Human-friendly and unique, e.g. HV-2026-4K7Q2M; given to the citizen in the chat.
    reference = Column(String(20), nullable=False, unique=True)
    # The chat session id (Rasa sender id): pseudonymous, never a name.
    conversation_id = Column(String(128), nullable=False, unique=True)
    channel = Column(String(16), nullable=False, default="web")
    category = Column(String(64), nullable=True, index=True)
    started_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    last_activity_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    outcome = Column(String(32), nullable=True, index=True)
    outcome_at = Column(DateTime(timezone=True), nullable=True)
    # The case the citizen proved a right to (set after verification only).
    journal_number = Column(String(19), nullable=True, index=True)
    # Bot answers given; an idle inquiry with answers counts as answered, without as abandoned.
    bot_answers = Column(Integer, nullable=False, default=0)
    handover_requested_at = Column(DateTime(timezone=True), nullable=True)
    advisor_joined_at = Column(DateTime(timezone=True), nullable=True)
    # The advisor's account id in the console (not a name).
    advisor_id = Column(String(64), nullable=True)
    ended_at = Column(DateTime(timezone=True), nullable=True)
