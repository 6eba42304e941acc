"""Console views: small functions; domain refusals become HTTP errors here, at the edge."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import as_utc, utcnow
from bot.console import auth
from bot.console.keys import CHANNEL, HTTP, LIVE, SETTINGS, TEMPLATES, advisor_of, run_db
from bot.console.workflow import queue_item, queue_snapshot, return_to_bot, waiting_minutes
from bot.handover import context as ctx
from bot.handover import queue, repository, texts
from bot.models.accounts import AdvisorAccount
from bot.models.audit import AuditEvent, record_audit
from bot.models.chat import (
    OWNER_ADVISOR,
    OWNER_BOT,
    SENDER_ADVISOR,
    SENDER_SYSTEM,
    ChatMessage,
    ChatSession,
)
from bot.models.handover import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    STATUS_HANDED_BACK,
    STATUS_WAITING,
    Handover,
)

log = logging.getLogger(__name__)

MAX_ADVISOR_MESSAGE_CHARS = 2000
MAX_NOTE_CHARS = 4000
LIVE_CHAT_WINDOW = timedelta(minutes=30)
OUTCOMES = {
    "answered": "Besvaret",
    "referred": "Henvist til anden enhed",
    "callback_agreed": "Aftalt opringning",
    "citizen_left": "Borgeren forlod chatten",
}
CATEGORIES = {
    "case_status": "Sagens status",
    "rights": "Rettigheder som offer eller vidne",
    "complaint": "Klage",
    "sensitive": "Følsomt emne",
    "practical": "Praktisk spørgsmål",
    "other": "Andet",
}


def render(request: web.Request, template: str, **values: Any) -> web.Response:
    env = request.app[TEMPLATES]
    advisor = request.get("console_advisor")
    html = env.get_template(template).render(advisor=advisor, **values)
    return web.Response(text=html, content_type="text/html")


async def _form(request: web.Request) -> dict[str, str]:
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _handover_id(request: web.Request) -> int:
    raw = request.match_info["handover_id"]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- login ------------------------------------------------------------------------------


async def login_page(request: web.Request) -> web.Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", csrf_token=token, error=None)
    auth.set_cookie(response, auth.LOGIN_CSRF_COOKIE, token,
                    secure=request.app[SETTINGS].gateway.cookie_secure)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    form = await _form(request)
    expected = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not expected or not auth.csrf_matches(expected, form.get("csrf_token")):
        raise web.HTTPForbidden(text="CSRF token missing or wrong")
    username, password = form.get("username", ""), form.get("password", "")
    now = utcnow()

    def work(session: Session) -> str | None:
        account = auth.authenticate(session, username, password)
        if account is None:
            record_audit(session, actor_type="system", actor_id="console", action="login_failed",
                         subject_type="advisor", subject_id="-")
            return None
        record_audit(session, actor_type="advisor", actor_id=str(account.id), action="login",
                     subject_type="advisor", subject_id=str(account.id))
        return auth.start_session(session, int(account.id), now)

    token = await run_db(request.app, work)
    secure = request.app[SETTINGS].gateway.cookie_secure
    if token is None:
        fresh = secrets.token_urlsafe(32)
        response = render(request, "login.html", csrf_token=fresh,
                          error="Forkert brugernavn eller adgangskode.")
        response.set_status(401)
        auth.set_cookie(response, auth.LOGIN_CSRF_COOKIE, fresh, secure=secure)
        return response
    response = web.HTTPFound("/console/")
    auth.set_cookie(response, auth.SESSION_COOKIE, token, secure=secure,
                    max_age=int(auth.SESSION_TTL.total_seconds()))
    response.del_cookie(auth.LOGIN_CSRF_COOKIE, path="/console")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    token = request.cookies.get(auth.SESSION_COOKIE, "")
    await run_db(request.app, lambda s: auth.end_session(s, token))
    response = web.HTTPFound("/console/login")
    response.del_cookie(auth.SESSION_COOKIE, path="/console")
    raise response


# --- queue ------------------------------------------------------------------------------


def chat_ref(secret_key: str, session_id: str) -> str:
    """An opaque name for a chat: the session id (Rasa's sender id) never reaches a browser."""
    return hmac.new(secret_key.encode(), session_id.encode(), hashlib.sha256).hexdigest()[:32]


def _recent_bot_chats(session: Session, now: datetime) -> list[ChatSession]:
    return list(session.execute(
        select(ChatSession)
        .where(ChatSession.owner == OWNER_BOT,
               ChatSession.last_activity_at >= now - LIVE_CHAT_WINDOW)
        .order_by(ChatSession.last_activity_at.desc())
        .limit(50)
    ).scalars())


def _ongoing_bot_chats(session: Session, now: datetime, secret_key: str) -> list[dict[str, Any]]:
    """Live chats the bot is handling, for an advisor who wants to step in."""
    rows = []
    for chat in _recent_bot_chats(session, now):
        last = session.execute(
            select(ChatMessage.text)
            .where(ChatMessage.session_id == chat.id, ChatMessage.sender == "citizen")
            .order_by(ChatMessage.seq.desc()).limit(1)
        ).scalar_one_or_none()
        if last is None:
            continue
        rows.append({
            "chat_ref": chat_ref(secret_key, str(chat.id)),
            "last_message": ctx.one_line(str(last), 120),
            "quiet_minutes": int((now - as_utc(chat.last_activity_at)).total_seconds() // 60),
        })
    return rows


async def queue_page(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    now = utcnow()
    secret_key = request.app[SETTINGS].gateway.secret_key

    def work(session: Session) -> dict[str, Any]:
        mine = session.execute(
            select(Handover).where(Handover.status == STATUS_ACTIVE,
                                   Handover.claimed_by == advisor.id)
            .order_by(Handover.claimed_at)
        ).scalars()
        return {
            "waiting": queue_snapshot(session, now),
            "mine": [queue_item(h, now) for h in mine],
            "callbacks": [
                {"id": c.id, "reason": ctx.reason_label(str(c.reason)), "urgency": c.urgency,
                 "time_window": c.time_window, "created_at": as_utc(c.created_at)}
                for c in repository.open_callbacks(session)
            ],
            "bot_chats": _ongoing_bot_chats(session, now, secret_key),
        }

    return render(request, "queue.html", **await run_db(request.app, work))


async def claim(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = _handover_id(request)

    def work(session: Session) -> str | None:
        if not queue.claim(session, handover_id, advisor.id, utcnow()):
            return None
        handover = repository.get_handover(session, handover_id)
        return str(handover.session_id) if handover else None

    session_id = await run_db(request.app, work)
    if session_id is None:
        raise web.HTTPConflict(text="Another advisor has already taken this chat.")
    channel = request.app[CHANNEL]
    await channel.set_owner(session_id, OWNER_ADVISOR)
    await channel.deliver(session_id, sender=SENDER_SYSTEM, text=texts.ADVISOR_JOINED)
    request.app[LIVE].poke()
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def _rasa_tracker(request: web.Request, session_id: str) -> dict[str, Any]:
    settings = request.app[SETTINGS]
    url = f"{settings.rasa.url.rstrip('/')}/conversations/{quote(session_id, safe='')}/tracker"
    params = {"token": settings.handover.rasa_token} if settings.handover.rasa_token else {}
    try:
        async with request.app[HTTP].get(url, params=params) as response:
            if response.status == 200:
                data: dict[str, Any] = await response.json()
                return data
    except (aiohttp.ClientError, ValueError):
        log.warning("handover: Rasa tracker not available for a picked chat")
    return {}


async def pick_live_chat(request: web.Request) -> web.StreamResponse:
    """An advisor steps into a chat the bot is handling (reason: advisor_picked)."""
    advisor = advisor_of(request)
    ref = request.match_info["chat_ref"]
    secret_key = request.app[SETTINGS].gateway.secret_key
    now = utcnow()
    candidates = await run_db(request.app, lambda s: [str(c.id) for c in
                                                     _recent_bot_chats(s, now)])
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
        chat = session.get(ChatSession, session_id)
        if chat is None or chat.owner != OWNER_BOT:
            return None
        if repository.open_handover_for_session(session, session_id) is not None:
            return None
        handover = repository.create_handover(session, session_id=session_id, context=packet,
                                              status=STATUS_WAITING, now=now)
        if not queue.claim(session, int(handover.id), advisor.id, now):
            return None
        return int(handover.id)

    handover_id = await run_db(request.app, work)
    if handover_id is None:
        raise web.HTTPConflict(text="This chat is already handed over or gone.")
    channel = request.app[CHANNEL]
    await channel.set_owner(session_id, OWNER_ADVISOR)
    await channel.deliver(session_id, sender=SENDER_SYSTEM, text=texts.ADVISOR_JOINED)
    request.app[LIVE].poke()
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


# --- the context card -------------------------------------------------------------------


def _may_open(handover: Handover, advisor: auth.Advisor) -> bool:
    """Advisors see chats in the queue and their own; supervisors see all."""
    return advisor.is_supervisor or handover.status == STATUS_WAITING or (
        handover.claimed_by == advisor.id
    )


def _transcript(session: Session, handover: Handover,
                packet: ctx.HandoverContext) -> list[ctx.TranscriptLine]:
    """The gateway's stored transcript (complete, with advisor lines); else the tracker's."""
    rows = session.execute(
        select(ChatMessage).where(ChatMessage.session_id == handover.session_id)
        .order_by(ChatMessage.seq)
    ).scalars().all()
    if rows:
        return [{"at": as_utc(m.created_at).isoformat(timespec="seconds"),
                 "sender": str(m.sender), "text": str(m.text)} for m in rows]
    return packet.get("transcript", [])


def _ready_replies(request: web.Request) -> list[dict[str, str]]:
    """The knowledge base's answers, for the advisor to insert and adapt."""
    from bot.knowledge.loader import KnowledgeError, cached_knowledge_base

    try:
        base = cached_knowledge_base(request.app[SETTINGS].knowledge_dir)
    except (KnowledgeError, OSError) as exc:
        log.warning("console: knowledge base not available for ready replies: %s", exc)
        return []
    return [{"id": entry.id, "title": entry.title, "text": base.render_answer(entry)}
            for entry in sorted(base.entries.values(), key=lambda e: e.title)]


async def handover_card(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    handover_id = _handover_id(request)
    now = utcnow()

    def work(session: Session) -> dict[str, Any] | None:
        handover = repository.get_handover(session, handover_id)
        if handover is None or not _may_open(handover, advisor):
            return None
        record_audit(session, actor_type="advisor", actor_id=str(advisor.id),
                     action="open_handover_context", subject_type="handover",
                     subject_id=str(handover_id))
        packet = ctx.loads(str(handover.context_json))
        authors = {a.id: a.display_name for a in session.execute(select(AdvisorAccount))
                   .scalars()}
        return {
            "handover": handover,
            "packet": packet,
            "reason_label": ctx.reason_label(str(handover.reason)),
            "waiting_minutes": waiting_minutes(handover, now),
            "transcript": _transcript(session, handover, packet),
            "notes": [{"author": authors.get(n.author_id, "?"), "kind": n.kind, "text": n.text,
                       "at": as_utc(n.created_at)} for n in repository.notes_for(session,
                                                                                   handover_id)],
            "colleagues": [a for a in auth.list_advisors(session) if a.id != advisor.id],
            "holder": authors.get(handover.claimed_by) if handover.claimed_by else None,
            "is_mine": handover.claimed_by == advisor.id and handover.status == STATUS_ACTIVE,
        }

    values = await run_db(request.app, work)
    if values is None:
        raise web.HTTPNotFound()
    return render(request, "handover.html", outcomes=OUTCOMES, categories=CATEGORIES,
                  ready_replies=_ready_replies(request), **values)


async def _holder_session_id(request: web.Request, handover_id: int) -> str:
    advisor = advisor_of(request)

    def work(session: Session) -> str | None:
        handover = repository.get_handover(session, handover_id)
        if handover is None or handover.status != STATUS_ACTIVE or \
                handover.claimed_by != advisor.id:
            return None
        return str(handover.session_id)

    session_id = await run_db(request.app, work)
    if session_id is None:
        raise web.HTTPForbidden(text="Only the advisor holding this chat can do that.")
    return session_id


async def send_message(request: web.Request) -> web.StreamResponse:
    handover_id = _handover_id(request)
    text = (await _form(request)).get("text", "").strip()
    if not text or len(text) > MAX_ADVISOR_MESSAGE_CHARS:
        raise web.HTTPBadRequest(text=f"Message must be 1-{MAX_ADVISOR_MESSAGE_CHARS} chars.")
    session_id = await _holder_session_id(request, handover_id)
    await request.app[CHANNEL].deliver(session_id, sender=SENDER_ADVISOR, text=text)
    if _wants_json(request):
        return web.json_response({"ok": True, "sender": SENDER_ADVISOR, "text": text,
                                  "at": utcnow().isoformat(timespec="seconds")})
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def add_note(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = _handover_id(request)
    text = (await _form(request)).get("text", "").strip()
    if not text or len(text) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text=f"Note must be 1-{MAX_NOTE_CHARS} characters.")
    await _holder_session_id(request, handover_id)
    await run_db(request.app, lambda s: repository.add_note(
        s, handover_id=handover_id, author_id=advisor.id, text=text, now=utcnow()))
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def transfer(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = _handover_id(request)
    form = await _form(request)
    note = form.get("note", "").strip()
    raw_to = form.get("to_advisor", "")
    if not raw_to.isdigit() or not note or len(note) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text="Choose a colleague and write a note for them.")
    to_advisor = int(raw_to)

    def work(session: Session) -> str | None:
        colleague = session.get(AdvisorAccount, to_advisor)
        if colleague is None or not colleague.active or to_advisor == advisor.id:
            return None
        if not queue.transfer(session, handover_id, advisor.id, to_advisor):
            return None
        repository.add_note(session, handover_id=handover_id, author_id=advisor.id, text=note,
                            now=utcnow(), kind="transfer")
        record_audit(session, actor_type="advisor", actor_id=str(advisor.id),
                     action="transfer_handover", subject_type="handover",
                     subject_id=str(handover_id), detail=f"to advisor {to_advisor}")
        handover = repository.get_handover(session, handover_id)
        return str(handover.session_id) if handover else None

    session_id = await run_db(request.app, work)
    if session_id is None:
        raise web.HTTPForbidden(text="Transfer refused: not your chat, or unknown colleague.")
    await request.app[CHANNEL].deliver(session_id, sender=SENDER_SYSTEM,
                                       text=texts.ADVISOR_CHANGED)
    await request.app[LIVE].to_advisor(to_advisor, {"type": "transferred",
                                                    "handover_id": handover_id})
    raise web.HTTPFound("/console/")


async def _end(request: web.Request, status: str, outcome: str | None,
               category: str | None, farewell: str) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = _handover_id(request)
    session_id = await _holder_session_id(request, handover_id)
    ended = await run_db(request.app, lambda s: queue.end(
        s, handover_id, advisor.id, status=status, now=utcnow(), outcome=outcome,
        category=category))
    if not ended:
        raise web.HTTPConflict(text="This chat has already ended.")
    await return_to_bot(request.app, session_id, farewell)
    request.app[LIVE].poke()
    raise web.HTTPFound("/console/")


async def hand_back(request: web.Request) -> web.StreamResponse:
    return await _end(request, STATUS_HANDED_BACK, None, None, texts.HANDED_BACK)


async def close(request: web.Request) -> web.StreamResponse:
    form = await _form(request)
    outcome, category = form.get("outcome", ""), form.get("category", "")
    if outcome not in OUTCOMES or category not in CATEGORIES:
        raise web.HTTPBadRequest(text="Choose an outcome and a category.")
    return await _end(request, STATUS_CLOSED, outcome, category, texts.CLOSED)


# --- follow-up list (call-backs) --------------------------------------------------------


async def callback_card(request: web.Request) -> web.Response:
    advisor = advisor_of(request)
    raw = request.match_info["callback_id"]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    callback_id = int(raw)

    def work(session: Session) -> dict[str, Any] | None:
        callback = repository.get_callback(session, callback_id)
        if callback is None:
            return None
        record_audit(session, actor_type="advisor", actor_id=str(advisor.id),
                     action="open_callback_context", subject_type="callback",
                     subject_id=str(callback_id))
        return {"callback": callback, "packet": ctx.loads(str(callback.context_json)),
                "reason_label": ctx.reason_label(str(callback.reason))}

    values = await run_db(request.app, work)
    if values is None:
        raise web.HTTPNotFound()
    return render(request, "callback.html", **values)


async def callback_done(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    raw = request.match_info["callback_id"]
    if not raw.isdigit():
        raise web.HTTPNotFound()
    await run_db(request.app, lambda s: repository.mark_callback_done(
        s, int(raw), advisor.id, utcnow()))
    raise web.HTTPFound("/console/")


# --- supervisor -------------------------------------------------------------------------


async def supervisor_page(request: web.Request) -> web.Response:
    if not advisor_of(request).is_supervisor:
        raise web.HTTPForbidden(text="Supervisors only.")
    now = utcnow()

    def work(session: Session) -> dict[str, Any]:
        names = {a.id: a.display_name for a in session.execute(select(AdvisorAccount))
                 .scalars()}
        active = session.execute(
            select(Handover).where(Handover.status == STATUS_ACTIVE).order_by(Handover.claimed_at)
        ).scalars()
        audit = session.execute(
            select(AuditEvent).where(AuditEvent.actor_type == "advisor")
            .order_by(AuditEvent.at.desc()).limit(50)
        ).scalars()
        return {
            "active": [dict(queue_item(h, now), advisor=names.get(h.claimed_by, "?"))
                       for h in active],
            "audit": [{"at": as_utc(e.at), "who": names.get(int(e.actor_id), e.actor_id)
                       if e.actor_id.isdigit() else e.actor_id, "action": e.action,
                       "subject": f"{e.subject_type} {e.subject_id}"} for e in audit],
            "waiting_count": len(queue.waiting(session)),
            "callback_count": len(repository.open_callbacks(session)),
        }

    return render(request, "supervisor.html", **await run_db(request.app, work))


# --- live updates -----------------------------------------------------------------------


def _origin_allowed(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.host}"
    return origin == own or origin in request.app[SETTINGS].gateway.allowed_origins


async def live_socket(request: web.Request) -> web.StreamResponse:
    """The advisor's live feed: queue changes and citizen messages of their chats."""
    if not _origin_allowed(request):
        raise web.HTTPForbidden(text="WebSocket origin refused.")
    advisor = advisor_of(request)
    socket = web.WebSocketResponse(heartbeat=30)
    await socket.prepare(request)
    board = request.app[LIVE]
    board.add(advisor.id, socket)
    try:
        snapshot = await run_db(request.app, lambda s: queue_snapshot(s, utcnow()))
        await socket.send_json({"type": "queue", "waiting": snapshot})
        async for _message in socket:
            pass  # the console only listens; actions go through CSRF-checked POST forms
    finally:
        board.remove(advisor.id, socket)
    return socket
