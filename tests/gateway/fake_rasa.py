"""A fake Rasa REST channel (with buttons and custom payloads) for gateway and browser tests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

GREETING = "Hej. Jeg er politiets digitale borgerrådgiver. Hvad vil du gerne vide?"
CAPABILITIES = "Jeg kan svare på spørgsmål om din sag. Læs mere på https://politi.dk/."
# One safe link, one script link that must stay text, and markup that must stay text.
LINK_TEST = (
    "Se [politiets side](https://politi.dk/) og [klik her](javascript:alert(1)). "
    "<img src=x onerror=alert(1)>"
)
BUTTONS = [
    {"title": "Hvad kan du hjælpe med?", "payload": "/ask_capabilities"},
    {"title": "Tal med en borgerrådgiver", "payload": "/request_human"},
]
# A yes/no question with intent payloads (the call-back offer outside opening hours).
CALLBACK_OFFER = "Vores borgerrådgivere har lukket lige nu. Vil du ringes op, når vi har åbent?"
CALLBACK_BUTTONS = [
    {"title": "Ja, ring mig op", "payload": "/request_callback"},
    {"title": "Nej tak", "payload": "/deny"},
]
# The case-status card as the action server sends it: its fallback text, then the card.
STATUS_FALLBACK = "Din sag 0100-80150-01234-26 er nu her: Efterforskning."
STATUS_CARD: dict[str, Any] = {
    "kind": "case_status", "heading": "Din sag 0100-80150-01234-26",
    "summary": STATUS_FALLBACK, "step": "Efterforskning",
    "steps": [{"title": "Anmeldelse", "state": "done"},
              {"title": "Efterforskning", "state": "current"},
              {"title": "Sigtelse", "state": "next"}],
    "meaning": "Politiet undersøger sagen.", "hearing": "",
    "dates": [{"label": "Klagefrist", "when": "tirsdag den 5. januar 2027", "note": ""}],
    "contact": "Din kontaktperson er Mette Holm. Telefon: +45 12 34 56 78.", "todo": [],
    "buttons": [{"title": "Hvad kan jeg gøre nu?",
                 "payload": '/ask_case_status{"case_topic": "next"}'},
                {"title": "Tal med en borgerrådgiver", "payload": "/request_human"}],
}


@dataclass
class FakeRasa:
    """Answers like Rasa's REST channel; `mode` switches it into the failures we must survive."""

    received: list[dict[str, Any]] = field(default_factory=list)
    mode: str = "ok"  # ok | empty | error | slow | custom
    delay: float = 0.0

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.mode == "error":
            return web.Response(status=500, text="boom")
        if self.mode == "slow":
            await asyncio.sleep(5)
        if self.mode == "empty":
            return web.json_response([])
        sender, message = body["sender"], body["message"]
        if self.mode == "custom":
            return web.json_response(
                [
                    {"recipient_id": sender, "text": "Jeg finder en borgerrådgiver til dig."},
                    {"recipient_id": sender, "custom": {"handover": {"reason": "citizen_asked"}}},
                ]
            )
        if message == "luk":
            return web.json_response(
                [{"recipient_id": sender, "text": CALLBACK_OFFER, "buttons": CALLBACK_BUTTONS}]
            )
        if message == "vis status":
            return web.json_response([
                {"recipient_id": sender, "text": STATUS_FALLBACK,
                 "buttons": STATUS_CARD["buttons"]},
                {"recipient_id": sender,
                 "custom": {"status_card": STATUS_CARD, "fallback": STATUS_FALLBACK}},
            ])
        if message == "/ask_capabilities":
            return web.json_response([{"recipient_id": sender, "text": CAPABILITIES}])
        if message == "to linjer":
            return web.json_response([{"recipient_id": sender, "text": "Første linje."},
                                      {"recipient_id": sender, "text": "Anden linje."}])
        if message == "vis link":
            return web.json_response([{"recipient_id": sender, "text": LINK_TEST}])
        if message.strip().lower() in {"hej", "goddag"}:
            return web.json_response(
                [{"recipient_id": sender, "text": GREETING, "buttons": BUTTONS}]
            )
        return web.json_response([{"recipient_id": sender, "text": f"Du skrev: {message}"}])

    async def root(self, _request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21")

    async def health(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_get("/", self.root)
        app.router.add_get("/health", self.health)
        return app
