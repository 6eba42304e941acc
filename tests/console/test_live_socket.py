"""The advisor's live feed: foreign origins refused, the queue sent on connect, typing passed
on both ways (only for the chat an advisor holds)."""

from __future__ import annotations

import asyncio

from aiohttp import WSServerHandshakeError

from bot.console import chat_events
from tests.console.conftest import Console, login
from tests.console.handovers import XSS, make_handover, stored


async def test_live_socket_refuses_foreign_origins_and_sends_the_queue(
    console: Console,
) -> None:
    make_handover()
    await login(console.client, "anna")
    try:
        await console.client.ws_connect("/console/ws", headers={"Origin": "https://evil.example"})
        raise AssertionError("foreign origin was accepted")
    except WSServerHandshakeError as exc:
        assert exc.status == 403
    own = str(console.client.make_url("")).rstrip("/")
    socket = await console.client.ws_connect("/console/ws", headers={"Origin": own})
    first = await socket.receive_json(timeout=5)
    assert first["type"] == "queue" and len(first["waiting"]) == 1
    assert first["waiting"][0]["open_question"] == XSS  # raw text; the browser sets textContent
    await socket.close()


async def test_the_advisors_typing_reaches_only_a_chat_they_hold(console: Console) -> None:
    held, other = make_handover("citizen-held"), make_handover("citizen-other")
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{held}/claim", data={"csrf_token": csrf})
    own = str(console.client.make_url("")).rstrip("/")
    socket = await console.client.ws_connect("/console/ws", headers={"Origin": own})
    await socket.receive_json(timeout=5)
    for frame in ({"type": "typing", "handover_id": held, "on": True},
                  {"type": "typing", "handover_id": other, "on": True},  # in the queue
                  {"type": "typing", "handover_id": str(held), "on": True},
                  {"type": "typing", "handover_id": held, "on": "yes"},
                  {"type": "claim", "handover_id": other},  # actions go through forms
                  {"type": "typing", "handover_id": held, "on": False}):
        await socket.send_json(frame)
    await socket.send_str("not json")
    for _ in range(50):
        if len(console.channel.typing_hints) >= 2:
            break
        await asyncio.sleep(0.05)
    await socket.close()
    assert console.channel.typing_hints == [("citizen-held", True), ("citizen-held", False)]
    assert stored(other).claimed_by is None


async def test_the_citizens_typing_reaches_the_advisor_holding_the_chat(
    console: Console,
) -> None:
    handover_id = make_handover("citizen-typing")
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    own = str(console.client.make_url("")).rstrip("/")
    socket = await console.client.ws_connect("/console/ws", headers={"Origin": own})
    await socket.receive_json(timeout=5)
    await chat_events.on_citizen_typing(console.app, "citizen-typing", True)
    await chat_events.on_citizen_typing(console.app, "nobody-holds-this", True)
    event = await socket.receive_json(timeout=5)
    assert event == {"type": "typing", "handover_id": handover_id, "on": True}
    await socket.close()
