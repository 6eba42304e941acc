"""Every URL of the gateway, in one place."""

from __future__ import annotations

from aiohttp import web

from bot.gateway import health


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/health/live", health.live)
    app.router.add_get("/health", health.ready)
