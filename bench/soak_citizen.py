"""A simulated citizen for the soak: the widget's behaviour, over the gateway's WebSocket.

Like `widget.js`: each message has a client id and is sent again (same id) after a reconnect
until the gateway acknowledges it; a reconnect says `hello` with the last sequence number
seen and gets what it missed. Between messages the citizen "thinks" for a few seconds. It
waits for the bot's answer; the notice that the message is kept (Rasa away) is a first reply,
not the answer. Its own view is for the waiting times only; counts come from the transcripts
(bench/soak_count.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.soak_count import FINAL_NOTICES, Sent

# Each line once per conversation (the bookkeeping matches messages to Rasa's turns by text);
# no personal data, so a transcript line is the text Rasa got.
SCRIPTS = (
    ("hej", "hvad betyder det at min sag er henlagt", "hvor har du det fra?", "tak"),
    ("goddag", "hvordan anmelder jeg et indbrud fra i går",
     "hvornår er fristen for erstatning fra staten", "tak for hjælpen"),
    ("hej", "hvad er en henlæggelse", "kan jeg klage over det", "farvel"),
)
ACK_TIMEOUT = 15.0


@dataclass
class Conversation:
    """One chat: its cookie (for the final transcript) and what was sent in it."""

    name: str
    cookie: str = ""
    sent: list[Sent] = field(default_factory=list)


class SoakCitizen:
    def __init__(self, base_url: str, number: int, rng: random.Random, *,
                 think: tuple[float, float], answer_timeout: float) -> None:
        self.base_url = base_url
        self.number = number
        self.rng = rng
        self.think = think
        self.answer_timeout = answer_timeout
        self.conversations: list[Conversation] = []
        self.errors: dict[str, int] = {}
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._frames: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self._last_seq = 0

    def _error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    async def run(self, stop_at: float) -> None:
        rounds = 0
        while time.monotonic() < stop_at:
            script = SCRIPTS[(self.number + rounds) % len(SCRIPTS)]
            await self._conversation(script, stop_at)
            rounds += 1

    async def _conversation(self, script: tuple[str, ...], stop_at: float) -> None:
        conversation = Conversation(f"c{self.number}-{len(self.conversations)}")
        self.conversations.append(conversation)
        self._http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self._last_seq, self._frames = 0, []
        try:
            conversation.cookie = await self._start_session(stop_at)
            for text in script:
                await asyncio.sleep(self.rng.uniform(*self.think))
                if time.monotonic() >= stop_at or not conversation.cookie:
                    break
                await self._send(conversation, text, stop_at)
        finally:
            await self._disconnect()
            await self._http.close()

    async def _start_session(self, stop_at: float) -> str:
        assert self._http is not None
        while time.monotonic() < stop_at:
            try:
                async with self._http.post(f"{self.base_url}/api/session",
                                           headers={"Origin": self.base_url}) as response:
                    if response.status == 200:
                        return next(c.value for c in self._http.cookie_jar if c.key == "br_chat")
                    self._error(f"session HTTP {response.status}")
            except (aiohttp.ClientError, asyncio.TimeoutError):
                self._error("session: gateway unreachable")
            await asyncio.sleep(1)
        return ""

    async def _connect(self, until: float) -> aiohttp.ClientWebSocketResponse:
        """The open socket, reconnecting (and catching up from the last seq) if needed."""
        while self._ws is None or self._ws.closed:
            if time.monotonic() > until:
                raise TimeoutError("gateway unreachable for too long")
            await self._disconnect()
            assert self._http is not None
            try:
                self._ws = await self._http.ws_connect(
                    self.base_url.replace("http://", "ws://", 1) + "/api/ws",
                    headers={"Origin": self.base_url}, heartbeat=20)
                self._reader = asyncio.get_running_loop().create_task(self._read(self._ws))
                await self._ws.send_json({"type": "hello", "after": self._last_seq})
            except (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError):
                self._error("socket: gateway unreachable")
                self._ws = None
                await asyncio.sleep(0.5)
        return self._ws

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError, ConnectionError):
            async for frame in ws:
                if frame.type != aiohttp.WSMsgType.TEXT:
                    continue
                data = frame.json()
                lines = data["messages"] if data.get("type") == "history" else [data]
                for line in lines:
                    if "seq" in line:
                        self._last_seq = max(self._last_seq, int(line["seq"]))
                    self._frames.append(line if data.get("type") != "history"
                                        else {"type": "message", **line})
                self._changed.set()
        self._changed.set()  # closed: wake the waiter so it reconnects

    async def _disconnect(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        self._ws, self._reader = None, None

    async def _wait(self, predicate: Any, timeout: float) -> dict[str, Any] | None:
        """The first frame (from the start) matching; None on timeout or a closed socket."""
        deadline = time.monotonic() + timeout
        while True:
            for frame in self._frames:
                if predicate(frame):
                    return frame
            if self._ws is None or self._ws.closed or time.monotonic() >= deadline:
                return None
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())

    async def _send(self, conversation: Conversation, text: str, stop_at: float) -> None:
        record = Sent(conversation.name, secrets.token_urlsafe(12), text, time.monotonic(),
                      attempts=0)
        conversation.sent.append(record)
        frame = {"type": "message", "client_id": record.client_id, "text": text}
        ack: dict[str, Any] | None = None
        until = max(stop_at, time.monotonic()) + self.answer_timeout
        while ack is None:
            try:
                ws = await self._connect(until)
            except TimeoutError:
                self._error("never acknowledged")
                return
            record.attempts += 1
            try:
                await ws.send_json(frame)
            except (aiohttp.ClientError, ConnectionError, RuntimeError):
                continue
            ack = await self._wait(lambda f: f.get("client_id") == record.client_id
                                   and f.get("type") in ("message", "rejected"), ACK_TIMEOUT)
            if ack is not None and ack.get("type") == "rejected":
                self._error(f"rejected: {ack.get('error')}")  # the widget tries again
                ack = None
                await asyncio.sleep(1)
        record.acked_at = time.monotonic()
        await self._wait_for_answer(record, int(ack["seq"]))

    async def _wait_for_answer(self, record: Sent, seq: int) -> None:
        deadline = time.monotonic() + self.answer_timeout

        def reply(frame: dict[str, Any]) -> bool:
            return (frame.get("type") == "message" and int(frame.get("seq", 0)) > seq
                    and frame.get("sender") in ("bot", "system"))

        def final(frame: dict[str, Any]) -> bool:
            return reply(frame) and (frame["sender"] == "bot"
                                     or frame.get("text") in FINAL_NOTICES)

        while time.monotonic() < deadline:
            try:
                await self._connect(deadline)
            except TimeoutError:
                break
            if record.first_reply_at is None:
                if await self._wait(reply, deadline - time.monotonic()) is None:
                    continue  # the socket closed (a gateway restart): reconnect, catch up
                record.first_reply_at = time.monotonic()
            answer = await self._wait(final, deadline - time.monotonic())
            if answer is not None:
                if answer["sender"] == "bot":
                    record.answered_at = time.monotonic()
                return
        self._error("no answer within the answer timeout")
