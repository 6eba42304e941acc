"""The advisor's live feed over a WebSocket: queue changes and citizen messages of their chats.

The feed only listens; every action goes through a CSRF-checked POST form. A page on another
origin must not ride the advisor's cookie, so the Origin header is checked first.
"""

from __future__ import annotations

from aiohttp import web

from bot.clock import utcnow
from bot.console.queue_items import queue_snapshot
from bot.console.state import LIVE, SETTINGS, advisor_of
from bot.web.database import run_unit


def _origin_allowed(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.host}"
    return origin == own or origin in request.app[SETTINGS].gateway.allowed_origins


async def live_socket(request: web.Request) -> web.StreamResponse:
    if not _origin_allowed(request):
        raise web.HTTPForbidden(text="WebSocket origin refused.")
    advisor = advisor_of(request)
    socket = web.WebSocketResponse(heartbeat=30)
    await socket.prepare(request)
    board = request.app[LIVE]
    board.add(advisor.id, socket)
    try:
        snapshot = await run_unit(request.app, lambda s: queue_snapshot(s, utcnow()))
        await socket.send_json({"type": "queue", "waiting": snapshot})
        async for _message in socket:
            pass  # the console only listens; actions go through CSRF-checked POST forms
    finally:
        board.remove(advisor.id, socket)
    return socket
