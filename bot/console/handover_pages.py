"""The advisor's chats, each with its case packet, and what the advisor holding one can do:
write to the citizen, add a note, transfer it to a colleague, hand it back to the bot or close
it. Several chats at once are tabs of one page."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.transcripts import messages_after
from bot.clock import as_utc, local_now, utcnow
from bot.console import auth, labels
from bot.console.citizen_language import citizen_texts
from bot.console.handback import return_to_bot
from bot.console.packet_view import knowledge_or_none, packet_view, transcript_view
from bot.console.pages import id_param, read_form, render, wants_json
from bot.console.queue_items import waiting_minutes
from bot.console.state import CHANNEL, LIVE, SETTINGS, advisor_of
from bot.dashboard.labels import INQUIRY_CATEGORY_TEXT_DA
from bot.handover import context as ctx
from bot.handover import queue, repository
from bot.knowledge.loader import KnowledgeBase
from bot.models.chat import SENDER_ADVISOR, SENDER_SYSTEM
from bot.models.handover import (
    STATUS_ACTIVE,
    STATUS_CLOSED,
    STATUS_HANDED_BACK,
    STATUS_WAITING,
    Handover,
)
from bot.web.database import run_unit

log = logging.getLogger(__name__)

MAX_ADVISOR_MESSAGE_CHARS = 2000
MAX_NOTE_CHARS = 4000
MAX_TRANSCRIPT_MESSAGES = 2000
# How an advisor closes a chat; not the inquiry register's outcomes (bot.models.inquiries).
CLOSE_OUTCOMES = {
    "answered": "Besvaret",
    "referred": "Henvist til anden enhed",
    "callback_agreed": "Aftalt opringning",
    "citizen_left": "Borgeren forlod chatten",
}
# The topics an advisor can file a closed chat under (the inquiry register's categories).
CLOSE_CATEGORIES = ("case_status", "rights", "complaint", "sensitive", "practical", "other")
CATEGORIES = {code: INQUIRY_CATEGORY_TEXT_DA[code] for code in CLOSE_CATEGORIES}


def _may_open(handover: Handover, advisor: auth.Advisor) -> bool:
    """Advisors see chats in the queue and their own; supervisors see all."""
    return advisor.is_supervisor or handover.status == STATUS_WAITING or (
        handover.claimed_by == advisor.id
    )


def _transcript(session: Session, handover: Handover,
                packet: ctx.HandoverContext) -> list[ctx.TranscriptLine]:
    """The gateway's stored transcript (complete, with advisor lines); else the tracker's."""
    rows = messages_after(session, str(handover.session_id), 0, limit=MAX_TRANSCRIPT_MESSAGES)
    if rows:
        return [{"at": as_utc(m.created_at).isoformat(timespec="seconds"),
                 "sender": str(m.sender), "text": str(m.text)} for m in rows]
    return packet.get("transcript", [])


def _ready_replies(knowledge: KnowledgeBase | None, language: str = "da"
                   ) -> list[dict[str, str]]:
    """The knowledge base's answers, for the advisor to find, insert and adapt.

    In the chat's language: an English chat gets the English answers (issue #18).
    """
    if knowledge is None:
        return []
    entries = sorted(knowledge.entries.values(), key=lambda e: e.title_in(language))
    return [{"id": entry.id, "title": entry.title_in(language),
             "text": knowledge.render_answer(entry, language=language)} for entry in entries]


@dataclass(frozen=True)
class CardContext:
    """What every chat card of one page needs beside its handover."""

    advisor: auth.Advisor
    now: datetime
    today: date
    knowledge: KnowledgeBase | None
    names: dict[int, str]


def _chat_card(session: Session, handover: Handover, card: CardContext) -> dict[str, Any]:
    packet = ctx.loads(str(handover.context_json))
    auth.record_advisor_action(session, card.advisor.id, "open_handover_context", "handover",
                               handover.id)
    status = str(handover.status)
    return {
        "id": int(handover.id),
        "status": status,
        "status_label": labels.label(labels.HANDOVER_STATUS_DA, status),
        "holder": card.names.get(handover.claimed_by) if handover.claimed_by else None,
        "is_mine": handover.claimed_by == card.advisor.id and status == STATUS_ACTIVE,
        "waiting_minutes": waiting_minutes(handover, card.now),
        "view": packet_view(packet, reason=str(handover.reason), today=card.today,
                            knowledge=card.knowledge),
        "transcript": transcript_view(_transcript(session, handover, packet), card.today),
        "notes": [{"author": card.names.get(n.author_id, "?"),
                   "transfer": n.kind == "transfer", "text": n.text,
                   "at": labels.local_datetime_da(n.created_at, today=card.today)}
                  for n in repository.notes_for(session, int(handover.id))],
    }


async def _workspace(request: web.Request, selected_id: int | None) -> web.Response:
    """The advisor's chats as tabs, each with its case packet and conversation; the chat asked
    for (also one in the queue, or any for a supervisor) is the open tab."""
    advisor = advisor_of(request)
    knowledge = knowledge_or_none(request.app[SETTINGS].knowledge_dir)
    now, today = utcnow(), local_now().date()

    def work(session: Session) -> dict[str, Any] | None:
        chats = list(repository.active_handovers(session, claimed_by=advisor.id))
        if selected_id is not None:
            selected = repository.get_handover(session, selected_id)
            if selected is None or not _may_open(selected, advisor):
                return None
            if all(h.id != selected.id for h in chats):
                chats.insert(0, selected)
        card = CardContext(advisor, now, today, knowledge, auth.advisor_names(session))
        return {
            "chats": [_chat_card(session, h, card) for h in chats],
            "colleagues": [a for a in auth.list_advisors(session) if a.id != advisor.id],
        }

    values = await run_unit(request.app, work)
    if values is None:
        raise web.HTTPNotFound()
    chats = values["chats"]
    selected = selected_id if selected_id is not None else (chats[0]["id"] if chats else None)
    return render(request, "handover.html", selected=selected, outcomes=CLOSE_OUTCOMES,
                  categories=CATEGORIES, ready_replies=_ready_replies(knowledge),
                  ready_replies_en=_ready_replies(knowledge, "en"), **values)


async def handover_card(request: web.Request) -> web.Response:
    return await _workspace(request, id_param(request, "handover_id"))


async def chats_page(request: web.Request) -> web.Response:
    return await _workspace(request, None)


def held_session_id(session: Session, handover_id: int, advisor_id: int) -> str | None:
    """The chat's session id, if the advisor holds it now."""
    handover = repository.get_handover(session, handover_id)
    if handover is None or handover.status != STATUS_ACTIVE or handover.claimed_by != advisor_id:
        return None
    return str(handover.session_id)


async def _holder_session_id(request: web.Request, handover_id: int) -> str:
    """The chat's session id, if the requesting advisor holds it; else 403."""
    advisor = advisor_of(request)
    session_id = await run_unit(request.app,
                                lambda s: held_session_id(s, handover_id, advisor.id))
    if session_id is None:
        raise web.HTTPForbidden(text="Only the advisor holding this chat can do that.")
    return session_id


async def send_message(request: web.Request) -> web.StreamResponse:
    handover_id = id_param(request, "handover_id")
    text = (await read_form(request)).get("text", "").strip()
    if not text or len(text) > MAX_ADVISOR_MESSAGE_CHARS:
        raise web.HTTPBadRequest(text=f"Message must be 1-{MAX_ADVISOR_MESSAGE_CHARS} chars.")
    session_id = await _holder_session_id(request, handover_id)
    await request.app[CHANNEL].deliver(session_id, sender=SENDER_ADVISOR, text=text)
    if wants_json(request):
        return web.json_response({"ok": True, "sender": SENDER_ADVISOR, "text": text,
                                  "at": utcnow().isoformat(timespec="seconds")})
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def add_note(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = id_param(request, "handover_id")
    text = (await read_form(request)).get("text", "").strip()
    if not text or len(text) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text=f"Note must be 1-{MAX_NOTE_CHARS} characters.")
    await _holder_session_id(request, handover_id)
    await run_unit(request.app, lambda s: repository.add_note(
        s, handover_id=handover_id, author_id=advisor.id, text=text, now=utcnow()))
    raise web.HTTPFound(f"/console/handovers/{handover_id}")


async def transfer(request: web.Request) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = id_param(request, "handover_id")
    form = await read_form(request)
    note = form.get("note", "").strip()
    raw_to = form.get("to_advisor", "")
    if not raw_to.isdigit() or not note or len(note) > MAX_NOTE_CHARS:
        raise web.HTTPBadRequest(text="Choose a colleague and write a note for them.")
    to_advisor = int(raw_to)

    def work(session: Session) -> str | None:
        if to_advisor == advisor.id or auth.active_account(session, to_advisor) is None:
            return None
        if not queue.transfer(session, handover_id, advisor.id, to_advisor):
            return None
        repository.add_note(session, handover_id=handover_id, author_id=advisor.id, text=note,
                            now=utcnow(), kind="transfer")
        auth.record_advisor_action(session, advisor.id, "transfer_handover", "handover",
                                   handover_id, detail=f"to advisor {to_advisor}")
        handover = repository.get_handover(session, handover_id)
        return str(handover.session_id) if handover else None

    session_id = await run_unit(request.app, work)
    if session_id is None:
        raise web.HTTPForbidden(text="Transfer refused: not your chat, or unknown colleague.")
    say = await citizen_texts(request.app, session_id)
    await request.app[CHANNEL].deliver(session_id, sender=SENDER_SYSTEM,
                                       text=say.ADVISOR_CHANGED)
    await request.app[LIVE].to_advisor(to_advisor, {"type": "transferred",
                                                    "handover_id": handover_id})
    raise web.HTTPFound("/console/")


async def _end(request: web.Request, status: str, outcome: str | None,
               category: str | None, farewell: str) -> web.StreamResponse:
    advisor = advisor_of(request)
    handover_id = id_param(request, "handover_id")
    session_id = await _holder_session_id(request, handover_id)
    ended = await run_unit(request.app, lambda s: queue.end(
        s, handover_id, advisor.id, status=status, now=utcnow(), outcome=outcome,
        category=category))
    if not ended:
        raise web.HTTPConflict(text="This chat has already ended.")
    # `farewell` names a text of bot/handover/texts.py, said in the chat's language.
    await return_to_bot(request.app, session_id,
                        getattr(await citizen_texts(request.app, session_id), farewell))
    request.app[LIVE].poke()
    raise web.HTTPFound("/console/")


async def hand_back(request: web.Request) -> web.StreamResponse:
    return await _end(request, STATUS_HANDED_BACK, None, None, "HANDED_BACK")


async def close(request: web.Request) -> web.StreamResponse:
    form = await read_form(request)
    outcome, category = form.get("outcome", ""), form.get("category", "")
    if outcome not in CLOSE_OUTCOMES or category not in CATEGORIES:
        raise web.HTTPBadRequest(text="Choose an outcome and a category.")
    return await _end(request, STATUS_CLOSED, outcome, category, "CLOSED")
