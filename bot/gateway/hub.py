"""The hub: which WebSockets belong to which chat session, and who listens.

The handover side plugs in here: it pushes advisor messages with `send_to_session`, listens
to citizen messages of advisor-owned chats through `citizen_message_listeners`, and reacts to
custom payloads from Rasa (e.g. `{"handover": ...}`) through `custom_payload_handlers`.
One gateway process holds one hub. With several replicas (production profile) the hubs are
linked by a bus (`bot/gateway/bus.py`, Redis): a message for a session is delivered to this
replica's sockets at once and published for the sockets on the other replicas, and citizen
messages reach the listeners of every replica (the advisor's screen may be on another one).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiohttp import WSCloseCode, web

from bot.chat.transcripts import MessageOut
from bot.gateway.bus import Bus, BusEvent, InProcessBus
from bot.gateway.errors import log_unexpected

CitizenMessageListener = Callable[[str, MessageOut], Awaitable[None]]
CitizenTypingListener = Callable[[str, bool], Awaitable[None]]
CustomPayloadHandler = Callable[[web.Application, str, dict[str, Any]], Awaitable[None]]

DELIVER_TOPIC = "deliver"
CITIZEN_MESSAGE_TOPIC = "citizen-message"
CITIZEN_TYPING_TOPIC = "citizen-typing"
CHAT_LANGUAGE_TOPIC = "chat-language"


class ChatHub:
    def __init__(self, bus: Bus | None = None) -> None:
        self.bus = bus or InProcessBus()
        self.bus.subscribe(DELIVER_TOPIC, self._on_deliver)
        self.bus.subscribe(CITIZEN_MESSAGE_TOPIC, self._on_citizen_message)
        self.bus.subscribe(CITIZEN_TYPING_TOPIC, self._on_citizen_typing)
        self.bus.subscribe(CHAT_LANGUAGE_TOPIC, self._on_chat_language)
        self._sockets: dict[str, set[web.WebSocketResponse]] = defaultdict(set)
        # The language of each chat with a socket here, for the socket's own notices.
        self._languages: dict[str, str] = {}
        # A lock per session keeps a session's turns in order; unused locks are dropped.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._tasks: set[asyncio.Task[Any]] = set()
        self.citizen_message_listeners: list[CitizenMessageListener] = []
        self.citizen_typing_listeners: list[CitizenTypingListener] = []
        self.custom_payload_handlers: list[CustomPayloadHandler] = []

    def attach(self, session_id: str, socket: web.WebSocketResponse) -> None:
        self._sockets[session_id].add(socket)

    def detach(self, session_id: str, socket: web.WebSocketResponse) -> None:
        sockets = self._sockets.get(session_id)
        if sockets is None:
            return
        sockets.discard(socket)
        if not sockets:
            del self._sockets[session_id]
            self._languages.pop(session_id, None)

    def connected(self, session_id: str) -> int:
        return len(self._sockets.get(session_id, ()))

    def language(self, session_id: str, default: str) -> str:
        """The chat's language for what its sockets say themselves (refusals, errors).

        Kept here, not read at connect only, so a switch ("English"/"Dansk", or the answer to
        "continue in English?") holds at once on the open socket, also while the database
        is away (issue #18).
        """
        return self._languages.get(session_id, default)

    def known_language(self, session_id: str, language: str) -> None:
        """The language read from the database when a socket opens; a newer switch wins."""
        if session_id in self._sockets:
            self._languages.setdefault(session_id, language)

    async def set_language(self, session_id: str, language: str) -> None:
        """The chat's language changed: its sockets here and on other replicas follow."""
        self._set_language_here(session_id, language)
        await self.bus.publish(CHAT_LANGUAGE_TOPIC,
                               {"session_id": session_id, "language": language})

    def _set_language_here(self, session_id: str, language: str) -> None:
        if session_id in self._sockets:
            self._languages[session_id] = language

    async def _on_chat_language(self, event: BusEvent) -> None:
        session_id, language = event.get("session_id"), event.get("language")
        if isinstance(session_id, str) and isinstance(language, str):
            self._set_language_here(session_id, language)

    def lock(self, session_id: str) -> asyncio.Lock:
        lock = self._locks.get(session_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[session_id] = lock
        return lock

    async def send_to_session(self, session_id: str, message: dict[str, Any]) -> int:
        """Push a message to every open socket of the session, here and on other replicas.

        Returns how many sockets on this replica got it.
        """
        delivered = await self._deliver_here(session_id, message)
        await self.bus.publish(DELIVER_TOPIC, {"session_id": session_id, "message": message})
        return delivered

    async def notify_citizen_message(self, session_id: str, message: MessageOut) -> None:
        """Tell the listeners of every replica about a citizen message for the advisor."""
        await self._run_citizen_listeners(session_id, message)
        await self.bus.publish(
            CITIZEN_MESSAGE_TOPIC, {"session_id": session_id, "message": dict(message)}
        )

    async def notify_citizen_typing(self, session_id: str, on: bool) -> None:
        """Tell every replica's listeners that the citizen started or stopped typing."""
        await self._run_typing_listeners(session_id, on)
        await self.bus.publish(CITIZEN_TYPING_TOPIC, {"session_id": session_id, "on": on})

    async def _on_citizen_typing(self, event: BusEvent) -> None:
        session_id, on = event.get("session_id"), event.get("on")
        if isinstance(session_id, str) and isinstance(on, bool):
            await self._run_typing_listeners(session_id, on)

    async def _run_citizen_listeners(self, session_id: str, message: MessageOut) -> None:
        await _run_listeners(self.citizen_message_listeners, "citizen message listener",
                             session_id, message)

    async def _run_typing_listeners(self, session_id: str, on: bool) -> None:
        await _run_listeners(self.citizen_typing_listeners, "citizen typing listener",
                             session_id, on)

    async def _on_deliver(self, event: BusEvent) -> None:
        session_id, message = event.get("session_id"), event.get("message")
        if isinstance(session_id, str) and isinstance(message, dict):
            await self._deliver_here(session_id, message)

    async def _on_citizen_message(self, event: BusEvent) -> None:
        session_id, message = event.get("session_id"), event.get("message")
        if isinstance(session_id, str) and isinstance(message, dict):
            await self._run_citizen_listeners(session_id, message)  # type: ignore[arg-type]

    async def _deliver_here(self, session_id: str, message: dict[str, Any]) -> int:
        delivered = 0
        for socket in list(self._sockets.get(session_id, ())):
            if socket.closed:
                self.detach(session_id, socket)
                continue
            try:
                await socket.send_json(message)
                delivered += 1
            except (ConnectionError, RuntimeError):
                # The browser is gone; it fetches what it missed when it reconnects.
                self.detach(session_id, socket)
        return delivered

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a chat turn to the end even if the browser that started it goes away."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_task_failure)
        return task

    async def close_sockets(self) -> None:
        """Say goodbye to every browser; they reconnect (to us or another process) and resume."""
        for sockets in list(self._sockets.values()):
            for socket in list(sockets):
                await socket.close(code=WSCloseCode.GOING_AWAY)
        self._sockets.clear()
        self._languages.clear()

    async def finish_turns(self, timeout: float = 10) -> None:
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout)


async def _run_listeners(listeners: list[Any], what: str, *args: Any) -> None:
    """Every listener in turn; one failing (the advisor side) must not lose the citizen's
    message or stop the others."""
    for listener in listeners:
        try:
            await listener(*args)
        except Exception as exc:
            log_unexpected(exc, what)


def _log_task_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        exc = task.exception()
        if exc is not None:
            log_unexpected(exc, "chat turn")
