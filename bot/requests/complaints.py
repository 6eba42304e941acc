"""Service complaints: registered from the chat with their type; supervisors record outcomes.

The counts by type and outcome feed the dashboard so the district can learn (seed 2.2.6).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import as_utc, utcnow
from bot.inquiries.repository import ensure_inquiry, update_outcome
from bot.models.audit import record_audit
from bot.models.requests import COMPLAINT_OUTCOMES, COMPLAINT_TYPES, ServiceComplaint

COMPLAINT_TYPE_TEXT_DA = {
    "waiting_time": "Ventetid",
    "rude_treatment": "Uhøflig behandling",
    "wrong_information": "Forkert information",
    "not_contacted": "Ikke kontaktet",
    "other": "Andet",
}


class ComplaintNotFound(LookupError):
    """No complaint with that id."""


def register_service_complaint(
    session: Session,
    *,
    conversation_id: str,
    complaint_type: str,
    description: str,
    now: datetime,
    channel: str = "web",
) -> ServiceComplaint:
    """Register the complaint; the conversation's inquiry is registered too if it is not yet."""
    if complaint_type not in COMPLAINT_TYPES:
        raise ValueError(f"Unknown complaint type {complaint_type!r}; expected {COMPLAINT_TYPES}")
    inquiry = ensure_inquiry(session, conversation_id, channel=channel, now=now)
    complaint = ServiceComplaint(
        inquiry_id=inquiry.id,
        created_at=as_utc(now),
        complaint_type=complaint_type,
        description=description,
        outcome="pending",
    )
    session.add(complaint)
    update_outcome(session, conversation_id, "complaint_registered", at=now)
    session.flush()
    return complaint


def pending_complaints(session: Session, *, limit: int = 500) -> Sequence[ServiceComplaint]:
    return (
        session.execute(
            select(ServiceComplaint)
            .where(ServiceComplaint.outcome == "pending")
            .order_by(ServiceComplaint.created_at)
            .limit(limit)
        )
        .scalars()
        .all()
    )


def record_complaint_outcome(
    session: Session,
    complaint_id: int,
    outcome: str,
    *,
    supervisor_id: str,
    at: datetime | None = None,
) -> ServiceComplaint:
    """The supervisor's decision (upheld or not upheld); audited, as it is a finding."""
    if outcome not in COMPLAINT_OUTCOMES or outcome == "pending":
        raise ValueError(f"Outcome must be 'upheld' or 'not_upheld', not {outcome!r}")
    complaint = session.get(ServiceComplaint, complaint_id)
    if complaint is None:
        raise ComplaintNotFound(complaint_id)
    complaint.outcome = outcome
    complaint.outcome_recorded_at = as_utc(at or utcnow())
    complaint.outcome_recorded_by = supervisor_id
    record_audit(
        session,
        actor_type="advisor",
        actor_id=supervisor_id,
        action="complaint_outcome_recorded",
        subject_type="service_complaint",
        subject_id=str(complaint_id),
        detail=outcome,
    )
    session.flush()
    return complaint
