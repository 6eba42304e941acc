"""One chat turn, from the citizen's message to the bot's stored and delivered replies.

Both transports (WebSocket and the HTTP fallback) go through `handle_citizen_message`, so the
rules hold for both: store the masked message before forwarding, refuse over-limit messages
(in the turn's language), forward only offered button payloads as payloads, attach metadata
only from the gateway's own verified state, and never leave the citizen without an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat import limits, texts
from bot.chat.rasa_client import BotTurn, neutralise_command_text, send_routed
from bot.chat.transcripts import (
    BotLine,
    Button,
    MessageOut,
    append_bot_turn,
    append_message,
    find_by_client_id,
    get_turn_state,
    set_forward_state,
    set_language,
    to_out,
)
from bot.dialogue.answers import offered_button_for
from bot.gateway import chat_language
from bot.gateway.errors import log, log_unexpected
from bot.gateway.outbox import OUTBOX
from bot.gateway.state import HUB, RASA_ROUTER, SETTINGS
from bot.i18n import localized
from bot.identity import METADATA_KEY, VerifiedIdentity
from bot.identity_claims import sign_identity_claim
from bot.models.chat import (
    FORWARD_DONE,
    FORWARD_PENDING,
    FORWARD_QUEUED,
    FORWARD_SKIPPED,
    OWNER_ADVISOR,
    OWNER_BOT,
    SENDER_CITIZEN,
    SENDER_SYSTEM,
    utcnow,
)
from bot.settings import Settings
from bot.web.database import run_unit
from bot.web.http_client import HTTP_CLIENT

CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Accepted:
    message: MessageOut
    duplicate: bool


@dataclass(frozen=True)
class Refused:
    """A message the gateway will not take; `text` is the reply in the citizen's language."""

    client_id: str
    reason: str
    text: str


@dataclass(frozen=True)
class StoredCitizenMessage:
    message: MessageOut
    message_id: int
    duplicate: bool
    owner: str
    forward: bool
    forward_text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    # Stored behind earlier queued messages of the chat; the redelivery forwards it.
    queued: bool = False
    turn_language: chat_language.TurnLanguage | None = None


def trusted_metadata(
    identity: Any, now: datetime, settings: Settings, session_id: str, language: str = "da"
) -> dict[str, Any]:
    """Metadata for Rasa, from the session row only; whatever a browser sends is ignored."""
    metadata: dict[str, Any] = {"br_channel": "web", chat_language.METADATA_LANGUAGE: language}
    if isinstance(identity, dict) and identity.get("verified_at"):
        verified_at = datetime.fromisoformat(str(identity["verified_at"]))
        if verified_at.tzinfo is None:
            verified_at = verified_at.replace(tzinfo=now.tzinfo)
        ttl = timedelta(minutes=settings.privacy.verification_ttl_minutes)
        if now - verified_at <= ttl:
            # Signed for this conversation and this turn only (bot/identity_claims.py).
            person = VerifiedIdentity(str(identity["person_ref"]), str(identity["method"]),
                                      verified_at)
            metadata[METADATA_KEY] = sign_identity_claim(
                person, conversation_id=session_id, key=settings.identity.claim_key, now=now
            )
    return metadata


def _store_citizen_message(
    session: Session,
    *,
    settings: Settings,
    session_id: str,
    client_id: str,
    text: str | None,
    payload: str | None,
    now: datetime,
    fallback_language: str = "da",
) -> StoredCitizenMessage | Refused:
    read = get_turn_state(session, session_id, client_id=client_id,
                          since=now - limits.RATE_WINDOW)
    if read is None:
        return Refused(client_id, "no_session", localized(texts, fallback_language).SESSION_MISSING)
    chat = read.chat

    offered = {b["payload"]: b["title"] for b in chat.offered_buttons}
    typed = offered_button_for(text or "", chat.offered_buttons) if payload is None else None
    # Decided first, so a refusal is said in the language the citizen writes in.
    choice = chat_language.choice_of(payload) if payload in offered else None
    turn_language = chat_language.language_for_turn(
        chat, choice=choice, text=text if payload is None else None)
    if turn_language.chosen:
        set_language(session, session_id, turn_language.language)
    if payload is not None and payload in offered:
        shown, forward_text = offered[payload], payload
    elif typed is not None:
        # A typed answer to the buttons just shown ("ja", "nej tak", "fire") counts as the press.
        shown, forward_text = str(text), str(typed["payload"])
    else:
        raw = payload if payload is not None else (text or "")
        refusal = limits.check_message_text(raw, settings.gateway, turn_language.language)
        if refusal is not None:
            reason = "empty" if not raw.strip() else "too_long"
            return Refused(client_id, reason, refusal)
        shown, forward_text = raw, neutralise_command_text(raw)

    metadata = trusted_metadata(chat.identity, now, settings, session_id, turn_language.language)
    existing = find_by_client_id(session, session_id, client_id) if read.resent else None
    if existing is not None:
        # A resend after a lost connection: acknowledge again, and forward only if the first
        # attempt never finished (the process stopped between storing and answering).
        return StoredCitizenMessage(
            message=to_out(existing),
            message_id=int(existing.id),
            duplicate=True,
            owner=str(chat.owner),
            forward=existing.forward_state == FORWARD_PENDING and chat.owner == OWNER_BOT,
            forward_text=forward_text,
            metadata=metadata,
        )

    refusal = limits.message_rate_refusal(read.sent_since, settings.gateway,
                                          turn_language.language)
    if refusal is not None:
        return Refused(client_id, "rate", refusal)

    owner = str(chat.owner)
    # Messages waiting for Rasa go first: a new one queues behind them, to keep the order.
    queued = owner == OWNER_BOT and read.queued
    state = FORWARD_SKIPPED if owner != OWNER_BOT or turn_language.chosen else (
        FORWARD_QUEUED if queued else FORWARD_PENDING)
    message = append_message(
        session,
        session_id,
        sender=SENDER_CITIZEN,
        text=shown,
        client_id=client_id,
        forward_state=state,
        now=now,
    )
    return StoredCitizenMessage(
        message=to_out(message),
        message_id=int(message.id),
        duplicate=False,
        owner=owner,
        forward=owner == OWNER_BOT and not queued and not turn_language.chosen,
        forward_text=forward_text,
        metadata=metadata,
        queued=queued and not turn_language.chosen,
        turn_language=turn_language,
    )


def _store_bot_turn(
    session: Session, *, session_id: str, citizen_message_id: int, turn: BotTurn,
    announce_queue: bool = True, language: str = "da",
) -> list[MessageOut]:
    """Store the turn (notices in the turn's `language`); return it with the live text."""
    say = localized(texts, language)
    delivered: list[MessageOut] = []
    if turn.undelivered:
        # No Rasa server took it: kept for the redelivery, and the citizen is told so once.
        set_forward_state(session, citizen_message_id, FORWARD_QUEUED)
        if announce_queue:
            stored = append_message(session, session_id, sender=SENDER_SYSTEM,
                                    text=say.BOT_QUEUED)
            delivered.append(to_out(stored))
        return delivered
    if not turn.reached or turn.is_silent:
        notice = say.BOT_UNAVAILABLE if not turn.reached else say.BOT_NO_ANSWER
        stored = append_message(session, session_id, sender=SENDER_SYSTEM, text=notice)
        delivered.append(to_out(stored))
    else:
        lines: list[BotLine] = []
        for index, (text, buttons) in enumerate(turn.texts):
            card = turn.cards.get(index)
            if card is not None:
                buttons = [Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
                           for b in card.get("buttons", []) if isinstance(b, dict)]
            lines.append(BotLine(text, list(buttons), card))
        offered = [button for line in lines for button in line.buttons]
        stored_lines = append_bot_turn(session, session_id, lines, offered)
        for line, out in zip(lines, stored_lines, strict=True):
            # The citizen may see their own data in the live turn; only storage is masked.
            live: MessageOut = {**out, "text": line.text, "buttons": list(line.buttons)}
            if line.card is not None:
                live["card"] = line.card
            delivered.append(live)
    set_forward_state(session, citizen_message_id, FORWARD_DONE)
    return delivered


async def handle_custom_payload(
    app: web.Application, session_id: str, payload: dict[str, Any]
) -> None:
    """Hand a Rasa custom payload (e.g. `{"handover": ...}`) to whoever registered for it."""
    handlers = app[HUB].custom_payload_handlers
    if not handlers:
        log.info("Custom payload with keys %s not handled", sorted(payload))
    for handler in handlers:
        try:
            await handler(app, session_id, payload)
        except Exception as exc:  # one broken handler must not silence the chat
            log_unexpected(exc, "custom payload handler")


async def forward_turn(
    app: web.Application, session_id: str, stored: StoredCitizenMessage,
    announce_queue: bool = True,
) -> bool:
    """One turn with Rasa; False when no Rasa server took the message (it is queued)."""
    settings = app[SETTINGS]
    hub = app[HUB]
    await hub.send_to_session(session_id, {"type": "typing", "on": True})
    replies: list[MessageOut] = []
    try:
        turn = await send_routed(
            app[HTTP_CLIENT].session,
            app[RASA_ROUTER],
            sender=session_id,
            message=stored.forward_text,
            metadata=stored.metadata,
            timeout_seconds=settings.rasa.request_timeout_seconds,
        )
        replies = await run_unit(
            app,
            partial(
                _store_bot_turn,
                session_id=session_id,
                citizen_message_id=stored.message_id,
                turn=turn,
                announce_queue=announce_queue,
                language=str(stored.metadata.get(chat_language.METADATA_LANGUAGE, "da")),
            ),
            short=True,
        )
    finally:
        if not replies:  # no lines to end the typing hint (the turn failed or is queued)
            await hub.send_to_session(session_id, {"type": "typing", "on": False})
    if replies:
        # One frame for the turn's lines; it ends the typing hint (bot/gateway/websocket.py).
        await hub.send_to_session(session_id, {"type": "turn", "messages": replies})
    for payload in turn.custom_payloads:
        await handle_custom_payload(app, session_id, payload)
    if turn.undelivered:
        app[OUTBOX].remember(stored.message_id, stored.forward_text)
    return not turn.undelivered


async def handle_citizen_message(
    app: web.Application,
    session_id: str,
    *,
    client_id: str,
    text: str | None = None,
    payload: str | None = None,
    fallback_language: str = "da",  # the browser's: for a refusal when the chat is gone
) -> Accepted | Refused:
    """Store, acknowledge and answer one citizen message (in order, one turn at a time)."""
    hub = app[HUB]
    async with hub.lock(session_id):
        stored = await run_unit(
            app,
            partial(
                _store_citizen_message,
                settings=app[SETTINGS],
                session_id=session_id,
                client_id=client_id,
                text=text,
                payload=payload,
                now=utcnow(),
                fallback_language=fallback_language,
            ),
            short=True,
        )
        if isinstance(stored, Refused):
            return stored
        # The stored message, with the browser's client id, is the acknowledgement.
        await hub.send_to_session(session_id, {"type": "message", **stored.message})
        if stored.owner == OWNER_ADVISOR and not stored.duplicate:
            # The advisor's console may be open on another replica: the hub tells them all.
            await hub.notify_citizen_message(session_id, stored.message)
        elif stored.forward:
            await forward_turn(app, session_id, stored)
        elif stored.queued:
            app[OUTBOX].remember(stored.message_id, stored.forward_text)
        if not stored.duplicate and stored.owner == OWNER_BOT:
            await chat_language.after_turn(app, session_id, stored.turn_language)
        return Accepted(stored.message, stored.duplicate)


async def deliver_to_citizen(
    app: web.Application,
    session_id: str,
    *,
    sender: str,
    text: str,
    buttons: Sequence[Button] = (),
) -> MessageOut:
    """Store a message for the citizen (e.g. from an advisor) and push it to their browser."""
    stored = await run_unit(
        app,
        lambda session: to_out(
            append_message(session, session_id, sender=sender, text=text, buttons=buttons)
        ),
        short=True,
    )
    live = dict(stored, text=text)
    await app[HUB].send_to_session(session_id, {"type": "message", **live})
    return stored
