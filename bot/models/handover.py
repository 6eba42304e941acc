"""Handovers to a human citizen advisor, their notes, and call-back requests.

The case context ("sagspakke") is stored twice on purpose: the full packet as JSON for the
context card, and the few fields the queue sorts and filters on as columns.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.engine import Connection

from bot.clock import utcnow
from bot.db import Base, stored_format_upkeep
from bot.formats import PHONE_DIGITS, format_danish_phone

STATUS_WAITING = "waiting"
STATUS_ACTIVE = "active"
STATUS_CALLBACK_OFFERED = "callback_offered"
STATUS_HANDED_BACK = "handed_back"
STATUS_CLOSED = "closed"

URGENCY_URGENT = "urgent"
URGENCY_NORMAL = "normal"
# Lower sorts first: the queue is ordered by this rank, then by waiting time.
URGENCY_RANK = {URGENCY_URGENT: 0, URGENCY_NORMAL: 1}

CALLBACK_OPEN = "open"
CALLBACK_DONE = "done"


class Handover(Base):
    __tablename__ = "handovers"
    __personal_data__ = ("open_question", "context_json", "journal_number", "person_ref")

    id = Column(Integer, primary_key=True)
    # The chat session id used by the gateway and as Rasa's sender id.
    session_id = Column(String(128), nullable=False, index=True)
    reason = Column(String(32), nullable=False)
    urgency = Column(String(16), nullable=False, default=URGENCY_NORMAL)
    urgency_rank = Column(Integer, nullable=False, default=1)
    status = Column(String(24), nullable=False, default=STATUS_WAITING, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    claimed_by = Column(Integer, ForeignKey("advisor_accounts.id"), nullable=True)
    claimed_at = Column(DateTime(timezone=True), nullable=True)
    ended_at = Column(DateTime(timezone=True), nullable=True)
    outcome = Column(String(32), nullable=True)
    category = Column(String(64), nullable=True)
    verified = Column(Boolean, nullable=False, default=False)
    person_ref = Column(String(128), nullable=True)
    journal_number = Column(String(32), nullable=True)
    open_question = Column(Text, nullable=False, default="")
    context_json = Column(Text, nullable=False, default="{}")


class HandoverNote(Base):
    """Internal notes between advisors; never shown to the citizen."""

    __tablename__ = "handover_notes"
    __personal_data__ = ("text",)

    id = Column(Integer, primary_key=True)
    handover_id = Column(Integer, ForeignKey("handovers.id"), nullable=False, index=True)
    author_id = Column(Integer, ForeignKey("advisor_accounts.id"), nullable=False)
    # "note", or "transfer" when written while passing the chat to a colleague.
    kind = Column(String(16), nullable=False, default="note")
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Callback(Base):
    """A citizen asked to be called back: the advisors' follow-up list."""

    __tablename__ = "callbacks"
    __personal_data__ = ("phone", "context_json")

    id = Column(Integer, primary_key=True)
    handover_id = Column(Integer, ForeignKey("handovers.id"), nullable=True, index=True)
    session_id = Column(String(128), nullable=False)
    # "+45 20 30 40 50" (bot.formats); rows from before issue 16 held 8 bare digits.
    phone = Column(String(32), nullable=False)
    time_window = Column(String(100), nullable=False)
    reason = Column(String(32), nullable=False)
    urgency = Column(String(16), nullable=False, default=URGENCY_NORMAL)
    status = Column(String(16), nullable=False, default=CALLBACK_OPEN, index=True)
    context_json = Column(Text, nullable=False, default="{}")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    done_by = Column(Integer, ForeignKey("advisor_accounts.id"), nullable=True)
    done_at = Column(DateTime(timezone=True), nullable=True)


_CALLBACK_PHONES = sa.table("callbacks", sa.column("id"), sa.column("phone"))


@stored_format_upkeep
def canonical_callback_phones(connection: Connection) -> int:
    """Rewrites call-back phones stored as 8 bare digits into the one stored form.

    Used by the Alembic migration (PostgreSQL) and by `bot.db.create_all` on the embedded
    profile's SQLite file at every start, so it must be cheap and safe to repeat.
    """
    bare = _CALLBACK_PHONES.c.phone.not_like("+45 %")
    rows = connection.execute(
        sa.select(_CALLBACK_PHONES.c.id, _CALLBACK_PHONES.c.phone).where(bare)
    )
    changed = 0
    for row_id, phone in rows.all():
        if re.fullmatch(rf"\d{{{PHONE_DIGITS}}}", phone or ""):
            connection.execute(
                sa.update(_CALLBACK_PHONES)
                .where(_CALLBACK_PHONES.c.id == row_id)
                .values(phone=format_danish_phone(phone))
            )
            changed += 1
    return changed
