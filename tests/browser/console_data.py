"""A console full of realistic work, written straight into the test database: waiting chats
(one urgent, one waiting long, one in English), two chats held by the advisor (one verified
with its case), a call-back, follow-ups, bookings, complaints, inquiries and a month of
dashboard data. Used by the accessibility checks and the README's screenshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bot.chat.transcripts import append_message, create_session, set_owner
from bot.clock import local_now
from bot.console.auth import create_account
from bot.dashboard.sample_data import generate_sample_data
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.handover import queue, repository
from bot.inquiries.repository import open_inquiry, set_category
from bot.models.handover import STATUS_WAITING
from bot.requests.booking import create_booking
from bot.requests.complaints import register_service_complaint
from bot.requests.followup import create_followup_request
from bot.requests.validation import TimeWindow
from bot.settings import load_settings

T = TypeVar("T")
PASSWORD = "en-lang-adgangskode-til-test"


@dataclass
class Seeded:
    advisor: str
    supervisor: str
    waiting: list[int]
    mine: list[int]
    callback: int
    inquiry: str


def in_db(work: Callable[[Session], T]) -> T:
    engine = make_engine(load_settings().database)
    create_all(engine)
    try:
        with session_scope(make_session_factory(engine)) as session:
            return work(session)
    finally:
        engine.dispose()


def user(text: str, intent: str, confidence: float, at: datetime) -> dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": at.timestamp(),
            "parse_data": {"intent": {"name": intent, "confidence": confidence}}}


def bot(text: str, at: datetime) -> dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": at.timestamp()}


def witness_case(today: Any) -> ctx.CaseSummary:
    """A witness's case at the court hearing: the hearing is on a weekday two weeks ahead."""
    hearing = today + timedelta(days=14)
    while hearing.weekday() >= 5:
        hearing += timedelta(days=1)
    return {
        "journal_number": "0100-80150-01234-26", "offence_category": "vold",
        "current_step": "retsmoede",
        "last_events": [
            {"date": (today - timedelta(days=days)).isoformat(), "text": text}
            for days, text in ((60, "Politiet modtog anmeldelsen."),
                               (21, "Anklagemyndigheden rejste tiltale."),
                               (7, "Retten har berammet et retsmøde."))
        ],
        "deadlines": [{"kind": "next_hearing", "due": f"{hearing.isoformat()}T09:30:00"}],
        "contact_person": "Politiassistent Mette Holm, tlf. 114",
    }


def _chat(session: Session, now: datetime, lines: list[tuple[str, str]], *,
          owner: str | None = None) -> str:
    chat = create_session(session, address_key="seed", now=now)
    for sender, text in lines:
        append_message(session, str(chat.id), sender=sender, text=text)
    open_inquiry(session, str(chat.id), started_at=now)
    if owner:
        set_owner(session, str(chat.id), owner)
    return str(chat.id)


def seed_console() -> Seeded:
    """Everything the console's pages show, for an advisor "anna" and a supervisor "sara"."""
    now = datetime.now(timezone.utc)
    today = local_now().date()

    def work(session: Session) -> Seeded:
        anna = int(create_account(session, username="anna", password=PASSWORD, role="advisor",
                                  display_name="Anna Jensen").id)
        create_account(session, username="sara", password=PASSWORD, role="supervisor",
                       display_name="Sara Nielsen")
        create_account(session, username="bo", password=PASSWORD, role="advisor",
                       display_name="Bo Larsen")
        generate_sample_data(session, inquiries=900, start=today - timedelta(days=29), days=30,
                             today=today)
        waiting = []
        for minutes, reason, question, intent, language in (
            (2, ctx.REASON_SENSITIVE_THREATS, "Min eks skriver hele tiden til mig, og jeg er bange",
             "sensitive_threats", "da"),
            (9, ctx.REASON_CITIZEN_REQUEST, "Hvornår får jeg min cykel tilbage?",
             "ask_case_status", "da"),
            (1, ctx.REASON_NOT_UNDERSTOOD, "I was robbed at the train station, what do I do?",
             "nlu_fallback", "en"),
        ):
            at = now - timedelta(minutes=minutes)
            events = [user(question, intent, 0.81, at),
                      user("jeg vil tale med en person", "request_human", 0.95, at)]
            packet = ctx.build_context(reason=reason, events=events, slots={}, case=None, now=at,
                                       language=language)
            session_id = _chat(session, at, [("citizen", question)], owner="advisor")
            waiting.append(int(repository.create_handover(
                session, session_id=session_id, context=packet, status=STATUS_WAITING,
                now=at).id))

        mine = []
        at = now - timedelta(minutes=6)
        events = [user("hvornår er retsmødet i min sag", "ask_case_status", 0.88, at),
                  bot("Din sag 0100-80150-01234-26 er nu her: Retsmøde.", at),
                  user("skal jeg sige noget i retten? jeg er nervøs", "kb_vidnepligt", 0.64, at),
                  user("kan jeg tale med en person", "request_human", 0.97, at)]
        slots = {"verified_case": "0100-80150-01234-26", "verified_method": "receipt_code",
                 "verified_role": "witness", "knowledge_answers_given": ["vidnepligt",
                                                                         "vidnegodtgoerelse"]}
        packet = ctx.build_context(reason=ctx.REASON_CITIZEN_REQUEST, events=events, slots=slots,
                                   case=witness_case(today), now=at)
        session_id = _chat(session, at, [
            ("citizen", "hvornår er retsmødet i min sag"),
            ("bot", "Hvad er journalnummeret på din sag?"),
            ("citizen", "0100-80150-01234-26"),
            ("bot", "Din sag 0100-80150-01234-26 er nu her: Retsmøde."),
            ("citizen", "skal jeg sige noget i retten? jeg er nervøs"),
            ("bot", "Som vidne har du pligt til at møde op og svare på spørgsmål."),
            ("citizen", "kan jeg tale med en person"),
            ("system", "En borgerrådgiver har overtaget samtalen."),
        ], owner="advisor")
        first = repository.create_handover(session, session_id=session_id, context=packet,
                                           status=STATUS_WAITING, now=at)
        queue.claim(session, int(first.id), anna, now - timedelta(minutes=4))
        mine.append(int(first.id))
        at = now - timedelta(minutes=3)
        events = [user("hvordan klager jeg over en betjent", "complain", 0.77, at),
                  user("en person tak", "request_human", 0.9, at)]
        packet = ctx.build_context(reason=ctx.REASON_COMPLAINT, events=events, slots={},
                                   case=None, now=at)
        session_id = _chat(session, at, [("citizen", "hvordan klager jeg over en betjent"),
                                                 ("citizen", "en person tak")], owner="advisor")
        second = repository.create_handover(session, session_id=session_id, context=packet,
                                            status=STATUS_WAITING, now=at)
        queue.claim(session, int(second.id), anna, now - timedelta(minutes=1))
        mine.append(int(second.id))

        callback = repository.create_callback(
            session, session_id=session_id, phone="12 34 56 78", time_window="formiddag",
            reason=ctx.REASON_SENSITIVE_VIOLENCE, urgency=ctx.URGENT,
            context_json=ctx.dumps(packet), now=now - timedelta(hours=1))
        window = TimeWindow(start=now + timedelta(days=1), end=now + timedelta(days=1, hours=2))
        create_followup_request(session, conversation_id="seed-followup", name="Jens Hansen",
                                phone="12345678", window=window, topic="Spørgsmål om erstatning",
                                journal_number=None, promised_by=today + timedelta(days=2),
                                now=now)
        create_booking(session, conversation_id="seed-booking",
                       organisation="Grundejerforeningen Solsikken", topic="Indbrud i kvarteret",
                       place="Fælleshuset", wished_dates="uge 50", contact_name="Lise",
                       contact="lise@example.dk", now=now)
        register_service_complaint(session, conversation_id="seed-complaint",
                                   complaint_type="waiting_time",
                                   description="Jeg ventede længe i telefonen.", now=now)
        chat = create_session(session, address_key="seed")
        append_message(session, str(chat.id), sender="citizen", text="hvad er offererstatning")
        append_message(session, str(chat.id), sender="bot", text="Erstatning til ofre ...")
        reference = str(open_inquiry(session, str(chat.id)).reference)
        set_category(session, str(chat.id), "victim_rights")
        return Seeded("anna", "sara", waiting, mine, int(callback.id), reference)

    return in_db(work)
