"""The transcript's writes and the citizen turn's one read."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import sessionmaker

from bot.chat.transcripts import (
    BotLine,
    Button,
    append_bot_turn,
    append_message,
    create_session,
    get_session,
    get_turn_state,
    messages_after,
)
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.models.chat import FORWARD_DONE, FORWARD_QUEUED
from bot.settings import load_settings

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["returning", "update-then-select"])
def factory(request: pytest.FixtureRequest) -> sessionmaker:
    """Both ways of reading the new line number: RETURNING, and the fallback without it."""
    engine = make_engine(load_settings().database)
    create_all(engine)
    if request.param == "update-then-select":
        engine.dialect.update_returning = False
    return make_session_factory(engine)


def _chat(factory: sessionmaker) -> str:
    with session_scope(factory) as session:
        return str(create_session(session, address_key="k", now=NOW).id)


def test_a_bot_turn_follows_the_citizen_line_in_order_masked_with_its_buttons_offered(
    factory: sessionmaker,
) -> None:
    chat = _chat(factory)
    buttons = [Button(title="Ring 12345678", payload="/call"), Button(title="Nej", payload="/no")]
    with session_scope(factory) as session:
        append_message(session, chat, sender="citizen", text="hej", now=NOW)
        out = append_bot_turn(session, chat, [
            BotLine("Skriv til test@example.dk"),
            BotLine("Vil du ringes op?", buttons),
        ], offered=buttons, now=NOW)
    assert [line["seq"] for line in out] == [2, 3]
    assert "test@example.dk" not in out[0]["text"]
    assert "12345678" not in out[1]["buttons"][0]["title"]
    assert out[1]["buttons"][1] == {"title": "Nej", "payload": "/no"}
    with session_scope(factory) as session:
        stored = messages_after(session, chat, 0)
        assert [(m.seq, m.sender) for m in stored] == [(1, "citizen"), (2, "bot"), (3, "bot")]
        assert [m.text for m in stored[1:]] == [line["text"] for line in out]
        chat_row = get_session(session, chat)
        assert chat_row is not None
        assert chat_row.last_seq == 3
        assert [b["payload"] for b in chat_row.offered_buttons] == ["/call", "/no"]
        append_message(session, chat, sender="citizen", text="ja", now=NOW)
    with session_scope(factory) as session:
        assert messages_after(session, chat, 3)[0].seq == 4


def test_a_bot_turn_without_lines_still_replaces_the_offered_buttons(
    factory: sessionmaker,
) -> None:
    chat = _chat(factory)
    with session_scope(factory) as session:
        append_bot_turn(session, chat, [BotLine("Vælg", [Button(title="A", payload="/a")])],
                        offered=[Button(title="A", payload="/a")], now=NOW)
    with session_scope(factory) as session:
        assert append_bot_turn(session, chat, [], offered=[], now=NOW) == []
    with session_scope(factory) as session:
        chat_row = get_session(session, chat)
        assert chat_row is not None
        assert chat_row.offered_buttons == []


def test_the_turn_state_counts_the_windows_citizen_lines_and_sees_the_queue_and_a_resend(
    factory: sessionmaker,
) -> None:
    chat, other = _chat(factory), _chat(factory)
    with session_scope(factory) as session:
        append_message(session, chat, sender="citizen", text="gammel", client_id="old-one-1",
                       now=NOW - timedelta(minutes=5))
        for n in range(3):
            append_message(session, chat, sender="citizen", text="ny", client_id=f"new-one-{n}",
                           now=NOW, forward_state=FORWARD_DONE)
        append_message(session, chat, sender="bot", text="svar", now=NOW)
        append_message(session, other, sender="citizen", text="x", client_id="other-1",
                       now=NOW, forward_state=FORWARD_QUEUED)
    since = NOW - timedelta(minutes=1)
    with session_scope(factory) as session:
        fresh = get_turn_state(session, chat, client_id="brand-new", since=since)
        resend = get_turn_state(session, chat, client_id="new-one-1", since=since)
        queued = get_turn_state(session, other, client_id="new-one-1", since=since)
        missing = get_turn_state(session, "no-such-chat", client_id="x", since=since)
    assert fresh is not None and resend is not None and queued is not None
    assert (fresh.sent_since, fresh.queued, fresh.resent) == (3, False, False)
    assert resend.resent is True
    assert (queued.sent_since, queued.queued, queued.resent) == (1, True, False)
    assert fresh.chat.owner == "bot" and fresh.chat.language == "da"
    assert missing is None

