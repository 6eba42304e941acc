"""Retention and deletion: transcripts past retention are purged, and one citizen's data is
deleted on request (`python -m bot.cli delete-citizen-data`), with an audit line that names
what was deleted and carries none of it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.chat.transcripts import append_message, create_session
from bot.cli import main
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.models.accounts import AdvisorAccount
from bot.models.audit import AuditEvent
from bot.models.cases import Case, Party, VerificationAttempt
from bot.models.chat import ChatMessage, ChatSession
from bot.models.handover import Callback, Handover, HandoverNote
from bot.models.inquiries import Inquiry
from bot.models.requests import FollowUpAttempt, FollowUpRequest, ServiceComplaint
from bot.settings import load_settings

JOURNAL = "0100-80150-04711-26"
NOW = datetime.now(timezone.utc)


@pytest.fixture
def factory() -> Iterator[sessionmaker]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    sessions = make_session_factory(engine)
    with session_scope(sessions) as session:
        session.add(AdvisorAccount(id=1, username="anna", display_name="Anna",
                                   role="advisor", password_hash="-"))
    yield sessions
    engine.dispose()


def _citizen(session: Session, marker: str, *, journal: str | None = None,
             quiet_days: int = 0) -> str:
    """One citizen's footprint in every table that holds citizen data; returns the session id."""
    at = NOW - timedelta(days=quiet_days)
    chat = create_session(session, address_key="addr", now=at)
    sid = str(chat.id)
    append_message(session, sid, sender="citizen", text=f"Jeg hedder {marker}", now=at)
    append_message(session, sid, sender="bot", text="Tak.", now=at)
    inquiry = Inquiry(reference=f"HV-2026-{sid[:6]}", conversation_id=sid,
                      channel="web", started_at=at, last_activity_at=at, journal_number=journal)
    session.add(inquiry)
    session.flush()
    followup = FollowUpRequest(inquiry_id=inquiry.id, name=marker, phone="+45 99887766",
                               window_start=at, window_end=at + timedelta(hours=2),
                               topic=f"{marker} er bange", journal_number=journal)
    session.add(followup)
    session.flush()
    session.add(FollowUpAttempt(request_id=followup.id, advisor_id="1", outcome="not_reached",
                                note=f"{marker} tog ikke telefonen"))
    session.add(ServiceComplaint(inquiry_id=inquiry.id, complaint_type="other",
                                 description=f"{marker} klager"))
    handover = Handover(session_id=sid, reason="citizen_request", open_question=marker,
                        context_json=f'{{"q": "{marker}"}}', journal_number=journal)
    session.add(handover)
    session.flush()
    session.add(HandoverNote(handover_id=handover.id, author_id=1, text=f"note om {marker}"))
    session.add(Callback(handover_id=handover.id, session_id=sid, phone="+4599887766",
                         time_window="i morgen", reason="citizen_request",
                         context_json=f'{{"q": "{marker}"}}'))
    session.add(VerificationAttempt(conversation_id=sid, journal_number=journal or "-",
                                    method="receipt_code", outcome="failure", at=at))
    return sid


def _count(session: Session, model: type, **where: str) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return int(session.execute(query).scalar_one())


def _footprint(session: Session, sid: str) -> dict[str, int]:
    return {
        "chat_sessions": _count(session, ChatSession, id=sid),
        "chat_messages": _count(session, ChatMessage, session_id=sid),
        "inquiries": _count(session, Inquiry, conversation_id=sid),
        "handovers": _count(session, Handover, session_id=sid),
        "callbacks": _count(session, Callback, session_id=sid),
        "verification_attempts": _count(session, VerificationAttempt, conversation_id=sid),
    }


def _audit(session: Session, action: str) -> list[AuditEvent]:
    return list(session.execute(select(AuditEvent).where(AuditEvent.action == action))
                .scalars())


def _db_bytes() -> bytes:
    path = Path(str(load_settings().database.url).removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_deleting_one_citizen_by_session_removes_all_of_theirs_and_nothing_else(
    factory: sessionmaker, capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(factory) as session:
        gone = _citizen(session, "Karoline Sletmigsen")
        kept = _citizen(session, "Bent Beholdes")
    assert b"Karoline Sletmigsen" in _db_bytes()

    assert main(["delete-citizen-data", "--session", gone]) == 0
    assert "Deleted" in capsys.readouterr().out
    with session_scope(factory) as session:
        assert set(_footprint(session, gone).values()) == {0}
        assert set(_footprint(session, kept).values()) == {1, 2}
        assert _count(session, FollowUpRequest) == 1 and _count(session, FollowUpAttempt) == 1
        assert _count(session, HandoverNote) == 1 and _count(session, ServiceComplaint) == 1
        [event] = _audit(session, "citizen_data_deleted")
        assert (event.subject_type, event.subject_id) == ("chat_session", gone)
        assert "chat_messages=2" in event.detail and "followup_requests=1" in event.detail
        assert "Karoline" not in event.detail + event.subject_id + event.actor_id
    # Not left behind in free pages of the database file or in its write-ahead log either.
    blob = _db_bytes()
    assert b"Karoline Sletmigsen" not in blob and b"Bent Beholdes" in blob


def test_deleting_by_journal_number_finds_every_conversation_that_named_it(
    factory: sessionmaker,
) -> None:
    with session_scope(factory) as session:
        first = _citizen(session, "Victor Offer", journal=JOURNAL)
        second = _citizen(session, "Victor Offer igen", journal=JOURNAL)
        other = _citizen(session, "Anden Borger", journal="0100-80150-00001-26")
        case = Case(journal_number=JOURNAL, police_district="Midt- og Vestsjælland",
                    offence_category="vold", current_step="efterforskning",
                    reported_on=date.today())
        session.add(case)
        session.flush()
        session.add(Party(case_id=case.id, party_ref="party-victor", role="victim",
                          name="Victor Offer", phone="+45 99887766", email="victor@example.dk"))
    assert main(["delete-citizen-data", "--journal-number", JOURNAL,
                 "--party-ref", "party-victor"]) == 0
    with session_scope(factory) as session:
        assert set(_footprint(session, first).values()) == {0}
        assert set(_footprint(session, second).values()) == {0}
        assert set(_footprint(session, other).values()) == {1, 2}
        party = session.execute(select(Party)).scalar_one()
        assert (party.phone, party.email, party.role) == (None, None, "victim")
        [event] = _audit(session, "citizen_data_deleted")
        assert (event.subject_type, event.subject_id) == ("case", JOURNAL)
        assert "party_contact_data=1" in event.detail
        assert "victor" not in event.detail.lower()


def test_an_unknown_identifier_deletes_nothing_and_says_so(
    factory: sessionmaker, capsys: pytest.CaptureFixture[str]
) -> None:
    with session_scope(factory) as session:
        kept = _citizen(session, "Bent Beholdes")
    assert main(["delete-citizen-data", "--session", "no-such-session"]) == 1
    assert "nothing was deleted" in capsys.readouterr().err
    with session_scope(factory) as session:
        assert set(_footprint(session, kept).values()) == {1, 2}
        assert _audit(session, "citizen_data_deleted") == []
    with pytest.raises(SystemExit):
        main(["delete-citizen-data"])  # an identifier is required


def test_purge_deletes_transcripts_past_retention_and_is_audited(
    factory: sessionmaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_TRANSCRIPT_RETENTION_DAYS", "30")
    with session_scope(factory) as session:
        old = _citizen(session, "Gammel Samtale", quiet_days=31)
        recent = _citizen(session, "Ny Samtale", quiet_days=29)
    assert main(["purge-transcripts"]) == 0
    with session_scope(factory) as session:
        assert _count(session, ChatSession, id=old) == 0
        assert _count(session, ChatMessage, session_id=old) == 0
        assert _count(session, ChatSession, id=recent) == 1
        assert _count(session, ChatMessage, session_id=recent) == 2
        [event] = _audit(session, "transcripts_purged")
        assert "deleted=1" in event.detail and "retention_days=30" in event.detail
