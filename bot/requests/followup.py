"""Follow-up calls (tryghedsopfølgning): register, list for advisors, record each try.

Works like a call-back list: "reached" closes the request; "try again" keeps it open;
"not reached" keeps it open until `max_attempts` tries were made, then it is closed as
unreached so the list does not fill with numbers nobody answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.clock import as_utc, utcnow
from bot.inquiries.repository import ensure_inquiry, update_outcome
from bot.models.requests import ATTEMPT_OUTCOMES, FollowUpAttempt, FollowUpRequest
from bot.requests.validation import TimeWindow

DEFAULT_MAX_ATTEMPTS = 3


class RequestNotFound(LookupError):
    """No request with that id."""


class RequestClosed(ValueError):
    """The request is no longer open, so no further tries can be recorded."""


def create_followup_request(
    session: Session,
    *,
    conversation_id: str,
    name: str,
    phone: str,
    window: TimeWindow,
    topic: str,
    journal_number: str | None,
    promised_by: date | None,
    now: datetime,
    channel: str = "web",
) -> FollowUpRequest:
    """Register the request and mark the inquiry's outcome as a booked call-back."""
    inquiry = ensure_inquiry(session, conversation_id, channel=channel, now=now)
    request = FollowUpRequest(
        inquiry_id=inquiry.id,
        created_at=as_utc(now),
        name=name,
        phone=phone,
        window_start=as_utc(window.start),
        window_end=as_utc(window.end),
        topic=topic,
        journal_number=journal_number,
        promised_by=promised_by,
        status="open",
    )
    session.add(request)
    update_outcome(session, conversation_id, "callback_booked", at=now)
    session.flush()
    return request


def open_followups(session: Session, *, limit: int = 500) -> Sequence[FollowUpRequest]:
    """The advisors' work list: open requests, the earliest promise first, tries loaded."""
    return (
        session.execute(
            select(FollowUpRequest)
            .where(FollowUpRequest.status == "open")
            .options(selectinload(FollowUpRequest.attempts))
            .order_by(FollowUpRequest.promised_by, FollowUpRequest.window_start)
            .limit(limit)
        )
        .scalars()
        .all()
    )


def get_followup(session: Session, request_id: int) -> FollowUpRequest:
    request = session.execute(
        select(FollowUpRequest)
        .where(FollowUpRequest.id == request_id)
        .options(selectinload(FollowUpRequest.attempts))
    ).scalar_one_or_none()
    if request is None:
        raise RequestNotFound(request_id)
    return request


def record_attempt(
    session: Session,
    request_id: int,
    *,
    advisor_id: str,
    outcome: str,
    note: str = "",
    at: datetime | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> FollowUpAttempt:
    """Record one try to call back and move the request on accordingly."""
    if outcome not in ATTEMPT_OUTCOMES:
        raise ValueError(f"Unknown attempt outcome {outcome!r}; expected one of {ATTEMPT_OUTCOMES}")
    request = get_followup(session, request_id)
    if request.status != "open":
        raise RequestClosed(f"follow-up request {request_id} is {request.status}")
    moment = as_utc(at or utcnow())
    attempt = FollowUpAttempt(
        request_id=request.id, attempted_at=moment, advisor_id=advisor_id, outcome=outcome,
        note=note,
    )
    session.add(attempt)
    tries = len(request.attempts) + 1
    if outcome == "reached":
        request.status, request.closed_at = "completed", moment
    elif outcome == "not_reached" and tries >= max_attempts:
        request.status, request.closed_at = "unreached", moment
    session.flush()
    return attempt
