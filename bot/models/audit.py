"""The audit log: every read of case data, every opening of a transcript or handover context."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.db import Base


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    # Who: "conversation", "advisor", "system" and their id (a conversation id, never a name).
    actor_type = Column(String(32), nullable=False)
    actor_id = Column(String(128), nullable=False)
    action = Column(String(64), nullable=False, index=True)
    subject_type = Column(String(32), nullable=False)
    subject_id = Column(String(128), nullable=False)
    # Free text written by our code only; never citizen text or personal data.
    detail = Column(Text, nullable=False, default="")


def record_audit(
    session: Session,
    *,
    actor_type: str,
    actor_id: str,
    action: str,
    subject_type: str,
    subject_id: str,
    detail: str = "",
) -> AuditEvent:
    event = AuditEvent(
        actor_type=actor_type,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail,
    )
    session.add(event)
    return event


def recent_events(session: Session, *, actor_type: str, limit: int) -> list[AuditEvent]:
    """The newest events of one kind of actor, newest first (the supervisor's page)."""
    return list(
        session.execute(
            select(AuditEvent).where(AuditEvent.actor_type == actor_type)
            .order_by(AuditEvent.at.desc()).limit(limit)
        ).scalars()
    )
