"""The gateway's side of the handover: `CitizenChannel` (bot/handover/channel.py) built on the
hub and the transcript, so an advisor's words reach the citizen like the bot's do."""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

from bot.chat.transcripts import Button, set_offered_buttons, set_owner
from bot.gateway.conversation import deliver_to_citizen
from bot.gateway.state import HUB
from bot.handover.channel import ChannelButton
from bot.web.database import run_unit


class GatewayChannel:
    """Messages are stored in the transcript and pushed to the citizen's open widgets."""

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

    async def typing(self, session_id: str, *, on: bool) -> None:
        await self._gateway[HUB].send_to_session(session_id,
                                                 {"type": "typing", "on": on, "who": "advisor"})
