"""This process's note of queued citizen messages: their clear text, and a doorbell.

Transcripts are stored masked, so the clear text of a message that waits for Rasa is kept
here, in memory only, until it is forwarded. After a gateway restart it is gone; the
redelivery then forwards the stored text when masking changed nothing, and otherwise asks
the citizen to write the message again (`recovered_forward_text`, used by
`bot/gateway/redelivery.py: forward_queued`).
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import web

from bot.chat.rasa_client import neutralise_command_text
from bot.masking import CODE_MASK, CPR_MASK, EMAIL_MASK, PHONE_MASK, mask_personal_data
from bot.models.chat import ChatSession


class Outbox:
    def __init__(self) -> None:
        self._texts: dict[int, str] = {}
        self._bell = asyncio.Event()
        # True when something may be queued; the redelivery looks only then (and now and then).
        self.maybe_waiting = True

    def remember(self, message_id: int, forward_text: str) -> None:
        self._texts[message_id] = forward_text
        self.ring()

    def text_for(self, message_id: int) -> str | None:
        return self._texts.get(message_id)

    def forget(self, message_id: int) -> None:
        self._texts.pop(message_id, None)

    def ring(self) -> None:
        self.maybe_waiting = True
        self._bell.set()

    async def wait(self, timeout: float) -> None:
        """Until someone rings, or `timeout` seconds."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._bell.wait(), timeout)
        self._bell.clear()


OUTBOX = web.AppKey("outbox", Outbox)


_MASKS = (CPR_MASK, PHONE_MASK, EMAIL_MASK, CODE_MASK)


def recovered_forward_text(chat: ChatSession, stored_text: str) -> str | None:
    """What to send for a queued message whose clear text this process never saw.

    The transcript line is the clear text unless masking replaced something in it; a button
    press is stored as its title. None: it cannot be rebuilt, the citizen must write again.
    """
    for button in chat.offered_buttons or []:
        if mask_personal_data(str(button["title"])) == stored_text:
            return str(button["payload"])
    if any(mask in stored_text for mask in _MASKS):
        return None
    return neutralise_command_text(stored_text)
