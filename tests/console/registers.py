"""Records in the registers (inquiries, follow-ups, bookings, complaints) for the console
tests, written straight into the test database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from sqlalchemy.orm import Session

from bot.chat.transcripts import append_message, create_session
from bot.db import make_engine, make_session_factory, session_scope
from bot.inquiries.repository import link_case, open_inquiry, set_category
from bot.requests.booking import create_booking
from bot.requests.complaints import register_service_complaint
from bot.requests.followup import create_followup_request
from bot.requests.validation import TimeWindow
from bot.settings import load_settings

T = TypeVar("T")
XSS = '<script>alert("x")</script>'


def in_db(work: Callable[[Session], T]) -> T:
    engine = make_engine(load_settings().database)
    try:
        with session_scope(make_session_factory(engine)) as session:
            return work(session)
    finally:
        engine.dispose()


def make_inquiry(text: str = XSS, journal_number: str | None = "0100-12345-00001-26",
                 category: str = "case_status") -> str:
    """A chat with a transcript and its inquiry; returns the inquiry's reference."""
    def work(session: Session) -> str:
        chat = create_session(session, address_key="test-address")
        append_message(session, str(chat.id), sender="citizen", text=text)
        append_message(session, str(chat.id), sender="bot", text="Hej, hvad kan jeg hjælpe med?")
        inquiry = open_inquiry(session, str(chat.id))
        set_category(session, str(chat.id), category)
        if journal_number:
            link_case(session, str(chat.id), journal_number)
        return str(inquiry.reference)

    return in_db(work)


def make_followup() -> int:
    now = datetime.now(timezone.utc)
    window = TimeWindow(start=now + timedelta(days=1), end=now + timedelta(days=1, hours=2))
    return in_db(lambda s: int(create_followup_request(
        s, conversation_id="followup-chat", name="Jens Hansen", phone="12345678", window=window,
        topic=XSS, journal_number=None, promised_by=now.date() + timedelta(days=2), now=now).id))


def make_booking() -> int:
    return in_db(lambda s: int(create_booking(
        s, conversation_id="booking-chat", organisation="Grundejerforeningen Solsikken",
        topic="Indbrud i kvarteret", place="Fælleshuset", wished_dates="uge 50",
        contact_name="Lise", contact="lise@example.dk", now=datetime.now(timezone.utc)).id))


def make_complaint() -> int:
    return in_db(lambda s: int(register_service_complaint(
        s, conversation_id="complaint-chat", complaint_type="waiting_time", description=XSS,
        now=datetime.now(timezone.utc)).id))
