"""The queue of messages waiting for Rasa: one claimant per message, orphans found by age."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import sessionmaker

from bot.chat.queue import claim_queued, has_queued, queued_messages, requeue_orphans
from bot.chat.transcripts import append_message, create_session
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.models.chat import FORWARD_DONE, FORWARD_PENDING, FORWARD_QUEUED, ChatMessage
from bot.settings import load_settings

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def _factory() -> sessionmaker:
    engine = make_engine(load_settings().database)
    create_all(engine)
    return make_session_factory(engine)


def _message(factory: sessionmaker, session_id: str, state: str, at: datetime = NOW) -> int:
    with session_scope(factory) as session:
        return int(append_message(session, session_id, sender="citizen", text="hej",
                                  forward_state=state, now=at).id)


def test_a_queued_message_is_claimed_by_exactly_one_claimant() -> None:
    factory = _factory()
    with session_scope(factory) as session:
        chat = str(create_session(session, address_key="k", now=NOW).id)
    first = _message(factory, chat, FORWARD_QUEUED)
    second = _message(factory, chat, FORWARD_QUEUED)
    with session_scope(factory) as session:
        assert has_queued(session, chat)
        assert queued_messages(session) == [(first, chat), (second, chat)]
    with session_scope(factory) as session:
        assert claim_queued(session, first) is True
    with session_scope(factory) as session:
        assert claim_queued(session, first) is False  # a second replica gets nothing
        assert session.get(ChatMessage, first).forward_state == FORWARD_PENDING
        assert queued_messages(session) == [(second, chat)]


def test_only_pending_citizen_messages_older_than_the_cutoff_are_queued_again() -> None:
    factory = _factory()
    with session_scope(factory) as session:
        chat = str(create_session(session, address_key="k", now=NOW).id)
    orphan = _message(factory, chat, FORWARD_PENDING, NOW - timedelta(minutes=5))
    in_flight = _message(factory, chat, FORWARD_PENDING, NOW)
    answered = _message(factory, chat, FORWARD_DONE, NOW - timedelta(minutes=5))
    with session_scope(factory) as session:
        assert requeue_orphans(session, created_before=NOW - timedelta(minutes=1)) == 1
    with session_scope(factory) as session:
        states = {m: session.get(ChatMessage, m).forward_state
                  for m in (orphan, in_flight, answered)}
    assert states == {orphan: FORWARD_QUEUED, in_flight: FORWARD_PENDING,
                      answered: FORWARD_DONE}
