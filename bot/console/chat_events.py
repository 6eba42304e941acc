"""How the console reacts to what happens in the citizen chat. `bot.webapp` registers these
on the gateway's hub: Rasa's `{"handover": ...}` custom payload gives the chat to the
advisors, and citizen messages (and typing) of advisor-owned chats reach the advisor's screen
live."""

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


async def _holder(console: web.Application, session_id: str) -> tuple[int, int] | None:
    """(handover id, advisor id) of the chat's open handover, if an advisor holds it."""
    def work(session: Session) -> tuple[int, int] | None:
        handover = repository.open_handover_for_session(session, session_id)
        if handover is None or handover.claimed_by is None:
            return None
        return int(handover.id), int(handover.claimed_by)

    return await run_unit(console, work)


async def on_citizen_message(console: web.Application, session_id: str,
                             message: MessageOut) -> None:
    found = await _holder(console, session_id)
    if found is not None:
        handover_id, advisor_id = found
        await console[LIVE].to_advisor(advisor_id, {
            "type": "message", "handover_id": handover_id, "sender": message["sender"],
            "text": message["text"], "at": message["at"]})


async def on_citizen_typing(console: web.Application, session_id: str, on: bool) -> None:
    """The citizen is writing: the advisor holding the chat sees it; nobody else does."""
    found = await _holder(console, session_id)
    if found is not None:
        handover_id, advisor_id = found
        await console[LIVE].to_advisor(advisor_id, {"type": "typing",
                                                    "handover_id": handover_id, "on": on})
