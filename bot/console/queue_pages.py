"""The advisor's start page: the queue, their own chats, the follow-up list (call-backs) and
the live chats the bot is handling; and taking a chat, from the queue or by stepping in."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.ongoing import last_citizen_text, recent_bot_chats
from bot.chat.rasa_client import RasaApiError, fetch_tracker
from bot.chat.transcripts import get_session
from bot.clock import as_utc, local_now, utcnow
from bot.console import auth
from bot.console.citizen_language import citizen_texts
from bot.console.labels import CALLBACK_STATUS_DA, label, local_datetime_da
from bot.console.packet_view import knowledge_or_none, packet_view, transcript_view
from bot.console.pages import id_param, render
from bot.console.queue_items import queue_listing
from bot.console.state import CHANNEL, LIVE, SETTINGS, advisor_of
from bot.handover import context as ctx
from bot.handover import queue, repository
from bot.models.chat import OWNER_ADVISOR, OWNER_BOT, SENDER_SYSTEM
from bot.models.handover import STATUS_WAITING
from bot.web.database import run_unit
from bot.web.http_client import HTTP_CLIENT

log = logging.getLogger(__name__)

LIVE_CHAT_WINDOW = timedelta(minutes=30)


def chat_ref(secret_key: str, session_id: str) -> str:
    """An opaque name for a chat: the session id (Rasa's sender id) never reaches a browser."""
    return hmac.new(secret_key.encode(), session_id.encode(), hashlib.sha256).hexdigest()[:32]


def _ongoing_bot_chats(session: Session, now: datetime, secret_key: str) -> list[dict[str, Any]]:
    """Live chats the bot is handling, for an advisor who wants to step in."""
    rows = []
    for chat in recent_bot_chats(session, active_since=now - LIVE_CHAT_WINDOW):
        last = last_citizen_text(session, str(chat.id))
        if last is None:
            continue
        rows.append({
            "chat_ref": chat_ref(secret_key, str(chat.id)),
            "last_message": ctx.one_line(last, 120),
            "quiet_minutes": int((now - as_utc(chat.last_activity_at)).total_seconds() // 60),
        })
    return rows


async def queue_page(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    now = utcnow()
    today = local_now().date()
    secret_key = request.app[SETTINGS].gateway.secret_key
    listing = queue_listing(request.app)

    def work(session: Session) -> dict[str, Any]:
        return {
            "waiting": listing.snapshot(session, now),
            "mine": [listing.item(h, now)
                     for h in repository.active_handovers(session, claimed_by=advisor.id)],
            "callbacks": [
                {"id": c.id, "reason": ctx.reason_label(str(c.reason)),
                 "urgent": c.urgency == ctx.URGENT, "time_window": c.time_window,
                 "created_at": local_datetime_da(c.created_at, today=today)}
                for c in repository.open_callbacks(session)
            ],
            "bot_chats": _ongoing_bot_chats(session, now, secret_key),
        }

    # The queue filtered by the chat's language (issue #18); console.js keeps it when it redraws.
    language_filter = request.query.get("language", "")
    return render(request, "queue.html", **await run_unit(request.app, work),
                  language_filter=language_filter if language_filter in ("da", "en") else "")


async def _join_chat(request: web.Request, session_id: str) -> None:
    """The advisor has won the chat: it stops going to Rasa, and the citizen is told."""
    channel = request.app[CHANNEL]
    await channel.set_owner(session_id, OWNER_ADVISOR)
    say = await citizen_texts(request.app, session_id)
    await channel.deliver(session_id, sender=SENDER_SYSTEM, text=say.ADVISOR_JOINED)
    request.app[LIVE].poke()


async def claim(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = id_param(request, "handover_id")

    def work(session: Session) -> str | None:
        if not queue.claim(session, handover_id, advisor.id, utcnow()):
            return None
        handover = repository.get_handover(session, handover_id)
        return str(handover.session_id) if handover else None

    session_id = await run_unit(request.app, work)
    if session_id is None:
        raise web.HTTPConflict(text="Another advisor has already taken this chat.")
    await _join_chat(request, session_id)
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def _rasa_tracker(request: web.Request, session_id: str) -> dict[str, Any]:
    """The bot's view of the chat for the context card; empty if Rasa does not answer."""
    settings = request.app[SETTINGS]
    try:
        return await fetch_tracker(request.app[HTTP_CLIENT].session, settings.rasa.url,
                                   settings.handover.rasa_token, session_id)
    except RasaApiError as exc:
        log.warning("handover: Rasa tracker not available for a picked chat: %s", exc)
        return {}


async def pick_live_chat(request: web.Request) -> web.StreamResponse:
    """An advisor steps into a chat the bot is handling (reason: advisor_picked)."""
    advisor = advisor_of(request)
    ref = request.match_info["chat_ref"]
    secret_key = request.app[SETTINGS].gateway.secret_key
    now = utcnow()
    candidates = await run_unit(request.app, lambda s: [
        str(c.id) for c in recent_bot_chats(s, active_since=now - LIVE_CHAT_WINDOW)])
    matching = [c for c in candidates if hmac.compare_digest(chat_ref(secret_key, c), ref)]
    if not matching:
        raise web.HTTPNotFound()
    session_id = matching[0]
    tracker = await _rasa_tracker(request, session_id)
    packet = ctx.build_context(
        reason=ctx.REASON_ADVISOR_PICKED, events=tracker.get("events") or [],
        slots=tracker.get("slots") or {}, case=None, now=now,
    )

    def work(session: Session) -> int | None:
        chat = get_session(session, session_id)
        if chat is None or chat.owner != OWNER_BOT:
            return None
        if repository.open_handover_for_session(session, session_id) is not None:
            return None
        handover = repository.create_handover(session, session_id=session_id, context=packet,
                                              status=STATUS_WAITING, now=now)
        if not queue.claim(session, int(handover.id), advisor.id, now):
            return None
        return int(handover.id)

    handover_id = await run_unit(request.app, work)
    if handover_id is None:
        raise web.HTTPConflict(text="This chat is already handed over or gone.")
    await _join_chat(request, session_id)
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


# --- the follow-up list (call-backs) ----------------------------------------------------


async def callback_card(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    callback_id = id_param(request, "callback_id")
    knowledge = knowledge_or_none(request.app[SETTINGS].knowledge_dir)
    today = local_now().date()

    def work(session: Session) -> dict[str, Any] | None:
        callback = repository.get_callback(session, callback_id)
        if callback is None:
            return None
        auth.record_advisor_action(session, advisor.id, "open_callback_context", "callback",
                                   callback_id)
        packet = ctx.loads(str(callback.context_json))
        return {"callback": callback,
                "status_label": label(CALLBACK_STATUS_DA, callback.status),
                "view": packet_view(packet, reason=str(callback.reason), today=today,
                                    knowledge=knowledge),
                "transcript": transcript_view(packet.get("transcript") or [], today)}

    values = await run_unit(request.app, work)
    if values is None:
        raise web.HTTPNotFound()
    return render(request, "callback.html", **values)


async def callback_done(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    callback_id = id_param(request, "callback_id")
    await run_unit(request.app, lambda s: repository.mark_callback_done(
        s, callback_id, advisor.id, utcnow()))
    raise web.HTTPFound("/console/")
