"""Health endpoints: liveness of the gateway, and readiness of Rasa, actions and database."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import web
from sqlalchemy import text

from bot.gateway.state import SETTINGS
from bot.web.database import DATABASE
from bot.web.http_client import HTTP_CLIENT


async def live(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _http_ok(client: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with client.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


def _database_ok(request: web.Request) -> bool:
    try:
        with request.app[DATABASE].session_factory() as session:
            session.execute(text("SELECT 1"))
        return True
    except Exception:  # any driver error means "not ready"
        return False


async def ready(request: web.Request) -> web.Response:
    """Report each dependency; 503 when any of them does not answer."""
    settings = request.app[SETTINGS]
    client = request.app[HTTP_CLIENT].session
    actions_ok, *rasa_up = await asyncio.gather(
        _http_ok(client, f"{settings.rasa.action_server_url}/health"),
        *(_http_ok(client, f"{url}/") for url in settings.rasa.urls),
    )
    # One Rasa server is enough to serve: the router fails over to it.
    rasa_ok = any(rasa_up)
    database_ok = await asyncio.get_running_loop().run_in_executor(None, _database_ok, request)
    checks = {"rasa": rasa_ok, "action_server": actions_ok, "database": database_ok}
    healthy = all(checks.values())
    return web.json_response(
        {"status": "ok" if healthy else "degraded", "checks": checks},
        status=200 if healthy else 503,
    )
