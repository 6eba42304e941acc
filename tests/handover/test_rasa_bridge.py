"""Resuming the bot after a handover: the events appended to Rasa's tracker, and failures."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.handover.rasa_bridge import RasaResetError, resume_bot, resume_events


def test_resume_closes_forms_clears_handover_slots_and_ends_listening() -> None:
    events = resume_events()
    assert events[0] == {"event": "active_loop", "name": None}
    assert {"event": "slot", "name": "handover_active", "value": False} in events
    assert {"event": "slot", "name": "handover_reason", "value": None} in events
    assert {"event": "slot", "name": "fallback_count", "value": 0.0} in events
    assert events[-1] == {"event": "action", "name": "action_listen"}


async def test_resume_posts_with_the_token_and_raises_when_refused(
    aiohttp_server: Callable[..., Awaitable[TestServer]],
) -> None:
    received: list[tuple[str, list[dict[str, Any]]]] = []

    async def append(request: web.Request) -> web.Response:
        if request.query.get("token") != "good":
            return web.json_response({"message": "auth"}, status=401)
        received.append((request.match_info["sender"], await request.json()))
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/conversations/{sender}/tracker/events", append)
    server = await aiohttp_server(app)
    url = str(server.make_url("")).rstrip("/")
    async with aiohttp.ClientSession() as client:
        await resume_bot(client, url, "good", "abc/../x")
        with pytest.raises(RasaResetError):
            await resume_bot(client, url, "bad", "abc")
        with pytest.raises(RasaResetError):
            await resume_bot(client, "http://127.0.0.1:1", "good", "abc")
    assert received == [("abc/../x", resume_events())]
