"""Live updates for advisors: who has a console open, and pushing events to them."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from aiohttp import web


class LiveBoard:
    """The open console WebSockets by advisor id, and a wake-up for the queue watcher."""

    def __init__(self) -> None:
        self._sockets: dict[int, set[web.WebSocketResponse]] = defaultdict(set)
        self.changed = asyncio.Event()

    def add(self, advisor_id: int, socket: web.WebSocketResponse) -> None:
        self._sockets[advisor_id].add(socket)

    def remove(self, advisor_id: int, socket: web.WebSocketResponse) -> None:
        sockets = self._sockets.get(advisor_id)
        if sockets is not None:
            sockets.discard(socket)
            if not sockets:
                del self._sockets[advisor_id]

    async def _send(self, advisor_id: int, socket: web.WebSocketResponse,
                    event: dict[str, Any]) -> None:
        if socket.closed:
            self.remove(advisor_id, socket)
            return
        try:
            await socket.send_json(event)
        except (ConnectionError, RuntimeError):
            self.remove(advisor_id, socket)

    async def to_advisor(self, advisor_id: int, event: dict[str, Any]) -> None:
        for socket in list(self._sockets.get(advisor_id, ())):
            await self._send(advisor_id, socket, event)

    async def to_all(self, event: dict[str, Any]) -> None:
        for advisor_id, sockets in list(self._sockets.items()):
            for socket in list(sockets):
                await self._send(advisor_id, socket, event)

    @property
    def watched(self) -> bool:
        """Whether any advisor has a console open."""
        return bool(self._sockets)

    def poke(self) -> None:
        """Ask the watcher to publish the queue now rather than at its next tick."""
        self.changed.set()
