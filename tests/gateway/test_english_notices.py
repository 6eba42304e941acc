"""The gateway's own notices and refusals in English for English chats (issue #18).

A chat's language is on its row; before there is a chat (or when the database cannot say),
the browser's language decides, as it decides the language the widget opens in.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.chat import texts, texts_en
from bot.i18n import language_of_browser
from tests.gateway.conftest import (
    FOREIGN_ORIGIN,
    ORIGIN,
    FakeRasa,
    MakeClient,
    history,
    post_text,
    start_chat,
)

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9,da;q=0.5"}


async def _english_chat(client: TestClient) -> None:
    await start_chat(client)
    response = await client.post("/api/session/language", json={"language": "en", "chosen": True},
                                 headers={"Origin": ORIGIN})
    assert response.status == 200


def test_the_browser_language_is_the_widgets_first_language() -> None:
    assert language_of_browser("da-DK,da;q=0.9,en;q=0.8") == "da"
    assert language_of_browser("en-GB,en;q=0.9") == "en"
    assert language_of_browser("de-DE,de;q=0.9,da;q=0.5") == "en"  # the widget opens English
    assert language_of_browser("") == "da"
    assert language_of_browser(None) == "da"


@pytest.mark.parametrize(
    ("mode", "notice"),
    [("error", texts_en.BOT_UNAVAILABLE), ("empty", texts_en.BOT_NO_ANSWER)],
)
async def test_an_english_chat_hears_in_english_when_the_bot_cannot_answer(
    make_client: MakeClient, fake_rasa: FakeRasa, mode: str, notice: str
) -> None:
    fake_rasa.mode = mode
    client = await make_client()
    await _english_chat(client)
    assert (await post_text(client, "en-down-0001", "hello")).status == 200
    assert [(m["sender"], m["text"]) for m in await history(client)][-1] == ("system", notice)
    assert "114" in notice and notice not in (texts.BOT_UNAVAILABLE, texts.BOT_NO_ANSWER)


async def test_english_in_a_danish_chat_gets_the_notice_in_english(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    # The turn is answered in English before the citizen confirms the language.
    fake_rasa.mode = "error"
    client = await make_client()
    await start_chat(client)
    await post_text(client, "en-down-0002", "Hello, I need help with my stolen bike please")
    lines = [m["text"] for m in await history(client) if m["sender"] == "system"]
    assert lines[0] == texts_en.BOT_UNAVAILABLE
    assert texts.BOT_UNAVAILABLE not in lines


async def test_an_english_chat_hears_in_english_that_its_message_is_kept(
    make_client: MakeClient, rasa_server: Any
) -> None:
    client = await make_client()
    await rasa_server.close()
    await _english_chat(client)
    assert (await post_text(client, "en-gone-0001", "hello")).status == 200
    assert (await history(client))[-1]["text"] == texts_en.BOT_QUEUED


async def test_english_chat_limits_are_explained_in_english(make_client: MakeClient) -> None:
    client = await make_client({"BR_MESSAGES_PER_MINUTE": "2", "BR_MAX_MESSAGE_CHARS": "60"})
    await _english_chat(client)
    too_long = await post_text(client, "en-long-0001", "x" * 61)
    assert (await too_long.json())["message"] == texts_en.MESSAGE_TOO_LONG.format(max_chars=60)
    for n in range(2):
        assert (await post_text(client, f"en-rate-000{n}", f"message {n}")).status == 200
    refused = await post_text(client, "en-rate-0009", "one more")
    assert refused.status == 429
    assert (await refused.json())["message"] == texts_en.TOO_MANY_MESSAGES


async def test_before_a_chat_the_browser_language_decides(make_client: MakeClient) -> None:
    first = await make_client({"BR_SESSIONS_PER_ADDRESS_PER_HOUR": "1"})
    await start_chat(first)
    second = await make_client()
    refused = await second.post("/api/session", headers={"Origin": ORIGIN, **ENGLISH_BROWSER})
    assert refused.status == 429
    assert (await refused.json())["message"] == texts_en.TOO_MANY_SESSIONS
    no_chat = await second.get("/api/messages?after=0", headers=ENGLISH_BROWSER)
    assert (await no_chat.json())["message"] == texts_en.SESSION_MISSING
    foreign = await first.post("/api/messages", json={"client_id": "csrf-en-0001", "text": "hi"},
                               headers={"Origin": FOREIGN_ORIGIN, **ENGLISH_BROWSER})
    assert (await foreign.json())["message"] == texts_en.ORIGIN_REFUSED
    # A Danish browser still hears Danish.
    danish = await second.get("/api/messages?after=0", headers={"Accept-Language": "da"})
    assert (await danish.json())["message"] == texts.SESSION_MISSING


async def test_the_socket_of_an_english_chat_refuses_in_english(make_client: MakeClient) -> None:
    client = await make_client({"BR_MAX_MESSAGE_CHARS": "10"})
    await _english_chat(client)
    ws = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})

    async def frame(kind: str) -> dict[str, Any]:
        while True:
            data = dict(await asyncio.wait_for(ws.receive_json(), timeout=5))
            if data["type"] == kind:
                return data

    await ws.send_json({"type": "message", "client_id": "ws-en-long-01", "text": "x" * 11})
    assert (await frame("rejected"))["message"] == texts_en.MESSAGE_TOO_LONG.format(max_chars=10)
    await ws.send_json({"type": "nonsense"})
    assert (await frame("error"))["message"] == texts_en.BAD_REQUEST
    await ws.close()


async def test_an_english_chat_hears_in_english_that_the_login_failed(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await _english_chat(client)
    response = await client.post("/api/session/identity", json={"token": "not-a-token"},
                                 headers={"Origin": ORIGIN})
    assert response.status == 400
    assert (await response.json())["message"] == texts_en.IDENTITY_REFUSED


async def _frame(ws: Any, kind: str, client_id: str | None = None,
                 timeout: float = 5) -> dict[str, Any]:
    while True:
        data = dict(await asyncio.wait_for(ws.receive_json(), timeout=timeout))
        if data["type"] == kind and (client_id is None or data.get("client_id") == client_id):
            return data


async def test_an_open_socket_speaks_the_new_language_after_the_switch(
    make_client: MakeClient,
) -> None:
    # Issue #18: the socket's own notices followed the language it opened in until the
    # browser reconnected. The widget's switch "English"/"Dansk" keeps the socket open.
    client = await make_client({"BR_MAX_MESSAGE_CHARS": "10"})
    await start_chat(client)
    ws = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await ws.send_json({"type": "nonsense"})
    assert (await _frame(ws, "error"))["message"] == texts.BAD_REQUEST

    response = await client.post("/api/session/language", json={"language": "en", "chosen": True},
                                 headers={"Origin": ORIGIN})
    assert response.status == 200
    await ws.send_json({"type": "nonsense"})
    assert (await _frame(ws, "error"))["message"] == texts_en.BAD_REQUEST
    await ws.send_json({"type": "message", "client_id": "switch-long-01", "text": "x" * 11})
    refused = await _frame(ws, "rejected", "switch-long-01")
    assert refused["message"] == texts_en.MESSAGE_TOO_LONG.format(max_chars=10)

    # And back to Danish, on the same socket.
    await client.post("/api/session/language", json={"language": "da", "chosen": True},
                      headers={"Origin": ORIGIN})
    await ws.send_json({"type": "nonsense"})
    assert (await _frame(ws, "error"))["message"] == texts.BAD_REQUEST
    await ws.send_json({"type": "message", "client_id": "switch-long-02", "text": "x" * 11})
    refused = await _frame(ws, "rejected", "switch-long-02")
    assert refused["message"] == texts.MESSAGE_TOO_LONG.format(max_chars=10)
    await ws.close()


async def test_confirming_english_on_the_socket_switches_its_notices(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client({"BR_MAX_MESSAGE_CHARS": "60"})
    await start_chat(client)
    ws = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await ws.send_json({"type": "message", "client_id": "confirm-en-01",
                        "text": "There is a problem with my case, can you help me"})
    question = await _frame(ws, "message")
    while not question.get("buttons") or question["sender"] != "system":
        question = await _frame(ws, "message")
    assert [b["payload"] for b in question["buttons"]] == ["/br_language en", "/br_language da"]

    await ws.send_json({"type": "message", "client_id": "confirm-en-02",
                        "payload": "/br_language en"})
    while (await _frame(ws, "message"))["text"] != texts_en.LANGUAGE_NOW:
        pass
    await ws.send_json({"type": "nonsense"})
    assert (await _frame(ws, "error"))["message"] == texts_en.BAD_REQUEST
    await ws.close()


async def test_the_switch_holds_on_the_socket_while_the_database_is_away(
    make_client: MakeClient, isolated_environment: Path
) -> None:
    # The socket cannot ask the database for the language then: it must already know it.
    client = await make_client()
    await start_chat(client)
    ws = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await ws.send_json({"type": "hello", "after": 0})
    await _frame(ws, "history")
    await client.post("/api/session/language", json={"language": "en", "chosen": True},
                      headers={"Origin": ORIGIN})
    # Every new connection fails, as with a stopped database server (test_database_outage.py).
    away = isolated_environment.with_name(isolated_environment.name + "-away")
    isolated_environment.rename(away)
    try:
        await ws.send_json({"type": "message", "client_id": "away-en-0001", "text": "hello"})
        refused = await _frame(ws, "rejected", "away-en-0001", timeout=15)
    finally:
        away.rename(isolated_environment)
    assert refused["message"] == texts_en.SERVICE_UNAVAILABLE
    await ws.close()
