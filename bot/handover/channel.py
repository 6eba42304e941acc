"""What the handover needs from the gateway: reach a citizen's widget and own their chat.

The console depends on this protocol only; `bot.gateway.citizen_channel.GatewayChannel`
implements it with the gateway's hub and transcript (`bot.webapp` hands it over), and the
console's tests use a recording fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypedDict


class ChannelButton(TypedDict):
    title: str
    payload: str


class CitizenChannel(Protocol):
    async def deliver(
        self, session_id: str, *, sender: str, text: str,
        buttons: Sequence[ChannelButton] = (),
    ) -> None:
        """Store the message in the transcript and push it to the citizen's open widgets."""
        ...

    async def set_owner(self, session_id: str, owner: str) -> None:
        """"advisor": citizen messages stop going to Rasa; "bot": they go to Rasa again."""
        ...

    async def typing(self, session_id: str, *, on: bool) -> None:
        """Show or hide "the advisor is writing" in the citizen's open widgets."""
        ...
