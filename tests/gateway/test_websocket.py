"""The chat WebSocket: Origin check, acknowledgements, and reconnect without loss or duplicates."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from bot.chat import texts
from tests.gateway.conftest import (
    FOREIGN_ORIGIN,
    GREETING,
    ORIGIN,
    FakeRasa,
    MakeClient,
    history,
    start_chat,
)


async def _receive(ws: aiohttp.ClientWebSocketResponse, kind: str) -> dict[str, Any]:
    """The next frame of the given type (typing frames in between are skipped)."""
    while True:
        frame = await asyncio.wait_for(ws.receive_json(), timeout=5)
        if frame["type"] == kind:
            return dict(frame)


async def _connect(client: TestClient, after: int = 0) -> tuple[Any, list[dict[str, Any]]]:
    ws = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await ws.send_json({"type": "hello", "after": after})
    frame = await _receive(ws, "history")
    return ws, list(frame["messages"])


@pytest.mark.parametrize("origin", [FOREIGN_ORIGIN, None])
async def test_websocket_from_a_foreign_or_missing_origin_is_refused(
    make_client: MakeClient, origin: str | None
) -> None:
    client = await make_client()
    await start_chat(client)
    headers = {"Origin": origin} if origin else {}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/api/ws", headers=headers)
    assert refused.value.status == 403


async def test_websocket_without_a_session_cookie_is_refused(make_client: MakeClient) -> None:
    client = await make_client()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    assert refused.value.status == 401


async def test_message_is_acknowledged_with_its_sequence_then_answered(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await start_chat(client)
    ws, past = await _connect(client)
    assert past == []
    await ws.send_json({"type": "message", "client_id": "ws-msg-00001", "text": "hej"})
    ack = await _receive(ws, "message")
    assert (ack["seq"], ack["client_id"], ack["sender"]) == (1, "ws-msg-00001", "citizen")
    typing = await _receive(ws, "typing")
    assert typing["on"] is True
    [reply] = (await _receive(ws, "turn"))["messages"]
    assert (reply["seq"], reply["sender"], reply["text"]) == (2, "bot", GREETING)
    assert [b["payload"] for b in reply["buttons"]] == ["/ask_capabilities", "/request_human"]
    await ws.close()


async def test_a_bot_answer_of_several_lines_comes_in_one_frame_that_ends_the_typing_hint(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await start_chat(client)
    ws, _ = await _connect(client)
    await ws.send_json({"type": "message", "client_id": "ws-lines-001", "text": "to linjer"})
    frames = [await asyncio.wait_for(ws.receive_json(), timeout=5) for _ in range(3)]
    assert [f["type"] for f in frames] == ["message", "typing", "turn"]
    assert frames[1]["on"] is True
    assert [(m["seq"], m["text"]) for m in frames[2]["messages"]] == [
        (2, "Første linje."), (3, "Anden linje.")]
    await ws.close()


async def test_refused_websocket_message_gets_a_danish_reason(make_client: MakeClient) -> None:
    client = await make_client({"BR_MAX_MESSAGE_CHARS": "10"})
    await start_chat(client)
    ws, _ = await _connect(client)
    await ws.send_json({"type": "message", "client_id": "ws-long-0001", "text": "x" * 11})
    frame = await _receive(ws, "rejected")
    assert frame["client_id"] == "ws-long-0001"
    assert frame["message"] == texts.MESSAGE_TOO_LONG.format(max_chars=10)
    await ws.send_json({"type": "nonsense"})
    assert (await _receive(ws, "error"))["message"] == texts.BAD_REQUEST
    await ws.close()


async def test_reconnect_loses_nothing_and_duplicates_nothing(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    ws, _ = await _connect(client)
    await ws.send_json({"type": "message", "client_id": "recon-00001", "text": "hej"})
    await _receive(ws, "message")
    last_seen = (await _receive(ws, "turn"))["messages"][-1]["seq"]

    # The connection drops while the bot is still answering the next message.
    fake_rasa.delay = 0.4
    await ws.send_json({"type": "message", "client_id": "recon-00002", "text": "min sag"})
    ack = await _receive(ws, "message")
    last_seen = ack["seq"]
    await ws.close()
    for _ in range(50):
        if len(await history(client, after=last_seen)) == 1:
            break
        await asyncio.sleep(0.05)

    # Reconnect: ask for everything after the last number seen, and resend the message
    # whose acknowledgement might have been lost.
    ws, missed = await _connect(client, after=last_seen)
    assert [(m["seq"], m["sender"], m["text"]) for m in missed] == [
        (4, "bot", "Du skrev: min sag")
    ]
    await ws.send_json({"type": "message", "client_id": "recon-00002", "text": "min sag"})
    again = await _receive(ws, "message")
    assert (again["seq"], again["client_id"]) == (3, "recon-00002")
    await ws.close()

    everything = await history(client)
    assert [m["seq"] for m in everything] == [1, 2, 3, 4]
    assert [m["client_id"] for m in everything if m["sender"] == "citizen"] == [
        "recon-00001",
        "recon-00002",
    ]
    assert [r["message"] for r in fake_rasa.received] == ["hej", "min sag"]


async def test_every_open_tab_of_the_session_receives_new_messages(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await start_chat(client)
    tab_one, _ = await _connect(client)
    tab_two, _ = await _connect(client)
    await tab_one.send_json({"type": "message", "client_id": "tabs-000001", "text": "hej"})
    for tab in (tab_one, tab_two):
        assert (await _receive(tab, "message"))["client_id"] == "tabs-000001"
        assert (await _receive(tab, "turn"))["messages"][0]["text"] == GREETING
    await tab_one.close()
    await tab_two.close()
