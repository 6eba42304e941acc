"""The action server answers only Rasa: its webhook needs the shared `BR_ACTION_SERVER_TOKEN`.

rasa-sdk 3.6 has no authentication of its own. It calls the `attach_sanic_app_extensions`
hook of the `rasa_sdk_plugins` package (ours registers this module) before it starts, and we
add a request middleware there. Rasa sends the token as a header from the action endpoint's
`headers` (endpoints.yml). Only `/health` (probes, the gateway's readiness) stays open; it
says "ok" and nothing else. Without a token or the identity claim key configured the server
refuses to start.
"""

from __future__ import annotations

import logging

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.bearer import MIN_TOKEN_CHARS, is_authorised
from bot.settings import load_settings

log = logging.getLogger(__name__)

hookimpl = pluggy.HookimplMarker("rasa_sdk")
OPEN_PATHS = frozenset({"/health"})


def require_token(app: Sanic, token: str) -> None:
    """Attach the check to `app`; a short or missing token stops the server from starting."""
    if len(token) < MIN_TOKEN_CHARS:
        raise SystemExit(
            "BR_ACTION_SERVER_TOKEN is missing or shorter than "
            f"{MIN_TOKEN_CHARS} characters; the action server will not run unauthenticated"
        )

    async def check_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if is_authorised(request.headers.get("Authorization"), token):
            return None
        log.warning("Action server call without a valid token refused (%s)", request.path)
        return response.json({"error": "unauthorized"}, status=401)

    app.register_middleware(check_token, "request")


@hookimpl  # type: ignore[misc]
def attach_sanic_app_extensions(app: Sanic) -> None:
    identity = load_settings().identity
    if len(identity.claim_key) < MIN_TOKEN_CHARS:
        # Every MitID claim would be refused; better not to start than to fail each citizen.
        raise SystemExit("BR_IDENTITY_CLAIM_KEY is missing or shorter than "
                         f"{MIN_TOKEN_CHARS} characters")
    require_token(app, identity.action_server_token)
