"""A fake Rasa for the advisor flows: the REST channel with the real handover action behind
"menneske"/"person", and the tracker-events API that a hand-back resets.

No trained model is needed: it answers "Du skrev: ..." ("You wrote: ..." in an English chat) to
everything else, runs the action server's own `action_handover` for a request for a person, and
renders the domain's responses in the chat's language (the gateway's `br_language` metadata).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handover as handover_actions
from bot.i18n import normalize_language
from bot.settings import PROJECT_ROOT

RASA_TOKEN = "e2e-rasa-token"
HUMAN_WORDS = ("menneske", "en person", "a person")
ECHO = {"da": "Du skrev: {text}", "en": "You wrote: {text}"}


def reset_action_caches() -> None:
    """Forget the handover action's per-process settings (each test has its own database).

    Older action code caches them in `_runtime`; code that reads its settings per run has
    nothing to forget.
    """
    runtime = getattr(handover_actions, "_runtime", None)
    if runtime is not None:
        runtime.cache_clear()


def _responses() -> dict[str, Any]:
    with (PROJECT_ROOT / "domain" / "handover.yml").open(encoding="utf-8") as handle:
        responses: dict[str, Any] = yaml.safe_load(handle)["responses"]
        return responses


def render(name: str, language: str, variables: dict[str, Any]) -> str:
    """The domain response's variant for the chat's language (as Rasa picks it by the slot)."""
    variants = _responses()[name]

    def for_language(variant: dict[str, Any]) -> bool:
        return any(c.get("name") == "language" and c.get("value") == language
                   for c in variant.get("condition") or [])

    chosen = next((v for v in variants if for_language(v)), None) or next(
        v for v in variants if not v.get("condition"))
    return str(chosen["text"]).format(**variables)


@dataclass
class HandoverFakeRasa:
    """Rasa's REST channel and tracker-events API, with the real handover action behind it."""

    received: list[str] = field(default_factory=list)
    resets: list[list[dict[str, Any]]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        sender, text = body["sender"], body["message"]
        metadata = body.get("metadata") or {}
        language = normalize_language(metadata.get("br_language"))
        self.received.append(text)
        intent = "request_human" if any(w in text for w in HUMAN_WORDS) else "ask_question"
        history = self.events.setdefault(sender, [])
        history.append({"event": "user", "text": text, "metadata": metadata,
                        "parse_data": {"intent": {"name": intent, "confidence": 0.93}}})
        if intent != "request_human":
            reply = ECHO[language].format(text=text)
            history.append({"event": "bot", "text": reply})
            return web.json_response([{"recipient_id": sender, "text": reply}])
        latest = {"text": text, "intent": {"name": intent}, "metadata": metadata}
        tracker = Tracker(sender, {"language": language}, latest, list(history),
                          False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        await handover_actions.ActionHandover().run(dispatcher, tracker, {})
        out: list[dict[str, Any]] = []
        for message in dispatcher.messages:
            if message.get("custom"):
                out.append({"recipient_id": sender, "custom": message["custom"]})
            elif message.get("response"):
                variables = {k: v for k, v in message.items() if k not in ("response",)}
                rendered = render(message["response"], language, variables)
                history.append({"event": "bot", "text": rendered})
                out.append({"recipient_id": sender, "text": rendered})
        return web.json_response(out)

    async def append_events(self, request: web.Request) -> web.Response:
        if request.query.get("token") != RASA_TOKEN:
            return web.json_response({"message": "unauthorized"}, status=401)
        self.resets.append(await request.json())
        return web.json_response({})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_post("/conversations/{sender}/tracker/events", self.append_events)
        return app
