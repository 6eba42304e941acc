"""Deleting one citizen's data on request (GDPR art. 17), and recording that it happened.

A citizen is found by their chat session id (the Rasa sender id, also the inquiry's
conversation id) or by a journal number they gave (every conversation and request that names
it). Everything we hold from those conversations goes: transcript, chat session, inquiry and
its requests (follow-up calls, officer bookings, complaints, ratings), handovers with their
notes and call-backs, and verification attempts. With a party reference, that party's
contact data (phone, e-mail) on the case mirror is cleared too; the case itself belongs to
the case system.

The audit log keeps one line saying what was deleted (counts and the pseudonymous identifier
the operator gave), never the deleted content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db import session_scope
from bot.models.audit import record_audit
from bot.models.cases import Party, VerificationAttempt
from bot.models.chat import ChatMessage, ChatSession
from bot.models.handover import Callback, Handover, HandoverNote
from bot.models.inquiries import Inquiry
from bot.models.requests import (
    ChatRating,
    FollowUpAttempt,
    FollowUpRequest,
    OfficerBooking,
    ServiceComplaint,
)


class NothingToDelete(LookupError):
    """No data matched the identifier (the operator should check it)."""


@dataclass
class DeletionReport:
    counts: dict[str, int] = field(default_factory=dict)
    # The conversations found, so Rasa's own store can be cleaned too (bot/rasa_tracker.py).
    conversations: set[str] = field(default_factory=set)

    def add(self, table: str, count: int | None) -> None:
        self.counts[table] = self.counts.get(table, 0) + int(count or 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        return " ".join(f"{table}={count}" for table, count in sorted(self.counts.items()))


def _conversations(session: Session, session_id: str | None, journal: str | None) -> set[str]:
    ids: set[str] = {session_id} if session_id else set()
    if journal:
        for query in (
            select(Inquiry.conversation_id).where(Inquiry.journal_number == journal),
            select(Handover.session_id).where(Handover.journal_number == journal),
            select(VerificationAttempt.conversation_id)
            .where(VerificationAttempt.journal_number == journal),
        ):
            ids.update(str(value) for value in session.execute(query).scalars())
    return ids


def _delete(session: Session, report: DeletionReport, table: str, statement: object) -> None:
    result = session.execute(statement.execution_options(  # type: ignore[attr-defined]
        synchronize_session=False))
    report.add(table, result.rowcount)


def _delete_requests(session: Session, report: DeletionReport, inquiry_ids: list[int],
                     journal: str | None) -> None:
    followups = select(FollowUpRequest.id).where(
        or_(FollowUpRequest.inquiry_id.in_(inquiry_ids),
            FollowUpRequest.journal_number == journal if journal else False)
    )
    followup_ids = list(session.execute(followups).scalars())
    _delete(session, report, "followup_attempts",
            delete(FollowUpAttempt).where(FollowUpAttempt.request_id.in_(followup_ids)))
    _delete(session, report, "followup_requests",
            delete(FollowUpRequest).where(FollowUpRequest.id.in_(followup_ids)))
    for model, table in ((OfficerBooking, "officer_bookings"),
                         (ServiceComplaint, "service_complaints"),
                         (ChatRating, "chat_ratings")):
        _delete(session, report, table,
                delete(model).where(model.inquiry_id.in_(inquiry_ids)))  # type: ignore[attr-defined]


def delete_citizen_data(
    session: Session,
    *,
    session_id: str | None = None,
    journal_number: str | None = None,
    party_ref: str | None = None,
) -> DeletionReport:
    """Delete everything held about one citizen; raises NothingToDelete if nothing matched."""
    if not (session_id or journal_number or party_ref):
        raise ValueError("give a session id, a journal number or a party reference")
    report = DeletionReport()
    conversations = _conversations(session, session_id, journal_number)
    report.conversations = set(conversations)
    inquiry_ids = list(session.execute(
        select(Inquiry.id).where(Inquiry.conversation_id.in_(conversations))).scalars())
    _delete_requests(session, report, inquiry_ids, journal_number)
    _delete(session, report, "inquiries", delete(Inquiry).where(Inquiry.id.in_(inquiry_ids)))

    handover_filter = Handover.session_id.in_(conversations)
    if journal_number:
        handover_filter = or_(handover_filter, Handover.journal_number == journal_number)
    handover_ids = list(session.execute(select(Handover.id).where(handover_filter)).scalars())
    _delete(session, report, "handover_notes",
            delete(HandoverNote).where(HandoverNote.handover_id.in_(handover_ids)))
    _delete(session, report, "callbacks", delete(Callback).where(
        or_(Callback.handover_id.in_(handover_ids), Callback.session_id.in_(conversations))))
    _delete(session, report, "handovers", delete(Handover).where(Handover.id.in_(handover_ids)))

    _delete(session, report, "verification_attempts", delete(VerificationAttempt).where(
        VerificationAttempt.conversation_id.in_(conversations)))
    _delete(session, report, "chat_messages",
            delete(ChatMessage).where(ChatMessage.session_id.in_(conversations)))
    _delete(session, report, "chat_sessions",
            delete(ChatSession).where(ChatSession.id.in_(conversations)))
    if party_ref:
        # The case mirror keeps the party (the case needs it); only contact data goes.
        _delete(session, report, "party_contact_data", update(Party)
                .where(Party.party_ref == party_ref, or_(Party.phone.is_not(None),
                                                         Party.email.is_not(None)))
                .values(phone=None, email=None))
    if report.total == 0:
        raise NothingToDelete("no data found for the given identifier")
    return report


def delete_and_audit(
    factory: sessionmaker,
    *,
    session_id: str | None = None,
    journal_number: str | None = None,
    party_ref: str | None = None,
    operator: str = "cli",
) -> DeletionReport:
    """Delete in one transaction, with the audit line in the same transaction."""
    with session_scope(factory) as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:
            # Overwrite deleted rows with zeros instead of leaving them in free pages.
            session.execute(text("PRAGMA secure_delete=ON"))
        report = delete_citizen_data(session, session_id=session_id,
                                     journal_number=journal_number, party_ref=party_ref)
        subject_type, subject_id = (
            ("chat_session", session_id) if session_id
            else ("case", journal_number) if journal_number
            else ("party", party_ref)
        )
        record_audit(
            session,
            actor_type="system",
            actor_id=f"delete-citizen-data:{operator}"[:128],
            action="citizen_data_deleted",
            subject_type=subject_type,
            subject_id=str(subject_id)[:128],
            detail=report.summary(),
        )
    if sqlite:
        # The write-ahead log still holds the old pages until a checkpoint copies them back.
        with factory.kw["bind"].connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return report
