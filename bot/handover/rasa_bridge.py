"""Resetting Rasa's conversation state when an advisor hands a chat back to the bot.

Rasa's own pause/resume leaves whatever was going on before the pause (an active form, the
reason slots) in the tracker, so the next message is predicted against a stale state. We
append events through Rasa's HTTP API instead (`rasa run --enable-api --auth-token`): close
any active form, clear the handover slots, and end on `action_listen`, which is exactly the
state of a conversation waiting for a fresh message.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import aiohttp

log = logging.getLogger(__name__)


class RasaResetError(RuntimeError):
    """Rasa did not accept the reset; the chat stays with the advisor."""


def resume_events() -> list[dict[str, Any]]:
    """The events that make the bot pick up cleanly on the citizen's next message."""
    return [
        {"event": "active_loop", "name": None},
        {"event": "slot", "name": "requested_slot", "value": None},
        {"event": "slot", "name": "handover_active", "value": False},
        {"event": "slot", "name": "handover_reason", "value": None},
        {"event": "slot", "name": "fallback_count", "value": 0.0},
        {"event": "action", "name": "action_listen"},
    ]


async def resume_bot(
    client: aiohttp.ClientSession, rasa_url: str, token: str, session_id: str
) -> None:
    """Append the resume events to the conversation's tracker in Rasa."""
    url = f"{rasa_url.rstrip('/')}/conversations/{quote(session_id, safe='')}/tracker/events"
    params = {"token": token} if token else {}
    try:
        async with client.post(url, params=params, json=resume_events()) as response:
            if response.status != 200:
                body = (await response.text())[:200]
                raise RasaResetError(f"Rasa answered {response.status} to the reset: {body}")
    except aiohttp.ClientError as exc:
        raise RasaResetError(f"Rasa could not be reached for the reset: {exc}") from exc
    log.info("handover: bot resumed for a conversation")
