"""Our one client of Rasa over HTTP: the REST channel for chat turns, and the HTTP API
(`rasa run --enable-api --auth-token`) for reading and changing a conversation's tracker.

Rasa reads any message whose stripped text starts with "/" as `/intent{"slot": value}` and
sets intents and entities from it. Citizen free text must never do that, so it is neutralised
here; only payloads of buttons the bot itself offered are sent as they are.

With several Rasa servers (production profile, `BR_RASA_URLS`) `RasaRouter` keeps each
conversation on one server while that server is up (rendezvous hashing of the session id:
adding or losing a server moves only the conversations that were on it), and fails over to
the next server in the conversation's own order when it cannot connect. Correctness does not
depend on the stickiness: all servers share the tracker store (PostgreSQL) and Redis's lock
store serialises the turns of a conversation; stickiness keeps Rasa's caches warm.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.bearer import bearer_header
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
    """What Rasa answered to one message. `reached` is False when Rasa did not answer at all.

    `undelivered`: no server could even be connected to, so the message certainly did not
    run; it may be sent again later without running the turn twice (bot/gateway/redelivery.py).
    """

    reached: bool
    texts: list[tuple[str, list[Button]]] = field(default_factory=list)
    custom_payloads: list[dict[str, Any]] = field(default_factory=list)
    undelivered: bool = False
    # A structured message (key `status_card`) by the index of its text in `texts`: the text
    # is its short fallback, the card is what the browser draws instead.
    cards: dict[int, dict[str, Any]] = field(default_factory=dict)

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
        if isinstance(custom, dict) and isinstance(custom.get(CARD_KEY), dict):
            _attach_card(turn, custom[CARD_KEY], str(custom.get("fallback") or ""))
        elif isinstance(custom, dict):
            turn.custom_payloads.append(custom)
    return turn


CARD_KEY = "status_card"


def _attach_card(turn: BotTurn, card: dict[str, Any], fallback: str) -> None:
    """The card replaces its fallback text, which the action sent just before it."""
    if turn.texts and turn.texts[-1][0] == fallback and (len(turn.texts) - 1) not in turn.cards:
        index = len(turn.texts) - 1
    else:
        turn.texts.append((fallback, []))
        index = len(turn.texts) - 1
    turn.cards[index] = card


def rendezvous_order(urls: Sequence[str], key: str) -> list[str]:
    """The servers in `key`'s own order of preference (highest random weight first).

    Each (server, key) pair gets a stable pseudo-random weight; a key goes to its heaviest
    server. Unlike `hash(key) % n`, removing a server moves only the keys that were on it.
    """

    def weight(url: str) -> bytes:
        return hashlib.sha256(f"{url}\n{key}".encode()).digest()

    return sorted(urls, key=weight, reverse=True)


class RasaRouter:
    """Picks the Rasa server for a conversation and remembers briefly which ones are down."""

    def __init__(
        self, urls: Sequence[str], retry_after_seconds: float = 5.0, token: str = ""
    ) -> None:
        if not urls:
            raise ValueError("RasaRouter needs at least one Rasa URL")
        self.urls = tuple(urls)
        # BR_RASA_TOKEN: Rasa's REST channel answers only the gateway (bot/rasa_channel.py).
        self.headers = bearer_header(token) if token else {}
        self.retry_after_seconds = retry_after_seconds
        self._down_until: dict[str, float] = {}

    def candidates(self, session_id: str) -> list[str]:
        """The conversation's servers in order; servers that just failed are tried last."""
        ordered = rendezvous_order(self.urls, session_id)
        now = time.monotonic()
        up = [url for url in ordered if self._down_until.get(url, 0.0) <= now]
        return up + [url for url in ordered if url not in up]

    def mark_down(self, url: str) -> None:
        self._down_until[url] = time.monotonic() + self.retry_after_seconds

    def mark_up(self, url: str) -> None:
        self._down_until.pop(url, None)


class _NotConnected(Exception):
    """The message never reached the server, so another server may take it safely."""


async def _post_message(
    client: aiohttp.ClientSession,
    rasa_url: str,
    payload: dict[str, Any],
    timeout_seconds: float,
    headers: dict[str, str],
) -> BotTurn:
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    try:
        async with client.post(
            url, json=payload, headers=headers,
            timeout=aiohttp.ClientTimeout(total=timeout_seconds),
        ) as response:
            if response.status != 200:
                log.warning("Rasa answered HTTP %s", response.status)
                return BotTurn(reached=False)
            body = await response.json(content_type=None)
    except aiohttp.ClientConnectorError as exc:
        raise _NotConnected(rasa_url) from exc
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        # Not retried elsewhere: the server may have run the turn, and a second server
        # would run it again on the shared tracker.
        log.warning("Rasa did not answer: %s", type(exc).__name__)
        return BotTurn(reached=False)
    return parse_rest_response(body)


async def send_routed(
    client: aiohttp.ClientSession,
    router: RasaRouter,
    *,
    sender: str,
    message: str,
    metadata: dict[str, Any],
    timeout_seconds: float,
) -> BotTurn:
    """POST one message to the conversation's Rasa server, failing over while none connects.

    Never raises for an unreachable or broken Rasa: `BotTurn(reached=False)` instead.
    """
    payload = {"sender": sender, "message": message, "metadata": metadata}
    for url in router.candidates(sender):
        try:
            turn = await _post_message(client, url, payload, timeout_seconds, router.headers)
        except _NotConnected:
            router.mark_down(url)
            log.warning("Rasa server %s not reachable; trying the next one", url)
            continue
        router.mark_up(url)
        return turn
    return BotTurn(reached=False, undelivered=True)


# --- the HTTP API: a conversation's tracker ---------------------------------------------


class RasaApiError(RuntimeError):
    """Rasa's HTTP API refused the request or could not be reached."""


def _tracker_url(rasa_url: str, sender_id: str) -> str:
    # The sender id is a path segment: quoted whole, so "a/../b" stays one conversation.
    return f"{rasa_url.rstrip('/')}/conversations/{quote(sender_id, safe='')}/tracker"


def _token_params(token: str) -> dict[str, str]:
    return {"token": token} if token else {}


async def fetch_tracker(
    client: aiohttp.ClientSession, rasa_url: str, token: str, sender_id: str
) -> dict[str, Any]:
    """The conversation's tracker (its events and slots); raises `RasaApiError`."""
    try:
        async with client.get(
            _tracker_url(rasa_url, sender_id), params=_token_params(token)
        ) as response:
            if response.status != 200:
                raise RasaApiError(f"Rasa answered {response.status} to a tracker request")
            data = await response.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        raise RasaApiError(f"Rasa's tracker could not be read: {type(exc).__name__}") from exc
    if not isinstance(data, dict):
        raise RasaApiError("Rasa's tracker is not a JSON object")
    return data


async def append_tracker_events(
    client: aiohttp.ClientSession,
    rasa_url: str,
    token: str,
    sender_id: str,
    events: list[dict[str, Any]],
) -> None:
    """Append events to the conversation's tracker; raises `RasaApiError` if not accepted."""
    try:
        async with client.post(
            f"{_tracker_url(rasa_url, sender_id)}/events", params=_token_params(token),
            json=events,
        ) as response:
            if response.status != 200:
                body = (await response.text())[:200]
                raise RasaApiError(f"Rasa answered {response.status} to new events: {body}")
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        raise RasaApiError(f"Rasa could not be reached: {type(exc).__name__}: {exc}") from exc
