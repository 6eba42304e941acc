"""Inquiry repository: registration, outcomes, search and audited opening."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.inquiries import repository
from bot.inquiries.repository import (
    InquirySearch,
    close_idle_inquiries,
    ensure_inquiry,
    link_case,
    open_inquiry,
    open_inquiry_for_staff,
    record_advisor_joined,
    record_handover_requested,
    register_new_conversation,
    search_inquiries,
    set_category,
    update_outcome,
)
from bot.models.audit import AuditEvent

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def test_open_inquiry_is_idempotent_per_conversation(session: Session) -> None:
    first = open_inquiry(session, "conv-1", started_at=T0)
    again = open_inquiry(session, "conv-1")
    assert again.id == first.id
    assert first.reference.startswith("HV-2026-")


def test_a_reference_already_taken_is_never_reused(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = open_inquiry(session, "conv-1", started_at=T0).reference
    candidates = iter([taken, taken, "HV-2026-ZZZZZZ"])
    monkeypatch.setattr(repository, "new_reference", lambda _year: next(candidates))
    second = open_inquiry(session, "conv-2", started_at=T0)
    assert second.reference == "HV-2026-ZZZZZZ"


def test_a_new_chat_draws_another_reference_when_its_first_is_taken(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = open_inquiry(session, "conv-1", started_at=T0).reference
    candidates = iter([taken, "HV-2026-YYYYYY"])
    monkeypatch.setattr(repository, "new_reference", lambda _year: next(candidates))
    assert register_new_conversation(session, "conv-2", started_at=T0).reference == (
        "HV-2026-YYYYYY")


def test_a_new_chat_the_action_server_registered_first_keeps_that_inquiry(
    session: Session,
) -> None:
    first = ensure_inquiry(session, "conv-3", now=T0)
    assert register_new_conversation(session, "conv-3", started_at=T0).id == first.id


def test_ensure_inquiry_creates_once_and_moves_last_activity_forward(session: Session) -> None:
    ensure_inquiry(session, "conv-1", now=T0)
    later = T0.replace(hour=10)
    inquiry = ensure_inquiry(session, "conv-1", now=later)
    assert repository.as_utc(inquiry.last_activity_at) == later
    assert len(session.execute(select(repository.Inquiry)).scalars().all()) == 1


def test_a_weaker_outcome_never_replaces_a_stronger_one(session: Session) -> None:
    update_outcome(session, "conv-1", "handed_over", at=T0)
    inquiry = update_outcome(session, "conv-1", "answered_by_bot", at=T0)
    assert inquiry.outcome == "handed_over"
    with pytest.raises(ValueError, match="Unknown outcome"):
        update_outcome(session, "conv-1", "solved")


def test_advisor_joining_records_the_wait_and_the_advisor(session: Session) -> None:
    record_handover_requested(session, "conv-1", at=T0)
    joined = T0.replace(minute=4)
    inquiry = record_advisor_joined(session, "conv-1", "advisor-7", at=joined)
    assert inquiry.outcome == "handed_over"
    assert inquiry.advisor_id == "advisor-7"
    assert repository.as_utc(inquiry.advisor_joined_at) == joined


def test_search_by_reference_journal_number_category_and_danish_days(session: Session) -> None:
    # 23:30 UTC on 19 November is 00:30 on 20 November in Copenhagen.
    late = open_inquiry(
        session, "late", started_at=datetime(2026, 11, 19, 23, 30, tzinfo=timezone.utc)
    )
    early = open_inquiry(
        session, "early", started_at=datetime(2026, 11, 19, 22, 30, tzinfo=timezone.utc)
    )
    link_case(session, "late", "1234-56789-01234-56")
    set_category(session, "early", "witness")
    session.flush()

    by_day = search_inquiries(
        session, InquirySearch(start=date(2026, 11, 20), end=date(2026, 11, 20))
    )
    assert [i.conversation_id for i in by_day] == ["late"]
    by_reference = search_inquiries(session, InquirySearch(reference=early.reference.lower()))
    assert [i.id for i in by_reference] == [early.id]
    by_journal = search_inquiries(session, InquirySearch(journal_number="1234-56789-01234-56"))
    assert [i.id for i in by_journal] == [late.id]
    assert [i.id for i in search_inquiries(session, InquirySearch(category="witness"))] == [
        early.id
    ]


def test_opening_an_inquiry_for_staff_is_audited(session: Session) -> None:
    inquiry = open_inquiry(session, "conv-1", started_at=T0)
    opened = open_inquiry_for_staff(session, inquiry.reference, advisor_id="advisor-3")
    session.flush()
    audit = session.execute(select(AuditEvent)).scalar_one()
    assert opened.id == inquiry.id
    assert (audit.actor_id, audit.action, audit.subject_id) == (
        "advisor-3",
        "inquiry_opened",
        inquiry.reference,
    )
    with pytest.raises(repository.InquiryNotFound):
        open_inquiry_for_staff(session, "HV-2026-XXXXXX", advisor_id="advisor-3")


def test_idle_inquiries_close_as_answered_or_abandoned(session: Session) -> None:
    ensure_inquiry(session, "answered", now=T0)
    repository.note_bot_answer(session, "answered", at=T0)
    ensure_inquiry(session, "silent", now=T0)
    ensure_inquiry(session, "recent", now=T0.replace(hour=12))
    closed = close_idle_inquiries(session, idle_since=T0.replace(hour=11), now=T0.replace(hour=13))
    assert closed == 2
    outcomes = {
        i.conversation_id: i.outcome for i in session.execute(select(repository.Inquiry)).scalars()
    }
    assert outcomes == {"answered": "answered_by_bot", "silent": "abandoned", "recent": None}
