"""The advisor's live feed over a WebSocket: queue changes, citizen messages and typing of
their chats; and the advisor's own typing, passed on to the citizen.

Typing is the only thing the feed accepts: every action goes through a CSRF-checked POST
form. A page on another origin must not ride the advisor's cookie, so the Origin header is
checked first.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import WSMsgType, web

from bot.clock import utcnow
from bot.console.auth import Advisor
from bot.console.handover_pages import held_session_id
from bot.console.queue_items import queue_listing
from bot.console.state import CHANNEL, LIVE, SETTINGS, advisor_of
from bot.web.database import run_unit

MAX_FRAME_BYTES = 1024


def _origin_allowed(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.host}"
    return origin == own or origin in request.app[SETTINGS].gateway.allowed_origins


async def _advisor_typing(request: web.Request, advisor: Advisor, frame: Any) -> None:
    """`{"type": "typing", "handover_id": n, "on": bool}` for a chat the advisor holds."""
    if not isinstance(frame, dict) or frame.get("type") != "typing":
        return
    handover_id, on = frame.get("handover_id"), frame.get("on")
    if not isinstance(handover_id, int) or isinstance(handover_id, bool) or \
            not isinstance(on, bool):
        return

    session_id = await run_unit(request.app,
                                lambda s: held_session_id(s, handover_id, advisor.id))
    if session_id is not None:
        await request.app[CHANNEL].typing(session_id, on=on)


async def live_socket(request: web.Request) -> web.StreamResponse:
    if not _origin_allowed(request):
        raise web.HTTPForbidden(text="WebSocket origin refused.")
    advisor = advisor_of(request)
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME_BYTES)
    await socket.prepare(request)
    board = request.app[LIVE]
    board.add(advisor.id, socket)
    listing = queue_listing(request.app)
    try:
        snapshot = await run_unit(request.app, lambda s: listing.snapshot(s, utcnow()))
        await socket.send_json({"type": "queue", "waiting": snapshot})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                frame = json.loads(message.data)
            except ValueError:
                continue
            await _advisor_typing(request, advisor, frame)
    finally:
        board.remove(advisor.id, socket)
    return socket
