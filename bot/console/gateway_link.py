"""Wiring between the gateway (bot/gateway) and the console: the one place that knows both.

`attach_console(gateway_app, console_app)` gives the console a `CitizenChannel` built on the
gateway's hub and transcript, and registers the console's listeners on the hub: Rasa's
`{"handover": ...}` custom payload gives the chat to the advisors, and citizen messages of
advisor-owned chats reach the advisor's screen live.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat.transcripts import Button, MessageOut, set_offered_buttons, set_owner
from bot.console.keys import CHANNEL, LIVE, run_db
from bot.gateway.conversation import deliver_to_citizen
from bot.gateway.keys import HUB
from bot.gateway.storage import run_unit
from bot.handover import repository
from bot.handover.channel import ChannelButton
from bot.models.chat import OWNER_ADVISOR

log = logging.getLogger(__name__)


class GatewayChannel:
    """`CitizenChannel` on the gateway: stored in the transcript, pushed through the hub."""

    def __init__(self, gateway: web.Application) -> None:
        self._gateway = gateway

    async def deliver(
        self, session_id: str, *, sender: str, text: str,
        buttons: Sequence[ChannelButton] = (),
    ) -> None:
        offered = [Button(title=b["title"], payload=b["payload"]) for b in buttons]
        await deliver_to_citizen(self._gateway, session_id, sender=sender, text=text,
                                 buttons=offered)
        # Only offered payloads are accepted back as payloads by the gateway.
        await run_unit(self._gateway, lambda s: set_offered_buttons(s, session_id, offered))

    async def set_owner(self, session_id: str, owner: str) -> None:
        await run_unit(self._gateway, lambda s: set_owner(s, session_id, owner))


def attach_console(gateway: web.Application, console: web.Application) -> None:
    """Call after `gateway.add_subapp("/console", console)`."""
    console[CHANNEL] = GatewayChannel(gateway)
    hub = gateway[HUB]

    async def on_custom_payload(
        _app: web.Application, session_id: str, payload: dict[str, Any]
    ) -> None:
        handover = payload.get("handover")
        if not isinstance(handover, dict):
            return
        # The bot stops here: from now on the citizen's messages wait for an advisor.
        await console[CHANNEL].set_owner(session_id, OWNER_ADVISOR)
        console[LIVE].poke()

    async def on_citizen_message(session_id: str, message: MessageOut) -> None:
        def holder(session: Session) -> tuple[int, int | None] | None:
            handover = repository.open_handover_for_session(session, session_id)
            if handover is None:
                return None
            return int(handover.id), handover.claimed_by

        found = await run_db(console, holder)
        if found is None:
            return
        handover_id, advisor_id = found
        event = {"type": "message", "handover_id": handover_id, "sender": message["sender"],
                 "text": message["text"], "at": message["at"]}
        if advisor_id is not None:
            await console[LIVE].to_advisor(int(advisor_id), event)

    hub.custom_payload_handlers.append(on_custom_payload)
    hub.citizen_message_listeners.append(on_citizen_message)
