"""The citizen's language for what the console sends them (issue #18).

Handover messages (an advisor joined, the queue place, the chat ended ...) go out in the
chat's language: `await citizen_texts(app, session_id)` gives bot/handover/texts.py or its
English twin.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.handover import context as ctx
from bot.handover import texts
from bot.handover.channel import ChannelButton
from bot.handover.repository import latest_handover_for_session
from bot.i18n import language_of_chat, localized, normalize_language
from bot.models.chat import ChatSession
from bot.web.database import run_unit


def citizen_language(session: Session, session_id: str) -> str:
    """The chat's language; until the citizen has confirmed it, the language of the turn that
    asked for the advisor (the case packet's). English written in a Danish chat is answered in
    English before the citizen says "continue in English" (bot/gateway/chat_language.py), so
    the advisor's side must not fall back to Danish there either.
    """
    chat = session.get(ChatSession, session_id)
    if chat is not None and not chat.language_confirmed:
        handover = latest_handover_for_session(session, session_id)
        if handover is not None:
            return normalize_language(ctx.loads(str(handover.context_json)).get("language"))
    return language_of_chat(session, session_id)


async def chat_language(app: web.Application, session_id: str) -> str:
    return await run_unit(app, lambda session: citizen_language(session, session_id))


async def citizen_texts(app: web.Application, session_id: str) -> Any:
    return localized(texts, await chat_language(app, session_id))


def callback_buttons(say: Any) -> list[ChannelButton]:
    return [
        {"title": say.CALLBACK_BUTTON_YES, "payload": "/request_callback"},
        {"title": say.CALLBACK_BUTTON_NO, "payload": "/deny"},
    ]
