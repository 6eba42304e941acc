"""Service complaints and the supervisor's outcome."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.inquiries.repository import get_by_conversation
from bot.models.audit import AuditEvent
from bot.requests.complaints import (
    pending_complaints,
    record_complaint_outcome,
    register_service_complaint,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def test_registered_complaint_is_pending_until_a_supervisor_decides(session: Session) -> None:
    complaint = register_service_complaint(
        session,
        conversation_id="conv-1",
        complaint_type="waiting_time",
        description="Ventede en time",
        now=NOW,
    )
    assert get_by_conversation(session, "conv-1").outcome == "complaint_registered"  # type: ignore[union-attr]
    assert [c.id for c in pending_complaints(session)] == [complaint.id]
    record_complaint_outcome(session, complaint.id, "upheld", supervisor_id="sup-1", at=NOW)
    assert pending_complaints(session) == []
    audit = session.execute(select(AuditEvent)).scalar_one()
    assert (audit.action, audit.detail) == ("complaint_outcome_recorded", "upheld")


def test_unknown_types_and_outcomes_are_refused(session: Session) -> None:
    with pytest.raises(ValueError):
        register_service_complaint(
            session, conversation_id="c", complaint_type="noise", description="", now=NOW
        )
    complaint = register_service_complaint(
        session, conversation_id="c", complaint_type="other", description="", now=NOW
    )
    with pytest.raises(ValueError):
        record_complaint_outcome(session, complaint.id, "pending", supervisor_id="sup-1")
