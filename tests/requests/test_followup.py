"""The follow-up list: registration, tries and their outcomes."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy.orm import Session

from bot.clock import COPENHAGEN
from bot.inquiries.repository import get_by_conversation
from bot.requests.followup import (
    RequestClosed,
    create_followup_request,
    get_followup,
    open_followups,
    record_attempt,
)
from bot.requests.validation import TimeWindow

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
WINDOW = TimeWindow(
    datetime(2026, 11, 23, 10, 0, tzinfo=COPENHAGEN),
    datetime(2026, 11, 23, 12, 0, tzinfo=COPENHAGEN),
)


def _request(session: Session, conversation: str, promised_by: date) -> int:
    request = create_followup_request(
        session,
        conversation_id=conversation,
        name="Anne Hansen",
        phone="+45 20 30 40 50",
        window=WINDOW,
        topic="Utryg efter indbrud",
        journal_number=None,
        promised_by=promised_by,
        now=NOW,
    )
    return int(request.id)


def test_a_follow_up_request_marks_the_inquiry_as_call_back_booked(session: Session) -> None:
    _request(session, "conv-1", date(2026, 11, 24))
    inquiry = get_by_conversation(session, "conv-1")
    assert inquiry is not None and inquiry.outcome == "callback_booked"


def test_the_work_list_holds_open_requests_earliest_promise_first(session: Session) -> None:
    later = _request(session, "conv-1", date(2026, 11, 25))
    sooner = _request(session, "conv-2", date(2026, 11, 24))
    assert [r.id for r in open_followups(session)] == [sooner, later]


def test_reached_closes_the_request_and_try_again_keeps_it_open(session: Session) -> None:
    request_id = _request(session, "conv-1", date(2026, 11, 24))
    record_attempt(session, request_id, advisor_id="a1", outcome="try_again", at=NOW)
    assert get_followup(session, request_id).status == "open"
    record_attempt(session, request_id, advisor_id="a1", outcome="reached", at=NOW)
    session.expire_all()
    request = get_followup(session, request_id)
    assert request.status == "completed"
    assert [a.outcome for a in request.attempts] == ["try_again", "reached"]
    with pytest.raises(RequestClosed):
        record_attempt(session, request_id, advisor_id="a1", outcome="reached")


def test_not_reached_three_times_closes_the_request_as_unreached(session: Session) -> None:
    request_id = _request(session, "conv-1", date(2026, 11, 24))
    for _ in range(3):
        record_attempt(session, request_id, advisor_id="a1", outcome="not_reached", at=NOW)
        session.expire_all()
    assert get_followup(session, request_id).status == "unreached"


def test_an_unknown_attempt_outcome_is_refused(session: Session) -> None:
    request_id = _request(session, "conv-1", date(2026, 11, 24))
    with pytest.raises(ValueError, match="Unknown attempt outcome"):
        record_attempt(session, request_id, advisor_id="a1", outcome="voicemail")
