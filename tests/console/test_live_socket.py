"""The advisor's live feed: foreign origins refused, the queue sent on connect."""

from __future__ import annotations

from aiohttp import WSServerHandshakeError

from tests.console.conftest import Console, login
from tests.console.handovers import XSS, make_handover


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
