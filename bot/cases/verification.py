"""Proving a right to see a case: MitID identity or journal number plus receipt code.

Receipt-code tries are limited to 5 failures per conversation and per case within an hour,
counted from the attempts table. Unknown case and wrong code give the same result, and take
about the same time (the case system always runs the slow hash).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.cases import repository
from bot.cases.system import CaseSystem, PartyRecord, PersonCase
from bot.clock import as_utc, utcnow
from bot.db import session_scope
from bot.identity import METHOD_RECEIPT_CODE, VerifiedIdentity

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_WINDOW = timedelta(hours=1)

VERIFIED = "verified"
REJECTED = "rejected"
LOCKED = "locked"


@dataclass(frozen=True)
class VerificationResult:
    outcome: str  # VERIFIED, REJECTED or LOCKED
    journal_number: str
    party: PartyRecord | None = None


def is_locked(
    session: Session, *, conversation_id: str, journal_number: str | None, now: datetime
) -> bool:
    """Five failures in the last hour in this conversation, or against this case, lock it."""
    since = now - LOCKOUT_WINDOW
    if (
        repository.count_failed_attempts(session, since=since, conversation_id=conversation_id)
        >= MAX_FAILED_ATTEMPTS
    ):
        return True
    return journal_number is not None and (
        repository.count_failed_attempts(session, since=since, journal_number=journal_number)
        >= MAX_FAILED_ATTEMPTS
    )


async def verify_by_receipt_code(
    *,
    session_factory: sessionmaker,
    case_system: CaseSystem,
    conversation_id: str,
    journal_number: str,
    code: str,
    now: datetime | None = None,
) -> VerificationResult:
    """Check the code printed on a party's receipt letter; every try is recorded."""
    now = now or utcnow()
    with session_scope(session_factory) as session:
        locked = is_locked(
            session, conversation_id=conversation_id, journal_number=journal_number, now=now
        )
        # The try counts as a failure from before the check: concurrent tries (many
        # conversations at once against one case) see it, so no more than the limit of
        # codes is ever checked. It becomes a success only if the code matches.
        attempt = repository.record_attempt(
            session,
            conversation_id=conversation_id,
            journal_number=journal_number,
            method=METHOD_RECEIPT_CODE,
            outcome="locked" if locked else "failure",
            at=now,
        )
        session.flush()
        attempt_id = int(attempt.id)
    if locked:
        return VerificationResult(LOCKED, journal_number)

    try:
        party = await case_system.check_receipt_code(journal_number, code)
    except BaseException:
        # The case system failed, not the citizen: this try does not count.
        with session_scope(session_factory) as session:
            repository.set_attempt_outcome(session, attempt_id, "error")
        raise

    with session_scope(session_factory) as session:
        if party is not None:
            repository.set_attempt_outcome(session, attempt_id, "success")
            return VerificationResult(VERIFIED, journal_number, party)
        locked_now = is_locked(
            session, conversation_id=conversation_id, journal_number=journal_number, now=now
        )
    return VerificationResult(LOCKED if locked_now else REJECTED, journal_number)


def conversation_is_locked(
    session_factory: sessionmaker, conversation_id: str, now: datetime | None = None
) -> bool:
    with session_scope(session_factory) as session:
        return is_locked(
            session,
            conversation_id=conversation_id,
            journal_number=None,
            now=now or utcnow(),
        )


async def cases_of_identity(
    case_system: CaseSystem, identity: VerifiedIdentity
) -> list[PersonCase]:
    """The cases the MitID-verified person is a victim, witness or complainant in."""
    return await case_system.find_cases_of_person(identity.person_ref)


def verification_is_current(verified_at: str | None, ttl_minutes: int, now: datetime) -> bool:
    """A verification holds for `ttl_minutes`; a missing or unreadable time is not verified."""
    if not verified_at:
        return False
    try:
        at = as_utc(datetime.fromisoformat(verified_at))
    except ValueError:
        return False
    return at <= now + timedelta(seconds=5) and now - at < timedelta(minutes=ttl_minutes)
