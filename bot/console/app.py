"""The console's app factory: `init_console(settings, database, http_client)`.

`bot.webapp` mounts it at /console on the gateway and lends it the shared database and HTTP
client and the `CitizenChannel`; the console knows nothing of the gateway itself. It owns
the advisors' live board and the queue watcher.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import jinja2
from aiohttp import web

from bot.clock import utcnow
from bot.console import auth
from bot.console.live import LiveBoard
from bot.console.routes import PUBLIC_ROUTES, setup_routes
from bot.console.state import ADVISOR_KEY, LIVE, SETTINGS, TEMPLATES
from bot.console.watcher import QueueWatcher
from bot.settings import PROJECT_ROOT, Settings
from bot.web.database import DATABASE, Database, run_unit
from bot.web.headers import add_security_headers
from bot.web.http_client import HTTP_CLIENT, HttpClient

TEMPLATE_DIR = PROJECT_ROOT / "bot" / "console" / "templates"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _route_name(request: web.Request) -> str | None:
    route = request.match_info.route
    resource = route.resource
    return resource.name if resource is not None else route.name


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Log-in required everywhere but the login page; every POST carries the CSRF token."""
    if _route_name(request) in PUBLIC_ROUTES:
        return await handler(request)
    token = request.cookies.get(auth.SESSION_COOKIE)
    advisor = None
    if token:
        now = utcnow()
        advisor = await run_unit(request.app, lambda s: auth.load_advisor(s, token, now))
    if advisor is None:
        if request.method == "GET" and _route_name(request) != "live":
            raise web.HTTPFound("/console/login")
        raise web.HTTPUnauthorized(text="Log in first.")
    request[ADVISOR_KEY] = advisor
    if request.method == "POST":
        form = await request.post()
        if not auth.csrf_matches(advisor.csrf_token, form.get("csrf_token")):
            raise web.HTTPForbidden(text="CSRF token missing or wrong.")
    return await handler(request)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if not response.prepared:
        # Pages hold citizens' personal data: never cached, never framed.
        add_security_headers(response, no_store=True)
    return response


def init_console(
    settings: Settings, database: Database, http_client: HttpClient, *, watch: bool = True
) -> web.Application:
    """The console application; the caller opens `database` and `http_client` and sets
    `state.CHANNEL` before the application starts."""
    app = web.Application(middlewares=[security_headers, auth_middleware])
    app[SETTINGS] = settings
    app[DATABASE] = database
    app[HTTP_CLIENT] = http_client
    app[LIVE] = LiveBoard()
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    if watch:
        watcher = QueueWatcher()
        # aiohttp 3.9 declares the signals' type wrongly; the calls match its documentation.
        app.on_startup.append(watcher.start)  # type: ignore[arg-type]
        app.on_shutdown.append(watcher.stop)  # type: ignore[arg-type]
        app.on_cleanup.append(watcher.stop)  # type: ignore[arg-type]
    setup_routes(app)
    return app
