"""The gateway's app factory: `init_app(settings)` builds the aiohttp application."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import jinja2
from aiohttp import web

from bot.chat.rasa_client import RasaRouter
from bot.console.app import init_console
from bot.console.gateway_link import attach_console
from bot.db import create_all, make_engine, make_session_factory
from bot.gateway.bus import make_bus
from bot.gateway.hub import ChatHub
from bot.gateway.keys import HTTP_CLIENT, HUB, RASA_ROUTER, SESSION_FACTORY, SETTINGS, TEMPLATES
from bot.gateway.middlewares import MIDDLEWARES, hide_server_version
from bot.gateway.outbox import OUTBOX, Outbox
from bot.gateway.redelivery import redelivery_worker
from bot.gateway.routes import setup_routes
from bot.masking import install_log_masking
from bot.settings import PROJECT_ROOT, Settings, profile_problems

TEMPLATE_DIR = PROJECT_ROOT / "bot" / "templates"


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database)
    # PostgreSQL (production profile) gets its schema from Alembic: `borger migrate`.
    if engine.dialect.name == "sqlite":
        create_all(engine)
    app[SESSION_FACTORY] = make_session_factory(engine)
    yield
    engine.dispose()


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    timeout = aiohttp.ClientTimeout(total=app[SETTINGS].rasa.request_timeout_seconds)
    async with aiohttp.ClientSession(timeout=timeout) as client:
        app[HTTP_CLIENT] = client
        yield


async def _close_sockets(app: web.Application) -> None:
    # Open WebSockets would otherwise hold the shutdown until its timeout.
    await app[HUB].close_sockets()


async def _hub(app: web.Application) -> AsyncIterator[None]:
    # Registered last, so it closes first: running turns finish while DB and client are open.
    await app[HUB].bus.start()
    yield
    await app[HUB].finish_turns()
    await app[HUB].bus.close()


def init_app(settings: Settings) -> web.Application:
    if not settings.gateway.secret_key:
        raise ValueError("BR_SECRET_KEY is not set; the gateway cannot sign session cookies")
    problems = profile_problems(settings)
    if problems:
        raise ValueError("; ".join(problems))
    install_log_masking()
    hide_server_version()
    app = web.Application(client_max_size=64 * 1024, middlewares=MIDDLEWARES)
    app[SETTINGS] = settings
    app[HUB] = ChatHub(make_bus(settings))
    app[RASA_ROUTER] = RasaRouter(settings.rasa.urls)
    app[OUTBOX] = Outbox()
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
    )
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_http_client)
    app.cleanup_ctx.append(_hub)
    # Last, so it stops first: messages queued while Rasa was away (bot/gateway/redelivery.py).
    app.cleanup_ctx.append(redelivery_worker)
    # aiohttp 3.9 declares the signal's type wrongly; the call matches its documentation.
    app.on_shutdown.append(_close_sockets)  # type: ignore[arg-type]
    setup_routes(app)
    # The advisor console (bot/console), mounted at /console and linked to the hub.
    console = init_console(settings)
    app.add_subapp("/console", console)
    attach_console(app, console)
    return app
