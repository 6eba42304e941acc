"""Talking to Rasa's REST channel on loopback, and keeping citizen text from acting as a command.

Rasa reads any message whose stripped text starts with "/" as `/intent{"slot": value}` and
sets intents and entities from it. Citizen free text must never do that, so it is neutralised
here; only payloads of buttons the bot itself offered are sent as they are.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.chat.transcripts import Button

log = logging.getLogger(__name__)

INTENT_MESSAGE_PREFIX = "/"
# Not whitespace to `str.strip()`, so Rasa's check `text.strip().startswith("/")` fails,
# and invisible when shown back to the citizen.
ZERO_WIDTH_SPACE = "\u200b"


def neutralise_command_text(text: str) -> str:
    """Make citizen text that Rasa would read as a `/intent` command plain text again."""
    if text.strip().startswith(INTENT_MESSAGE_PREFIX):
        return ZERO_WIDTH_SPACE + text.strip()
    return text


@dataclass
class BotTurn:
    """What Rasa answered to one message. `reached` is False when Rasa did not answer at all."""

    reached: bool
    texts: list[tuple[str, list[Button]]] = field(default_factory=list)
    custom_payloads: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_silent(self) -> bool:
        return not self.texts and not self.custom_payloads


def _buttons(raw: Any) -> list[Button]:
    buttons: list[Button] = []
    if not isinstance(raw, list):
        return buttons
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("payload"), str):
            title = item.get("title")
            buttons.append(
                Button(title=str(title) if title else item["payload"], payload=item["payload"])
            )
    return buttons


def parse_rest_response(body: Any) -> BotTurn:
    """Turn the REST channel's list of bot messages into text replies and custom payloads."""
    turn = BotTurn(reached=True)
    if not isinstance(body, list):
        return turn
    for item in body:
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        buttons = _buttons(item.get("buttons"))
        if isinstance(text, str) and text.strip():
            turn.texts.append((text, buttons))
        elif buttons:
            turn.texts.append(("", buttons))
        custom = item.get("custom")
        if isinstance(custom, dict):
            turn.custom_payloads.append(custom)
    return turn


async def send_to_rasa(
    client: aiohttp.ClientSession,
    rasa_url: str,
    *,
    sender: str,
    message: str,
    metadata: dict[str, Any],
    timeout_seconds: float,
) -> BotTurn:
    """POST one message to the REST channel; never raises for an unreachable or broken Rasa."""
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    payload = {"sender": sender, "message": message, "metadata": metadata}
    try:
        async with client.post(
            url, json=payload, timeout=aiohttp.ClientTimeout(total=timeout_seconds)
        ) as response:
            if response.status != 200:
                log.warning("Rasa answered HTTP %s", response.status)
                return BotTurn(reached=False)
            body = await response.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        log.warning("Rasa did not answer: %s", type(exc).__name__)
        return BotTurn(reached=False)
    return parse_rest_response(body)
