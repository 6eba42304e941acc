"""The citizen's language for what the console sends them (issue #18).

Handover messages (an advisor joined, the queue place, the chat ended ...) go out in the
chat's language: `await citizen_texts(app, session_id)` gives bot/handover/texts.py or its
English twin.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.handover import texts
from bot.handover.channel import ChannelButton
from bot.i18n import language_of_chat, localized
from bot.web.database import run_unit


async def chat_language(app: web.Application, session_id: str) -> str:
    return await run_unit(app, lambda session: language_of_chat(session, session_id))


async def citizen_texts(app: web.Application, session_id: str) -> Any:
    return localized(texts, await chat_language(app, session_id))


def callback_buttons(say: Any) -> list[ChannelButton]:
    return [
        {"title": say.CALLBACK_BUTTON_YES, "payload": "/request_callback"},
        {"title": say.CALLBACK_BUTTON_NO, "payload": "/deny"},
    ]
