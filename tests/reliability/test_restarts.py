"""Rasa and the gateway restarted mid-conversation: nothing the citizen said or asked for is lost.

The gateway runs as its own process here (`python -m bot.webapp`), so a kill is a real crash:
no shutdown hooks, open connections cut. Conversation state lives in the tracker store, the
transcript and handover queue in our database, so both must come back whole.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from bot.chat import texts
from bot.db import make_engine, make_session_factory, session_scope
from bot.gateway.cookies import COOKIE_NAME
from bot.models.chat import (
    FORWARD_DONE,
    FORWARD_SKIPPED,
    OWNER_ADVISOR,
    OWNER_BOT,
    ChatMessage,
    ChatSession,
)
from bot.models.handover import STATUS_CALLBACK_OFFERED, STATUS_WAITING, Handover
from bot.settings import DatabaseSettings
from tests.reliability.processes import RASA_TOKEN, ManagedProcess, RasaStack

pytestmark = pytest.mark.model

JOURNAL_PROMPT_QUESTION = "hvor langt er min sag"
JOURNAL_NUMBER = "0100-80150-01234-26"


class Browser:
    """One citizen's browser: its own cookie jar, talking HTTP to the gateway process."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.origin = base_url
        # No keep-alive: a connection to a killed gateway must not be reused.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                          connector=aiohttp.TCPConnector(force_close=True))
        self._ids = 0

    async def start(self) -> None:
        async with self.http.post(f"{self.base_url}/api/session",
                                  headers={"Origin": self.origin}) as response:
            assert response.status == 200, await response.text()

    def next_id(self) -> str:
        self._ids += 1
        return f"{id(self):x}-{self._ids:04d}"

    async def say(self, text: str, client_id: str | None = None) -> dict[str, Any]:
        async with self.http.post(
            f"{self.base_url}/api/messages",
            json={"client_id": client_id or self.next_id(), "text": text},
            headers={"Origin": self.origin},
            timeout=aiohttp.ClientTimeout(total=60),
        ) as response:
            body: dict[str, Any] = await response.json()
            assert response.status == 200, body
            return body

    async def history(self, after: int = 0) -> list[dict[str, Any]]:
        async with self.http.get(f"{self.base_url}/api/messages?after={after}") as response:
            assert response.status == 200, await response.text()
            return list((await response.json())["messages"])

    async def turn(self, text: str) -> list[dict[str, Any]]:
        """Send one message; return the lines that came after it."""
        sent = await self.say(text)
        seq = int(sent["message"]["seq"])
        return [m for m in await self.history(seq)]

    def session_id(self) -> str:
        for cookie in self.http.cookie_jar:
            if cookie.key == COOKIE_NAME:
                return cookie.value.rpartition(".")[0]
        raise AssertionError("no chat cookie")

    async def close(self) -> None:
        await self.http.close()


@pytest.fixture
async def browsers(gateway_proc: ManagedProcess) -> AsyncIterator[list[Browser]]:
    base = gateway_proc.health_url.removesuffix("/health/live")
    opened = [Browser(base), Browser(base)]
    yield opened
    for browser in opened:
        await browser.close()


def _tracker(stack: RasaStack, session_id: str) -> dict[str, Any]:
    url = (f"{stack.rasa_url}/conversations/{urllib.parse.quote(session_id, safe='')}/tracker"
           f"?token={RASA_TOKEN}")
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        return dict(json.loads(response.read()))


def _user_texts(tracker: dict[str, Any]) -> list[str]:
    return [str(e.get("text")) for e in tracker["events"] if e.get("event") == "user"]


def _db_rows(stack: RasaStack, session_id: str) -> tuple[ChatSession, list[ChatMessage],
                                                        list[Handover]]:
    engine = make_engine(DatabaseSettings(url=stack.database_url))
    try:
        with session_scope(make_session_factory(engine)) as session:
            chat = session.get(ChatSession, session_id)
            assert chat is not None
            messages = list(session.execute(
                select(ChatMessage).where(ChatMessage.session_id == session_id)
                .order_by(ChatMessage.seq)).scalars())
            handovers = list(session.execute(
                select(Handover).where(Handover.session_id == session_id)).scalars())
            return chat, messages, handovers
    finally:
        engine.dispose()


def _assert_gap_free(messages: list[dict[str, Any]]) -> None:
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))


async def test_rasa_and_gateway_crash_lose_no_message_transcript_or_queue_entry(
    stack: RasaStack, gateway_proc: ManagedProcess, browsers: list[Browser]
) -> None:
    asking, waiting = browsers
    await asking.start()
    await waiting.start()
    await asking.turn("hej")
    prompt = await asking.turn(JOURNAL_PROMPT_QUESTION)
    assert [m["sender"] for m in prompt] == ["bot"]
    await waiting.turn("hej")
    queued = await waiting.turn("jeg vil tale med en borgerrådgiver")
    assert queued and queued[0]["sender"] == "bot"
    waiting_id = waiting.session_id()
    chat, _, handovers = _db_rows(stack, waiting_id)
    # Queued for an advisor (the stack's office is open around the clock; on a public
    # holiday it is closed and the handover is a call-back offer instead).
    before = (chat.owner, [h.status for h in handovers])
    assert before in ((OWNER_ADVISOR, [STATUS_WAITING]), (OWNER_BOT, [STATUS_CALLBACK_OFFERED]))

    answered_before = sum(m["sender"] == "bot" for m in await asking.history())
    stack.rasa.kill()
    try:
        started = time.monotonic()
        during = await asking.turn(JOURNAL_NUMBER)
        assert time.monotonic() - started < 5
        # Kept, and the citizen is told so at once (bot/gateway/redelivery.py).
        assert [(m["sender"], m["text"]) for m in during] == [("system", texts.BOT_QUEUED)]
        gateway_proc.kill()
        gateway_proc.start()
        gateway_proc.wait_healthy(60)
        # The advisor-owned chat does not need Rasa: the citizen writes on while it is down.
        await waiting.say("er der nogen?")
    finally:
        stack.rasa.start()
        stack.rasa.wait_healthy()

    # Once Rasa is back, the restarted gateway forwards the queued journal number by itself;
    # Rasa remembers the conversation (SQL tracker store) and the form goes on where it was.
    deadline = time.monotonic() + 30
    while not (after := [m for m in await asking.history()
                         if m["sender"] == "bot"][answered_before:]):
        assert time.monotonic() < deadline, "the queued message was never answered"
        await asyncio.sleep(0.5)
    assert after[0]["text"] != prompt[0]["text"]
    tracker = _tracker(stack, asking.session_id())
    assert _user_texts(tracker)[-3:] == ["hej", JOURNAL_PROMPT_QUESTION, JOURNAL_NUMBER]
    assert _user_texts(tracker).count(JOURNAL_NUMBER) == 1
    assert (tracker.get("active_loop") or {}).get("name") == "verify_form"

    # Every line of both transcripts is there, in order, without gaps or doubles.
    lines = await asking.history()
    _assert_gap_free(lines)
    citizen = [m["text"] for m in lines if m["sender"] == "citizen"]
    assert citizen == ["hej", JOURNAL_PROMPT_QUESTION, JOURNAL_NUMBER]
    waiting_lines = await waiting.history()
    _assert_gap_free(waiting_lines)
    assert [m["text"] for m in waiting_lines if m["sender"] == "citizen"] == [
        "hej", "jeg vil tale med en borgerrådgiver", "er der nogen?"]

    # The queue entry survived, the chat is still the advisors', the late line waits for them.
    chat, messages, handovers = _db_rows(stack, waiting_id)
    assert (chat.owner, [h.status for h in handovers]) == before
    late = next(m for m in messages if m.text == "er der nogen?")
    assert late.forward_state == (FORWARD_SKIPPED if chat.owner == OWNER_ADVISOR else FORWARD_DONE)


async def test_a_gateway_killed_mid_turn_answers_the_resent_message_exactly_once(
    stack: RasaStack, gateway_proc: ManagedProcess, browsers: list[Browser]
) -> None:
    citizen = browsers[0]
    await citizen.start()
    await citizen.turn("hej")
    client_id = citizen.next_id()
    assert stack.rasa.process is not None
    os.killpg(stack.rasa.process.pid, signal.SIGSTOP)  # Rasa hangs mid-turn
    try:
        pending = asyncio.ensure_future(citizen.say("hvad er en henlæggelse", client_id))
        deadline = time.monotonic() + 10
        while not any(m["client_id"] == client_id for m in await citizen.history()):
            assert time.monotonic() < deadline, "the message was never stored"
            await asyncio.sleep(0.1)
        gateway_proc.kill()
        with pytest.raises(aiohttp.ClientError):
            await pending
    finally:
        os.killpg(stack.rasa.process.pid, signal.SIGCONT)
    gateway_proc.start()
    gateway_proc.wait_healthy(60)

    # The widget resends what was not answered, with the same client id.
    resent = await citizen.say("hvad er en henlæggelse", client_id)
    assert resent["status"] == "accepted" and resent["duplicate"] is True
    # The restarted gateway's redelivery answers the orphaned message in the background
    # (bot/gateway/redelivery.py): on a loaded machine the answer may come after the resend.
    deadline = time.monotonic() + 30
    while True:
        lines = await citizen.history()
        mine = [m for m in lines if m["client_id"] == client_id]
        assert len(mine) == 1
        answers = [m for m in lines if m["seq"] > mine[0]["seq"]]
        if answers or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    _assert_gap_free(lines)
    assert answers and answers[0]["sender"] == "bot"
