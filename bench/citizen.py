"""A simulated citizen on the gateway's real API: session cookie, WebSocket, one turn at a time.

Used by the load benchmark (`bench/load.py`) and the production-profile tests. It speaks the
frame protocol of `bot/gateway/websocket.py`: a turn is done when the first bot (or system)
line with a higher `seq` than the acknowledged citizen message arrives; later lines of the
same turn are collected by the reader as they come.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

BOT_SENDERS = ("bot", "system", "advisor")


@dataclass
class Turn:
    """One citizen message and what came back for it."""

    text: str
    ack_seq: int
    reply: dict[str, Any]
    seconds: float


@dataclass
class ChatSocket:
    """One open WebSocket of a citizen, with every frame it received, in order."""

    ws: aiohttp.ClientWebSocketResponse
    frames: list[dict[str, Any]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    history: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task[None] | None = None

    def messages(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f.get("type") == "message"]

    async def _read(self) -> None:
        async for frame in self.ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            data = frame.json()
            if data.get("type") in ("history", "turn"):
                # A history or a bot turn: kept as the single lines it carries.
                self.frames.extend({"type": "message", **m} for m in data["messages"])
                if data["type"] == "history":
                    self.history.set()
            else:
                self.frames.append(data)
            self.changed.set()

    async def wait_for(self, predicate: Any, timeout: float) -> dict[str, Any]:
        """The first frame (from the start) that matches; waits for it up to `timeout`."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for frame in self.frames[seen:]:
                if predicate(frame):
                    return frame
            seen = len(self.frames)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching frame in time")
            self.changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            with contextlib.suppress(asyncio.CancelledError, aiohttp.ClientError):
                await self.reader


class Citizen:
    """A browser: one cookie jar, any number of sockets (to any gateway replica)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        # unsafe=True: the jar must accept cookies for 127.0.0.1; cookies ignore the port, so
        # the same chat continues on every replica, like behind a load balancer.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def start(self, base_url: str) -> dict[str, Any]:
        async with self.http.post(f"{base_url}/api/session",
                                  headers={"Origin": self.origin}) as response:
            body = await response.json()
            if response.status != 200:
                raise RuntimeError(f"session refused: HTTP {response.status} {body}")
            return dict(body)

    def cookie(self, name: str = "br_chat") -> str:
        for morsel in self.http.cookie_jar:
            if morsel.key == name:
                return morsel.value
        raise KeyError(name)

    async def connect(self, base_url: str, after: int = 0) -> ChatSocket:
        ws_url = base_url.replace("http://", "ws://", 1) + "/api/ws"
        ws = await self.http.ws_connect(ws_url, headers={"Origin": self.origin})
        socket = ChatSocket(ws)
        socket.reader = asyncio.get_running_loop().create_task(socket._read())
        await ws.send_json({"type": "hello", "after": after})
        await asyncio.wait_for(socket.history.wait(), 10)
        return socket

    async def say(self, socket: ChatSocket, text: str | None = None, *,
                  payload: str | None = None, timeout: float = 30) -> Turn:
        """Send one message and wait for the first line of the bot's answer to it."""
        client_id = secrets.token_urlsafe(12)
        frame: dict[str, Any] = {"type": "message", "client_id": client_id}
        if payload is not None:
            frame["payload"] = payload
        else:
            frame["text"] = text
        started = time.perf_counter()
        await socket.ws.send_json(frame)
        ack = await socket.wait_for(
            lambda f: f.get("client_id") == client_id
            and f.get("type") in ("message", "rejected"), timeout)
        if ack["type"] == "rejected":
            raise RuntimeError(f"message rejected: {ack.get('error')}")
        seq = int(ack["seq"])
        reply = await socket.wait_for(
            lambda f: f.get("type") == "message" and f.get("sender") in BOT_SENDERS
            and int(f.get("seq", 0)) > seq, timeout)
        return Turn(text or payload or "", seq, reply, time.perf_counter() - started)

    async def close(self) -> None:
        await self.http.close()
