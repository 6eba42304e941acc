"""What happens around the database when a chat changes hands: the citizen's widget, the
chat's owner at the gateway, Rasa's state, and the advisors' live screens.

Views and the queue watcher call these, so every path (hand back, close, timeout) does the
same steps in the same order.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.console.keys import CHANNEL, HTTP, LIVE, SETTINGS, run_db
from bot.handover import context as ctx
from bot.handover import queue, texts
from bot.handover.channel import ChannelButton
from bot.handover.rasa_bridge import RasaResetError, resume_bot
from bot.models.chat import OWNER_BOT, SENDER_SYSTEM
from bot.models.handover import Handover

log = logging.getLogger(__name__)

CALLBACK_BUTTONS: list[ChannelButton] = [
    {"title": texts.CALLBACK_BUTTON_YES, "payload": "/request_callback"},
    {"title": texts.CALLBACK_BUTTON_NO, "payload": "/deny"},
]


def waiting_minutes(handover: Handover, now: datetime) -> int:
    return max(0, int((now - as_utc(handover.created_at)).total_seconds() // 60))


def queue_item(handover: Handover, now: datetime) -> dict[str, Any]:
    return {
        "id": int(handover.id),
        "reason": ctx.reason_label(str(handover.reason)),
        "urgency": str(handover.urgency),
        "waiting_minutes": waiting_minutes(handover, now),
        "open_question": str(handover.open_question),
        "verified": bool(handover.verified),
    }


def queue_snapshot(session: Session, now: datetime) -> list[dict[str, Any]]:
    return [queue_item(h, now) for h in queue.waiting(session)]


async def return_to_bot(
    app: web.Application, session_id: str, farewell: str,
    buttons: list[ChannelButton] | None = None,
) -> None:
    """Reset Rasa, give the chat back to the bot, and tell the citizen.

    Rasa is reset first: the moment the owner flips, the next citizen message goes to Rasa,
    and it must find a clean state. If Rasa cannot be reset the chat is still given back
    (a citizen left with nobody is worse than a bot with stale slots), and it is logged.
    """
    settings = app[SETTINGS]
    try:
        await resume_bot(app[HTTP], settings.rasa.url, settings.handover.rasa_token, session_id)
    except RasaResetError as exc:
        log.warning("handover: %s", exc)
    channel = app[CHANNEL]
    await channel.set_owner(session_id, OWNER_BOT)
    await channel.deliver(session_id, sender=SENDER_SYSTEM, text=farewell, buttons=buttons or [])


async def offer_callbacks_for_expired(app: web.Application, now: datetime) -> list[int]:
    """Waiting chats nobody claimed in time: offer a call-back and let the bot take it."""
    timeout = app[SETTINGS].handover.claim_timeout_minutes
    expired = await run_db(
        app, lambda s: [(int(h.id), str(h.session_id)) for h in queue.expire_unclaimed(s, now,
                                                                                      timeout)]
    )
    for _handover_id, session_id in expired:
        await return_to_bot(
            app, session_id, texts.NO_ADVISOR_CALLBACK_OFFER, buttons=CALLBACK_BUTTONS
        )
    if expired:
        app[LIVE].poke()
    return [handover_id for handover_id, _ in expired]
