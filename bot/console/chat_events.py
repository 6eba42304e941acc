"""How the console reacts to what happens in the citizen chat. `bot.webapp` registers these
on the gateway's hub: Rasa's `{"handover": ...}` custom payload gives the chat to the
advisors, and citizen messages of advisor-owned chats reach the advisor's screen live."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.transcripts import MessageOut
from bot.console.state import CHANNEL, LIVE
from bot.handover import repository
from bot.models.chat import OWNER_ADVISOR
from bot.web.database import run_unit


async def on_custom_payload(console: web.Application, session_id: str,
                            payload: dict[str, Any]) -> None:
    if not isinstance(payload.get("handover"), dict):
        return
    # The bot stops here: from now on the citizen's messages wait for an advisor.
    await console[CHANNEL].set_owner(session_id, OWNER_ADVISOR)
    console[LIVE].poke()


async def on_citizen_message(console: web.Application, session_id: str,
                             message: MessageOut) -> None:
    def holder(session: Session) -> tuple[int, int | None] | None:
        handover = repository.open_handover_for_session(session, session_id)
        if handover is None:
            return None
        return int(handover.id), handover.claimed_by

    found = await run_unit(console, holder)
    if found is None:
        return
    handover_id, advisor_id = found
    event = {"type": "message", "handover_id": handover_id, "sender": message["sender"],
             "text": message["text"], "at": message["at"]}
    if advisor_id is not None:
        await console[LIVE].to_advisor(int(advisor_id), event)
