"""Small queries on the case tables; each takes the caller's session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload, undefer

from bot.db import update_by_key
from bot.models.cases import Case, Party, VerificationAttempt


def get_case(session: Session, journal_number: str) -> Case | None:
    return session.execute(
        select(Case).where(Case.journal_number == journal_number)
    ).scalar_one_or_none()


def get_case_with(session: Session, journal_number: str, *details: Any) -> Case | None:
    """The case with the given relationships (e.g. `Case.events`) loaded, one query each.

    Only what the caller reads: a status card asks for parties, events and decisions in
    separate calls, and loading all three every time tripled its queries.
    """
    return session.execute(
        select(Case)
        .where(Case.journal_number == journal_number)
        .options(*(selectinload(detail) for detail in details))
    ).scalar_one_or_none()


def parties_with_code_hashes(session: Session, journal_number: str) -> list[Party]:
    """Parties of a case with their (otherwise deferred) receipt-code hashes."""
    return list(
        session.execute(
            select(Party)
            .join(Case, Party.case_id == Case.id)
            .where(Case.journal_number == journal_number)
            .options(undefer(Party.receipt_code_hash))
            .order_by(Party.id)
        ).scalars()
    )


def parties_of_person(session: Session, person_ref: str) -> list[Party]:
    return list(
        session.execute(
            select(Party)
            .where(Party.person_ref == person_ref)
            .options(joinedload(Party.case))
            .order_by(Party.id)
        ).scalars()
    )


def journal_numbers(session: Session) -> set[str]:
    return set(session.execute(select(Case.journal_number)).scalars())


def count_failed_attempts(
    session: Session,
    *,
    since: datetime,
    conversation_id: str | None = None,
    journal_number: str | None = None,
) -> int:
    query = select(func.count(VerificationAttempt.id)).where(
        VerificationAttempt.at >= since, VerificationAttempt.outcome == "failure"
    )
    if conversation_id is not None:
        query = query.where(VerificationAttempt.conversation_id == conversation_id)
    if journal_number is not None:
        query = query.where(VerificationAttempt.journal_number == journal_number)
    return int(session.execute(query).scalar_one())


def record_attempt(
    session: Session,
    *,
    conversation_id: str,
    journal_number: str,
    method: str,
    outcome: str,
    at: datetime,
) -> VerificationAttempt:
    attempt = VerificationAttempt(
        conversation_id=conversation_id,
        journal_number=journal_number,
        method=method,
        outcome=outcome,
        at=at,
    )
    session.add(attempt)
    return attempt


def set_attempt_outcome(session: Session, attempt_id: int, outcome: str) -> None:
    """Settle a try recorded before its check ("failure" until the code proved right)."""
    update_by_key(session, VerificationAttempt.id, attempt_id, outcome=outcome)
