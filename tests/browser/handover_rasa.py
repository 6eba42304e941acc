"""A fake Rasa for the advisor flows: the REST channel with the real handover action behind
"menneske"/"person", and the tracker-events API that a hand-back resets.

No trained model is needed: it answers "Du skrev: ..." to everything else, runs the action
server's own `action_handover` for a request for a person, and renders the domain's responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handover as handover_actions
from bot.settings import PROJECT_ROOT

RASA_TOKEN = "e2e-rasa-token"
HUMAN_WORDS = ("menneske", "en person")


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


@dataclass
class HandoverFakeRasa:
    """Rasa's REST channel and tracker-events API, with the real handover action behind it."""

    received: list[str] = field(default_factory=list)
    resets: list[list[dict[str, Any]]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        sender, text = body["sender"], body["message"]
        self.received.append(text)
        intent = "request_human" if any(w in text for w in HUMAN_WORDS) else "ask_question"
        history = self.events.setdefault(sender, [])
        history.append({"event": "user", "text": text, "metadata": body.get("metadata") or {},
                        "parse_data": {"intent": {"name": intent, "confidence": 0.93}}})
        if intent != "request_human":
            reply = f"Du skrev: {text}"
            history.append({"event": "bot", "text": reply})
            return web.json_response([{"recipient_id": sender, "text": reply}])
        tracker = Tracker(sender, {}, {"text": text, "intent": {"name": intent}}, list(history),
                          False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        await handover_actions.ActionHandover().run(dispatcher, tracker, {})
        out: list[dict[str, Any]] = []
        templates = _responses()
        for message in dispatcher.messages:
            if message.get("custom"):
                out.append({"recipient_id": sender, "custom": message["custom"]})
            elif message.get("response"):
                variables = {k: v for k, v in message.items() if k not in ("response",)}
                rendered = templates[message["response"]][0]["text"].format(**variables)
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
