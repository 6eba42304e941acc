"""This process's note of queued citizen messages: their clear text, and a doorbell.

Transcripts are stored masked, so the clear text of a message that waits for Rasa is kept
here, in memory only, until it is forwarded. After a gateway restart it is gone; the
redelivery then forwards the stored text when masking changed nothing, and otherwise asks
the citizen to write the message again (`bot/gateway/conversation.py: forward_queued`).
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import web


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
