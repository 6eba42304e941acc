"""Inquiry repository: open, update and find inquiries. Small functions taking a `Session`.

The gateway calls `register_new_conversation` when a chat starts and `open_inquiry` when one
is resumed; actions call `ensure_inquiry`, so the record exists even if the gateway has not
written it yet (`open_inquiry` and `ensure_inquiry` are idempotent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import COPENHAGEN, as_utc, utcnow
from bot.inquiries.references import new_reference
from bot.models.audit import record_audit
from bot.models.inquiries import CHANNELS, INQUIRY_OUTCOMES, Inquiry

MAX_REFERENCE_TRIES = 10


class InquiryNotFound(LookupError):
    """No inquiry with that reference or conversation id."""


def get_by_conversation(session: Session, conversation_id: str) -> Inquiry | None:
    return session.execute(
        select(Inquiry).where(Inquiry.conversation_id == conversation_id)
    ).scalar_one_or_none()


def get_by_reference(session: Session, reference: str) -> Inquiry | None:
    return session.execute(
        select(Inquiry).where(Inquiry.reference == reference.strip().upper())
    ).scalar_one_or_none()


def open_inquiry(
    session: Session,
    conversation_id: str,
    *,
    channel: str = "web",
    started_at: datetime | None = None,
) -> Inquiry:
    """Register the inquiry of a conversation; returns the existing one if already there.

    Safe to call twice and safe against a concurrent `ensure_inquiry` from the action server
    (unique conversation id). The row is flushed, not committed: the caller's
    `session_scope` commits.
    """
    existing = get_by_conversation(session, conversation_id)
    if existing is not None:
        return existing
    return register_new_conversation(session, conversation_id, channel=channel,
                                     started_at=started_at)


def register_new_conversation(
    session: Session,
    conversation_id: str,
    *,
    channel: str = "web",
    started_at: datetime | None = None,
) -> Inquiry:
    """Register the inquiry of a conversation created in this same transaction.

    Called by the gateway when a chat starts, before its first message reaches Rasa, so an
    inquiry exists even if everything after that crashes. Nothing can be registered for a
    conversation that did not exist, so there is no read first (a chat start is the
    gateway's dearest request: docs/BENCHMARKS.md, "Gateway overhead, fifth pass"); the
    unique constraints decide, and a taken reference is drawn again.
    """
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}; expected one of {CHANNELS}")
    moment = as_utc(started_at or utcnow())
    for _ in range(MAX_REFERENCE_TRIES):
        inquiry = Inquiry(
            reference=new_reference(moment.astimezone(COPENHAGEN).year),
            conversation_id=conversation_id,
            channel=channel,
            started_at=moment,
            last_activity_at=moment,
            bot_answers=0,
        )
        try:
            with session.begin_nested():
                session.add(inquiry)
        except IntegrityError:
            # Either another process registered this conversation first, or (rarely) took
            # the same reference.
            existing = get_by_conversation(session, conversation_id)
            if existing is not None:
                return existing
            continue
        return inquiry
    raise RuntimeError("Could not register the inquiry after several reference collisions")


def ensure_inquiry(
    session: Session, conversation_id: str, *, channel: str = "web", now: datetime | None = None
) -> Inquiry:
    """The conversation's inquiry, created if missing, with its last activity updated."""
    inquiry = open_inquiry(session, conversation_id, channel=channel, started_at=now)
    moment = as_utc(now or utcnow())
    if as_utc(inquiry.last_activity_at) < moment:
        inquiry.last_activity_at = moment
    return inquiry


def update_outcome(
    session: Session, conversation_id: str, outcome: str, *, at: datetime | None = None
) -> Inquiry:
    """Record what came of the inquiry; a weaker outcome never replaces a stronger one."""
    if outcome not in INQUIRY_OUTCOMES:
        raise ValueError(f"Unknown outcome {outcome!r}; expected one of {INQUIRY_OUTCOMES}")
    inquiry = ensure_inquiry(session, conversation_id, now=at)
    current = inquiry.outcome
    if current is None or INQUIRY_OUTCOMES.index(outcome) >= INQUIRY_OUTCOMES.index(current):
        inquiry.outcome = outcome
        inquiry.outcome_at = as_utc(at or utcnow())
    return inquiry


def note_bot_answer(session: Session, conversation_id: str, *, at: datetime | None = None) -> None:
    """Count an answer the bot gave (knowledge, case status), for the "answered" share."""
    inquiry = ensure_inquiry(session, conversation_id, now=at)
    inquiry.bot_answers = (inquiry.bot_answers or 0) + 1


def set_category(session: Session, conversation_id: str, category: str) -> Inquiry:
    """The topic of the inquiry (e.g. a knowledge category); the latest topic wins."""
    inquiry = ensure_inquiry(session, conversation_id)
    inquiry.category = category[:64]
    return inquiry


def link_case(session: Session, conversation_id: str, journal_number: str) -> Inquiry:
    """Link the case the citizen has proven a right to (call only after verification)."""
    inquiry = ensure_inquiry(session, conversation_id)
    inquiry.journal_number = journal_number
    return inquiry


def record_handover_requested(
    session: Session, conversation_id: str, *, at: datetime | None = None
) -> Inquiry:
    """Start of the wait for an advisor (the handover module calls this)."""
    inquiry = ensure_inquiry(session, conversation_id, now=at)
    if inquiry.handover_requested_at is None:
        inquiry.handover_requested_at = as_utc(at or utcnow())
    return inquiry


def record_advisor_joined(
    session: Session, conversation_id: str, advisor_id: str, *, at: datetime | None = None
) -> Inquiry:
    """An advisor took over: ends the wait and marks the inquiry as handed over."""
    moment = as_utc(at or utcnow())
    inquiry = update_outcome(session, conversation_id, "handed_over", at=moment)
    if inquiry.handover_requested_at is None:
        inquiry.handover_requested_at = moment
    if inquiry.advisor_joined_at is None:
        inquiry.advisor_joined_at = moment
    inquiry.advisor_id = advisor_id
    return inquiry


def close_idle_inquiries(session: Session, *, idle_since: datetime, now: datetime) -> int:
    """Give every inquiry that went quiet without an outcome its final outcome.

    Idle inquiries where the bot answered count as answered by the bot; the rest were
    abandoned. Returns how many were closed. Meant for a periodic job.
    """
    idle = session.execute(
        select(Inquiry).where(
            Inquiry.outcome.is_(None),
            Inquiry.ended_at.is_(None),
            Inquiry.last_activity_at < as_utc(idle_since),
        )
    ).scalars()
    closed = 0
    for inquiry in idle:
        inquiry.outcome = "answered_by_bot" if inquiry.bot_answers else "abandoned"
        inquiry.outcome_at = as_utc(now)
        inquiry.ended_at = as_utc(inquiry.last_activity_at)
        closed += 1
    return closed


@dataclass(frozen=True)
class InquirySearch:
    """Search criteria for advisors and supervisors; every field is optional."""

    reference: str | None = None
    journal_number: str | None = None
    start: date | None = None  # first local day, inclusive
    end: date | None = None  # last local day, inclusive
    category: str | None = None
    limit: int = 200


def local_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants of the start of `start` and of the day after `end`, in Danish time."""
    first = datetime.combine(start, time.min, tzinfo=COPENHAGEN)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=COPENHAGEN)
    return as_utc(first), as_utc(after)


def search_inquiries(session: Session, criteria: InquirySearch) -> Sequence[Inquiry]:
    """Inquiries matching all given criteria, newest first."""
    query = select(Inquiry)
    if criteria.reference:
        query = query.where(Inquiry.reference == criteria.reference.strip().upper())
    if criteria.journal_number:
        query = query.where(Inquiry.journal_number == criteria.journal_number.strip())
    if criteria.category:
        query = query.where(Inquiry.category == criteria.category)
    if criteria.start or criteria.end:
        first, after = local_day_bounds(
            criteria.start or date(1970, 1, 1), criteria.end or date(9999, 12, 30)
        )
        query = query.where(Inquiry.started_at >= first, Inquiry.started_at < after)
    query = query.order_by(Inquiry.started_at.desc(), Inquiry.id.desc()).limit(criteria.limit)
    return session.execute(query).scalars().all()


def open_inquiry_for_staff(session: Session, reference: str, *, advisor_id: str) -> Inquiry:
    """Fetch an inquiry for an advisor or supervisor; the opening is written to the audit log.

    The console opens the transcript through this so every look at a citizen's conversation
    leaves a trace (who, when, which inquiry).
    """
    inquiry = get_by_reference(session, reference)
    if inquiry is None:
        raise InquiryNotFound(reference)
    record_audit(
        session,
        actor_type="advisor",
        actor_id=advisor_id,
        action="inquiry_opened",
        subject_type="inquiry",
        subject_id=inquiry.reference,
    )
    return inquiry


def used_categories(session: Session) -> list[str]:
    """The categories inquiries have been given so far, for the search form."""
    return list(
        session.execute(
            select(Inquiry.category).where(Inquiry.category.is_not(None))
            .distinct().order_by(Inquiry.category)
        ).scalars()
    )
