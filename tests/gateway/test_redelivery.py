"""Messages that arrive while Rasa is away wait, and are answered once, in order, when it is back.

The fake Rasa is stopped (connection refused, as during a Rasa restart) and started again on
the same port; a gateway "restart" is a second app on the same database, which has lost the
first one's memory.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.chat import texts
from bot.chat.transcripts import append_message
from bot.db import session_scope
from bot.gateway.cookies import COOKIE_NAME
from bot.models.chat import FORWARD_PENDING, SENDER_CITIZEN
from bot.settings import load_settings
from bot.web.database import DATABASE
from bot.webapp import init_app
from tests.gateway.conftest import (
    BUTTONS,
    GREETING,
    ORIGIN,
    FakeRasa,
    MakeClient,
    history,
    post_text,
    start_chat,
)


async def _restart_rasa(fake_rasa: FakeRasa, port: int) -> TestServer:
    server = TestServer(fake_rasa.app(), host="127.0.0.1", port=port)
    await server.start_server()
    return server


async def _wait_for_lines(client: TestClient, count: int, timeout: float = 15) -> list[Any]:
    deadline = time.monotonic() + timeout
    while True:
        lines = await history(client)
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        await asyncio.sleep(0.1)


def _lines(messages: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(m["sender"], m["text"]) for m in messages]


async def test_messages_sent_while_rasa_is_away_are_answered_once_in_order_when_it_is_back(
    make_client: MakeClient, fake_rasa: FakeRasa, rasa_server: TestServer
) -> None:
    client = await make_client()
    await start_chat(client)
    port = rasa_server.port
    assert port is not None
    await rasa_server.close()

    assert (await post_text(client, "away-msg-001", "hej")).status == 200
    second = await post_text(client, "away-msg-002", "hvad er en anmeldelse")
    # The widget resends what it has not seen acknowledged; that must not queue it twice.
    resent = await post_text(client, "away-msg-001", "hej")
    assert (await resent.json())["duplicate"] is True
    assert _lines(await history(client)) == [
        ("citizen", "hej"), ("system", texts.BOT_QUEUED), ("citizen", "hvad er en anmeldelse"),
    ]
    assert (await second.json())["duplicate"] is False
    assert fake_rasa.received == []

    server = await _restart_rasa(fake_rasa, port)
    try:
        lines = await _wait_for_lines(client, 5)
        assert _lines(lines) == [
            ("citizen", "hej"), ("system", texts.BOT_QUEUED),
            ("citizen", "hvad er en anmeldelse"),
            ("bot", GREETING), ("bot", "Du skrev: hvad er en anmeldelse"),
        ]
        assert [m["seq"] for m in lines] == [1, 2, 3, 4, 5]
        await asyncio.sleep(1.5)  # another round of the worker: nothing more happens
        assert len(await history(client)) == 5
        assert [r["message"] for r in fake_rasa.received] == ["hej", "hvad er en anmeldelse"]
        # The chat goes on as usual, and the greeting's buttons are the offered ones.
        await post_text(client, "away-msg-003", BUTTONS[0]["title"])
        assert fake_rasa.received[-1]["message"] == BUTTONS[0]["title"]
    finally:
        await server.close()


Gateway = Callable[[], Awaitable[TestClient]]


@pytest.fixture
async def gateway_process(
    rasa_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Gateway]:
    """Start a gateway "process" (an app on its own server); each call is a restart."""
    base = str(rasa_server.make_url("")).rstrip("/")
    monkeypatch.setenv("BR_RASA_URL", base)
    monkeypatch.setenv("BR_ACTION_SERVER_URL", base)
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", ORIGIN)
    monkeypatch.setenv("BR_RASA_TIMEOUT_SECONDS", "2")
    running: list[TestClient] = []
    cookies: list[Any] = []

    async def _start() -> TestClient:
        if running:  # the previous one stops (its memory with it); its browser stays
            cookies.extend(c for c in running[-1].session.cookie_jar if c.key == COOKIE_NAME)
            await running[-1].close()
        client = TestClient(TestServer(init_app(load_settings()), host="127.0.0.1"))
        await client.start_server()
        for cookie in cookies[-1:]:
            client.session.cookie_jar.update_cookies({COOKIE_NAME: cookie.value},
                                                     client.make_url("/"))
        running.append(client)
        return client

    yield _start
    if running:
        await running[-1].close()


async def test_queued_messages_are_answered_after_a_gateway_restart_without_inventing_data(
    gateway_process: Gateway, fake_rasa: FakeRasa, rasa_server: TestServer
) -> None:
    client = await gateway_process()
    await start_chat(client)
    await post_text(client, "restart-0001", "hej")  # offers BUTTONS
    port = rasa_server.port
    assert port is not None
    await rasa_server.close()
    await post_text(client, "restart-0002", "hvad er en anmeldelse")
    await client.post("/api/messages", headers={"Origin": ORIGIN},
                      json={"client_id": "restart-0003", "payload": BUTTONS[0]["payload"]})
    await post_text(client, "restart-0004", "ring mig på 12 34 56 78")

    client = await gateway_process()  # the clear text of the queued messages is gone
    server = await _restart_rasa(fake_rasa, port)
    try:
        lines = await _wait_for_lines(client, 9)
    finally:
        await server.close()
    assert _lines(lines)[2:] == [
        ("citizen", "hvad er en anmeldelse"), ("system", texts.BOT_QUEUED),
        ("citizen", BUTTONS[0]["title"]), ("citizen", "ring mig på [TELEFON]"),
        ("bot", "Du skrev: hvad er en anmeldelse"),
        # The button's payload was known to the stopped process only, and the answer before
        # it offered other buttons: its title goes to Rasa as text, like a typed question.
        ("bot", f"Du skrev: {BUTTONS[0]['title']}"),
        # The phone number was never stored in clear: the citizen is asked to write it again,
        # rather than Rasa getting "[TELEFON]".
        ("system", texts.RESEND_MESSAGE),
    ]
    sent = [r["message"] for r in fake_rasa.received]
    assert sent == ["hej", "hvad er en anmeldelse", BUTTONS[0]["title"]]


async def test_a_message_left_pending_by_a_crashed_gateway_is_answered_after_its_restart(
    gateway_process: Gateway, fake_rasa: FakeRasa
) -> None:
    client = await gateway_process()
    await start_chat(client)
    session_id = next(c.value for c in client.session.cookie_jar
                      if c.key == COOKIE_NAME).rpartition(".")[0]
    # Stored, acknowledged, and then the process died before Rasa's answer was stored.
    with session_scope(client.server.app[DATABASE].session_factory) as session:
        append_message(session, session_id, sender=SENDER_CITIZEN, text="hvad er en anmeldelse",
                       client_id="orphan-00001", forward_state=FORWARD_PENDING)

    client = await gateway_process()
    lines = await _wait_for_lines(client, 2)
    assert _lines(lines) == [("citizen", "hvad er en anmeldelse"),
                             ("bot", "Du skrev: hvad er en anmeldelse")]
    assert [r["message"] for r in fake_rasa.received] == ["hvad er en anmeldelse"]
