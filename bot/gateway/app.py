"""The gateway's app factory: `init_app(settings)` builds the aiohttp application."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from bot.db import create_all, make_engine, make_session_factory
from bot.gateway.keys import HTTP_CLIENT, SESSION_FACTORY, SETTINGS
from bot.gateway.routes import setup_routes
from bot.settings import Settings


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database)
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


def init_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_http_client)
    setup_routes(app)
    return app
