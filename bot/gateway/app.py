"""The gateway's app factory: `init_gateway(settings, database, http_client)`.

`bot.webapp` calls it and mounts the advisor console into the result; the gateway itself
knows nothing of the console. Other parts reach in only through the hub's hooks (citizen
messages for advisors, Rasa's custom payloads) and the `CitizenChannel` in `citizen_channel`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import jinja2
from aiohttp import web

from bot.bearer import MIN_TOKEN_CHARS
from bot.chat.rasa_client import RasaRouter
from bot.gateway.bus import make_bus
from bot.gateway.hub import ChatHub
from bot.gateway.middlewares import MIDDLEWARES, hide_server_version
from bot.gateway.outbox import OUTBOX, Outbox
from bot.gateway.redelivery import redelivery_worker
from bot.gateway.routes import setup_routes
from bot.gateway.state import HUB, RASA_ROUTER, SETTINGS, TEMPLATES
from bot.settings import PROJECT_ROOT, Settings
from bot.web.database import DATABASE, Database
from bot.web.http_client import HTTP_CLIENT, HttpClient

TEMPLATE_DIR = PROJECT_ROOT / "bot" / "templates"


async def _close_sockets(app: web.Application) -> None:
    # Open WebSockets would otherwise hold the shutdown until its timeout.
    await app[HUB].close_sockets()


async def _hub(app: web.Application) -> AsyncIterator[None]:
    # Running turns finish before the database and the HTTP client close (the composition
    # root opens those first, so they close last).
    await app[HUB].bus.start()
    yield
    await app[HUB].finish_turns()
    await app[HUB].bus.close()


def init_gateway(
    settings: Settings, database: Database, http_client: HttpClient
) -> web.Application:
    """The citizen chat's application; `database` and `http_client` are opened by the caller."""
    if not settings.gateway.secret_key:
        raise ValueError("BR_SECRET_KEY is not set; the gateway cannot sign session cookies")
    if len(settings.identity.claim_key) < MIN_TOKEN_CHARS:
        raise ValueError("BR_IDENTITY_CLAIM_KEY is missing or short; the gateway cannot vouch "
                         "for a citizen's identity to the actions")
    hide_server_version()
    app = web.Application(client_max_size=64 * 1024, middlewares=MIDDLEWARES)
    app[SETTINGS] = settings
    app[DATABASE] = database
    app[HTTP_CLIENT] = http_client
    app[HUB] = ChatHub(make_bus(settings))
    app[RASA_ROUTER] = RasaRouter(settings.rasa.urls, token=settings.handover.rasa_token)
    app[OUTBOX] = Outbox()
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
    )
    app.cleanup_ctx.append(_hub)
    # Last, so it stops first: messages queued while Rasa was away (bot/gateway/redelivery.py).
    app.cleanup_ctx.append(redelivery_worker)
    # aiohttp 3.9 declares the signal's type wrongly; the call matches its documentation.
    app.on_shutdown.append(_close_sockets)  # type: ignore[arg-type]
    setup_routes(app)
    return app
