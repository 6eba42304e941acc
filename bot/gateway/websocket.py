"""The chat's WebSocket: push of new messages, and sending without a round trip per message.

Protocol (JSON frames):
- browser -> `{"type": "hello", "after": <last seq seen>}`; gateway -> `{"type": "history",
  "messages": [...]}` with everything after it, so a reconnect loses nothing.
- browser -> `{"type": "message", "client_id": ..., "text": ...}` (or `"payload"` for a
  button); the gateway stores it and sends it back as `{"type": "message", ...}` with its
  `seq` and `client_id`: that is the acknowledgement. Until then the browser resends it;
  a resend with a known client id is acknowledged again, never stored twice.
- browser -> `{"type": "typing", "on": bool}` while the citizen writes; passed on to the
  advisor holding the chat (the console ignores it otherwise), at most every few seconds.
- gateway -> `{"type": "rejected", "client_id", "message"}` with the reason in the chat's
  current language (a switch holds at once on the open socket, `ChatHub.language`);
  `{"type": "typing", "on": bool}` (with `"who": "advisor"` when an advisor writes);
  `{"type": "message", ...}` for every new line, except the bot's answer to a message:
  `{"type": "turn", "messages": [...]}` carries all its lines in one frame and ends the
  typing hint (a frame costs more than its lines: docs/BENCHMARKS.md, "Seventh pass").
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import WSMsgType, web
from sqlalchemy.orm import Session

from bot.chat import texts
from bot.chat.transcripts import chat_language, messages_after, to_out
from bot.gateway.conversation import Accepted, Refused, handle_citizen_message
from bot.gateway.cookies import session_id_from_request
from bot.gateway.errors import log, log_unexpected
from bot.gateway.middlewares import CitizenError, browser_texts
from bot.gateway.state import HUB, SETTINGS
from bot.gateway.views import MAX_SEQ, parse_citizen_message
from bot.i18n import localized, normalize_language
from bot.web.database import DatabaseUnavailable, run_unit

MAX_FRAME_BYTES = 32 * 1024
# A typing hint that repeats the last one is passed on at most this often.
TYPING_REPEAT_SECONDS = 3.0


async def _send_history(
    request: web.Request, socket: web.WebSocketResponse, session_id: str, after: Any
) -> None:
    # bool is an int to Python, and `seq > True` is no query SQLAlchemy can build.
    valid = isinstance(after, int) and not isinstance(after, bool) and 0 <= after <= MAX_SEQ
    start = after if valid else 0
    messages = await run_unit(
        request.app,
        lambda session: [to_out(m) for m in messages_after(session, session_id, start)],
        short=True,
    )
    await socket.send_json({"type": "history", "messages": messages})


async def _answer(
    request: web.Request,
    socket: web.WebSocketResponse,
    session_id: str,
    client_id: str,
    text: str | None,
    payload: str | None,
    opened_in: str,
) -> None:
    """One turn; a refusal of the turn itself is in the turn's language (from the database)."""
    hub = request.app[HUB]
    try:
        outcome: Accepted | Refused = await handle_citizen_message(
            request.app, session_id, client_id=client_id, text=text, payload=payload,
            fallback_language=hub.language(session_id, opened_in),
        )
    except DatabaseUnavailable:
        # Never silence: the widget shows why and puts the text back for another try.
        say = localized(texts, hub.language(session_id, opened_in))
        outcome = Refused(client_id, "unavailable", say.SERVICE_UNAVAILABLE)
    except Exception as exc:
        log_unexpected(exc, "chat socket turn")
        say = localized(texts, hub.language(session_id, opened_in))
        outcome = Refused(client_id, "internal_error", say.GENERIC_ERROR)
    if isinstance(outcome, Refused) and not socket.closed:
        await socket.send_json(
            {"type": "rejected", "client_id": outcome.client_id, "error": outcome.reason,
             "message": outcome.text}
        )


def _language_if_chat_exists(session: Session, session_id: str) -> str | None:
    language = chat_language(session, session_id)
    return normalize_language(language) if language is not None else None


async def chat_socket(request: web.Request) -> web.StreamResponse:
    settings = request.app[SETTINGS]
    # Browsers always send Origin on a WebSocket; a page elsewhere must not ride our cookie.
    if request.headers.get("Origin") not in settings.gateway.allowed_origins:
        raise CitizenError(403, "origin_refused", browser_texts(request).ORIGIN_REFUSED)
    session_id = session_id_from_request(request, settings.gateway)
    # The chat's language when the socket opens (the hub keeps it current after a switch);
    # None: no such chat. One unit of work for both, as every conversation opens a socket.
    opened_in = None if session_id is None else await run_unit(
        request.app, lambda session: _language_if_chat_exists(session, session_id), short=True)
    if session_id is None or opened_in is None:
        raise CitizenError(401, "no_session", browser_texts(request).SESSION_MISSING)

    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME_BYTES)
    await socket.prepare(request)
    hub = request.app[HUB]
    hub.attach(session_id, socket)
    hub.known_language(session_id, opened_in)
    last_typing: tuple[bool, float] = (False, 0.0)
    try:
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            try:
                data = json.loads(frame.data)
                kind = data.get("type") if isinstance(data, dict) else None
                if kind == "hello":
                    await _send_history(request, socket, session_id, data.get("after"))
                elif kind == "message":
                    client_id, text, payload = parse_citizen_message(data)
                    hub.spawn(_answer(request, socket, session_id, client_id, text, payload,
                                      opened_in))
                elif kind == "typing" and isinstance(data.get("on"), bool):
                    on, now = data["on"], time.monotonic()
                    if on != last_typing[0] or now - last_typing[1] >= TYPING_REPEAT_SECONDS:
                        last_typing = (on, now)
                        hub.spawn(hub.notify_citizen_typing(session_id, on))
                else:
                    raise ValueError("unknown frame type")
            except (ValueError, web.HTTPBadRequest):
                say = localized(texts, hub.language(session_id, opened_in))
                await socket.send_json(
                    {"type": "error", "error": "bad_request", "message": say.BAD_REQUEST}
                )
    finally:
        hub.detach(session_id, socket)
        log.debug("Chat socket closed (%d open for the session)", hub.connected(session_id))
    return socket
