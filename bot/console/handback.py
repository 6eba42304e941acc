"""Giving a chat back to the bot: Rasa's state, the chat's owner at the gateway, the citizen's
widget and the advisors' live screens, in that order.

The hand-back and close views and the queue watcher (an unclaimed chat timing out) all call
`return_to_bot`, so every path does the same steps.
"""

from __future__ import annotations

import logging
from datetime import datetime

from aiohttp import web

from bot.chat.rasa_client import RasaApiError, append_tracker_events
from bot.console.citizen_language import callback_buttons, citizen_texts
from bot.console.state import CHANNEL, LIVE, SETTINGS
from bot.handover import queue
from bot.handover.channel import ChannelButton
from bot.handover.resume import resume_events
from bot.models.chat import OWNER_BOT, SENDER_SYSTEM
from bot.web.database import run_unit
from bot.web.http_client import HTTP_CLIENT

log = logging.getLogger(__name__)



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
        await append_tracker_events(app[HTTP_CLIENT].session, settings.rasa.url,
                                    settings.handover.rasa_token, session_id, resume_events())
        log.info("handover: bot resumed for a conversation")
    except RasaApiError as exc:
        log.warning("handover: bot not reset: %s", exc)
    channel = app[CHANNEL]
    await channel.set_owner(session_id, OWNER_BOT)
    await channel.deliver(session_id, sender=SENDER_SYSTEM, text=farewell, buttons=buttons or [])


async def offer_callbacks_for_expired(app: web.Application, now: datetime) -> None:
    """Waiting chats nobody claimed in time: offer a call-back and let the bot take it."""
    timeout = app[SETTINGS].handover.claim_timeout_minutes
    expired = await run_unit(
        app, lambda s: [str(h.session_id) for h in queue.expire_unclaimed(s, now, timeout)]
    )
    for session_id in expired:
        say = await citizen_texts(app, session_id)
        await return_to_bot(
            app, session_id, say.NO_ADVISOR_CALLBACK_OFFER, buttons=callback_buttons(say)
        )
    if expired:
        app[LIVE].poke()
