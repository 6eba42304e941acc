"""Every URL of the gateway, in one place."""

from __future__ import annotations

from aiohttp import web

from bot.gateway import demo_mitid, health, views, websocket
from bot.gateway.state import SETTINGS
from bot.settings import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "bot" / "static"


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/health/live", health.live)
    app.router.add_get("/health", health.ready)
    app.router.add_get("/", views.demo_page)
    app.router.add_post("/api/session", views.start_session)
    app.router.add_post("/api/session/forget", views.forget_session)
    app.router.add_post("/api/session/identity", views.attach_identity)
    app.router.add_post("/api/session/language", views.set_language)
    if app[SETTINGS].profile == "embedded":
        app.router.add_post("/api/demo/mitid", demo_mitid.mint_token)
    app.router.add_get("/api/messages", views.history)
    app.router.add_post("/api/messages", views.post_message)
    app.router.add_get("/api/ws", websocket.chat_socket)
    # CORS preflights for a website on another origin that embeds the widget.
    app.router.add_route("OPTIONS", "/api/{tail:.*}", views.preflight)
    app.router.add_static("/static", STATIC_DIR, append_version=False)
