"""Handovers for the console tests, written straight into the test database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.db import make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.handover import repository
from bot.models.handover import STATUS_WAITING, Handover
from bot.settings import load_settings

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make_handover(session_id: str = "citizen-1", reason: str = ctx.REASON_CITIZEN_REQUEST,
                  minutes_ago: int = 1) -> int:
    now = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    events = [{"event": "user", "text": XSS, "timestamp": now.timestamp(),
               "parse_data": {"intent": {"name": "ask_case_status", "confidence": 0.42}}}]
    packet = ctx.build_context(reason=reason, events=events, slots={}, case=None, now=now)
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        return int(repository.create_handover(session, session_id=session_id, context=packet,
                                              status=STATUS_WAITING, now=now).id)


def stored(handover_id: int) -> Handover:
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        handover = session.get(Handover, handover_id)
        assert handover is not None
        session.expunge(handover)
        return handover
