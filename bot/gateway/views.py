"""HTTP views of the citizen chat: demo page, session, history, the HTTP fallback, identity.

The session id never appears in a URL or a response body; it travels only in the signed
HttpOnly cookie, so a page script (or another browser) cannot read or choose it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat import limits, texts
from bot.chat.transcripts import (
    address_hash,
    create_session,
    get_session,
    messages_after,
    set_identity,
    to_out,
)
from bot.clock import utcnow
from bot.gateway.conversation import (
    CLIENT_ID_PATTERN,
    Accepted,
    handle_citizen_message,
)
from bot.gateway.cookies import (
    clear_session_cookie,
    session_id_from_request,
    set_session_cookie,
)
from bot.gateway.errors import log
from bot.gateway.middlewares import CitizenError, browser_language, browser_texts, json_error
from bot.gateway.state import HUB, SETTINGS, TEMPLATES
from bot.i18n import LANGUAGES, language_of_chat, localized
from bot.inquiries.repository import open_inquiry, register_new_conversation
from bot.models.audit import record_audit
from bot.web.database import DATABASE, run_unit

# Sequence numbers are database integers; anything larger is no position in a transcript.
MAX_SEQ = 2**31 - 1
_REFUSAL_STATUS = {"no_session": 401, "rate": 429, "too_long": 400, "empty": 400}


async def demo_page(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    html = request.app[TEMPLATES].get_template("demo.html").render(
        retention_days=settings.privacy.transcript_retention_days,
        demo_mitid=settings.profile == "embedded",
        quick_exit_url=settings.gateway.quick_exit_url,
    )
    return web.Response(text=html, content_type="text/html")


def _client_address(request: web.Request) -> str:
    return request.remote or "unknown"


async def start_session(request: web.Request) -> web.Response:
    """Resume the browser's chat, or start a new one (limited per address and hour)."""
    settings = request.app[SETTINGS]
    cookie_session_id = session_id_from_request(request, settings.gateway)
    address_key = address_hash(settings.gateway.secret_key, _client_address(request))
    now = utcnow()
    opened_in = browser_language(request)

    language: dict[str, Any] = {"language": "da", "language_confirmed": False}

    def work(session: Session) -> tuple[str | None, bool, bool, str | None, str | None]:
        if cookie_session_id is not None:
            chat = get_session(session, cookie_session_id)
            if chat is not None:
                reference = open_inquiry(session, str(chat.id), channel="web").reference
                language.update(language=chat.language or "da",
                                language_confirmed=bool(chat.language_confirmed))
                return str(chat.id), True, chat.identity is not None, None, reference
        refusal = limits.check_new_session_rate(session, address_key, settings.gateway, now,
                                                opened_in)
        if refusal is not None:
            return None, False, False, refusal, None
        chat_id = str(create_session(session, address_key=address_key, now=now).id)
        # Every conversation is registered as an inquiry before its first message (seed 2.2.5).
        reference = register_new_conversation(session, chat_id, channel="web",
                                              started_at=now).reference
        return chat_id, False, False, None, reference

    started = await run_unit(request.app, work, short=True)
    session_id, resumed, verified, refusal, reference = started
    if session_id is None:
        return json_error(429, "too_many_sessions",
                          refusal or browser_texts(request).TOO_MANY_SESSIONS)
    response = web.json_response(
        {
            "resumed": resumed,
            "verified": verified,
            "reference": reference,
            "max_message_chars": settings.gateway.max_message_chars,
            "retention_days": settings.privacy.transcript_retention_days,
            **language,
        }
    )
    set_session_cookie(response, settings.gateway, session_id)
    return response


async def forget_session(request: web.Request) -> web.Response:
    """The widget's quick exit: this browser can no longer bring the chat back on screen.

    Only the cookie goes; the chat stays in the register for its retention period, as any
    other (an advisor may still need it).
    """
    response = web.Response(status=204)
    clear_session_cookie(response, request.app[SETTINGS].gateway)
    return response


async def _owned_session_id(request: web.Request) -> str:
    """The session this browser owns, or a 401 explained in the browser's language."""
    session_id = session_id_from_request(request, request.app[SETTINGS].gateway)
    if session_id is not None:
        exists = await run_unit(
            request.app, lambda session: get_session(session, session_id) is not None
        )
        if exists:
            return session_id
    raise CitizenError(401, "no_session", browser_texts(request).SESSION_MISSING)


def _parse_after(request: web.Request) -> int:
    raw = request.query.get("after", "0")
    # ASCII only ("²".isdigit() is True), and small enough for the database's integers.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10 or int(raw) > MAX_SEQ:
        raise web.HTTPBadRequest(reason="after must be a non-negative integer")
    return int(raw)


async def history(request: web.Request) -> web.Response:
    """Messages after the browser's last sequence number (the HTTP fallback's polling)."""
    after = _parse_after(request)
    session_id = await _owned_session_id(request)
    messages = await run_unit(
        request.app,
        lambda session: [to_out(m) for m in messages_after(session, session_id, after)],
    )
    return web.json_response({"messages": messages})


async def read_json_object(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(reason="body must be JSON") from exc
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(reason="body must be a JSON object")
    return body


def _is_utf8(value: str) -> bool:
    # JSON may carry lone surrogates ("\\ud800"); no database or log can store them.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_citizen_message(body: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """client_id, text, payload from a browser message; raises HTTPBadRequest if malformed."""
    client_id, text, payload = body.get("client_id"), body.get("text"), body.get("payload")
    if not isinstance(client_id, str) or not CLIENT_ID_PATTERN.match(client_id):
        raise web.HTTPBadRequest(reason="client_id missing or malformed")
    if payload is not None and not (isinstance(payload, str) and _is_utf8(payload)):
        raise web.HTTPBadRequest(reason="payload must be a string")
    if payload is None and not (isinstance(text, str) and _is_utf8(text)):
        raise web.HTTPBadRequest(reason="text must be a string")
    return client_id, (text if isinstance(text, str) else None), payload


async def post_message(request: web.Request) -> web.Response:
    """The HTTP fallback: one citizen message, answered when the bot's turn is stored."""
    client_id, text, payload = parse_citizen_message(await read_json_object(request))
    session_id = await _owned_session_id(request)
    language = browser_language(request)
    # Shielded: a browser that gives up waiting must not cut the turn off half-way.
    outcome = await asyncio.shield(
        request.app[HUB].spawn(
            handle_citizen_message(
                request.app, session_id, client_id=client_id, text=text, payload=payload,
                fallback_language=language,
            )
        )
    )
    if isinstance(outcome, Accepted):
        return web.json_response(
            {"status": "accepted", "message": outcome.message, "duplicate": outcome.duplicate}
        )
    return web.json_response(
        {
            "status": "rejected",
            "client_id": outcome.client_id,
            "error": outcome.reason,
            "message": outcome.text,
        },
        status=_REFUSAL_STATUS.get(outcome.reason, 400),
    )


async def attach_identity(request: web.Request) -> web.Response:
    """The website hands over its signed identity token; we keep only what it proves."""
    from bot.identity import IdentityTokenError, SqlReplayStore, verify_identity_token
    from bot.identity_keys import identity_policy

    body = await read_json_object(request)
    token = body.get("token")
    if not isinstance(token, str) or not token or not _is_utf8(token):
        raise web.HTTPBadRequest(reason="token missing")
    session_id = await _owned_session_id(request)
    say = localized(texts, await run_unit(
        request.app, lambda session: language_of_chat(session, session_id)))
    settings = request.app[SETTINGS]
    replay_store = SqlReplayStore(request.app[DATABASE].session_factory)
    try:
        identity = await asyncio.get_running_loop().run_in_executor(
            None,
            lambda: verify_identity_token(
                token, policy=identity_policy(settings), replay_store=replay_store
            ),
        )
    except IdentityTokenError as exc:
        log.warning("Identity token refused: %s", exc)
        return json_error(400, "identity_refused", say.IDENTITY_REFUSED)

    def work(session: Session) -> None:
        set_identity(session, session_id, identity.as_metadata())
        record_audit(
            session,
            actor_type="conversation",
            actor_id=session_id,
            action="identity_attached",
            subject_type="chat_session",
            subject_id=session_id,
            detail=f"method={identity.method}",
        )

    await run_unit(request.app, work)
    return web.json_response(
        {"verified": True, "method": identity.method, "message": say.IDENTITY_CONFIRMED}
    )

async def set_language(request: web.Request) -> web.Response:
    """The widget's language (issue #18): `{"language": "en", "chosen": true}`.

    `chosen` is the citizen's own choice (the switch); the browser's language is not, so the
    gateway may still ask when a Danish chat is written in English (bot/gateway/chat_language).
    """
    body = await read_json_object(request)
    language, chosen = body.get("language"), body.get("chosen", False)
    if language not in LANGUAGES or not isinstance(chosen, bool):
        raise web.HTTPBadRequest(reason="language must be 'da' or 'en', chosen true or false")
    session_id = await _owned_session_id(request)

    def work(session: Session) -> bool:
        chat = get_session(session, session_id)
        if chat is None or (chat.language_confirmed and not chosen):
            return False  # the citizen's own earlier choice wins over the browser's language
        chat.language = str(language)
        chat.language_confirmed = chosen
        return True

    if await run_unit(request.app, work):
        # The chat's open sockets refuse and explain in the new language at once.
        await request.app[HUB].set_language(session_id, str(language))
    return web.json_response({"language": language})


async def preflight(_request: web.Request) -> web.Response:
    # The origin middleware answers allowed preflights before they get here.
    return web.Response(status=204)
