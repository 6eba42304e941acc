"""Rasa's REST channel, open only to the gateway (credentials.yml names this class).

Rasa's built-in `rest` channel takes any message, with any metadata, from anyone who reaches
the port. This subclass keeps its URL (`/webhooks/rest/webhook`), its JSON and its name (so
trackers and the gateway see no difference) and adds one rule: a POST must carry
`Authorization: Bearer <BR_RASA_TOKEN>`, the token the gateway already holds for Rasa's HTTP
API. Without it: 401, and the message never reaches the dialogue. `rasa test` does not use
channels; a developer's curl adds the header (README).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.bearer import MIN_TOKEN_CHARS, is_authorised
from bot.settings import load_settings

log = logging.getLogger(__name__)


class GatewayRestInput(RestInput):
    """The REST channel with the gateway's bearer token required on every message."""

    def __init__(self, token: str) -> None:
        if len(token) < MIN_TOKEN_CHARS:
            raise ValueError(
                f"BR_RASA_TOKEN is missing or shorter than {MIN_TOKEN_CHARS} characters; "
                "the REST channel will not run unauthenticated"
            )
        self._token = token

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(load_settings().handover.rasa_token)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        token = self._token

        async def require_gateway_token(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or is_authorised(request.headers.get("Authorization"),
                                                         token):
                return None
            log.warning("REST channel message without the gateway's token refused")
            return response.json({"error": "unauthorized"}, status=401)

        webhook.middleware(require_gateway_token, "request")
        return webhook
