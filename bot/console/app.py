"""The console's app factory: `init_console(settings)`, mounted by the gateway at /console.

The console owns its resources (database engine, HTTP client for Rasa, the queue watcher)
through `cleanup_ctx`; the gateway only lends it the citizen channel (`gateway_link`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import aiohttp
import jinja2
from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.console import auth
from bot.console.keys import ADVISOR_KEY, CHANNEL, DB, HTTP, LIVE, SETTINGS, TEMPLATES, run_db
from bot.console.live import LiveBoard
from bot.console.routes import PUBLIC_ROUTES, setup_routes
from bot.console.workflow import offer_callbacks_for_expired, queue_snapshot
from bot.db import create_all, make_engine, make_session_factory
from bot.handover import queue, texts
from bot.inquiries.repository import close_idle_inquiries
from bot.models.chat import SENDER_SYSTEM
from bot.settings import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

TEMPLATE_DIR = PROJECT_ROOT / "bot" / "console" / "templates"
WATCH_INTERVAL_SECONDS = 2.0
FULL_REFRESH = timedelta(seconds=30)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
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
        advisor = await run_db(request.app, lambda s: auth.load_advisor(s, token, now))
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
    if response.prepared:
        return response
    # Pages hold citizens' personal data: never cached, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if response.content_type == "text/html":
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Frame-Options"] = "DENY"
    return response


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database)
    if engine.dialect.name == "sqlite":
        create_all(engine)
    app[DB] = make_session_factory(engine)
    yield
    engine.dispose()


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    timeout = aiohttp.ClientTimeout(total=app[SETTINGS].rasa.request_timeout_seconds)
    async with aiohttp.ClientSession(timeout=timeout) as client:
        app[HTTP] = client
        yield


async def watch_queue_once(app: web.Application, announced: dict[int, int]) -> None:
    """Expire unclaimed chats, publish the queue, tell citizens who moved up their new place,
    and give quiet chats their final inquiry outcome."""
    now = utcnow()
    if CHANNEL in app:
        await offer_callbacks_for_expired(app, now)
    average = app[SETTINGS].handover.average_chat_minutes

    def work(session: Session) -> list[tuple[int, str, int, int]]:
        waiting = queue.waiting(session)
        busy = queue.busy_advisors(session)
        return [(int(h.id), str(h.session_id), place,
                 queue.estimate_minutes(place, busy, average))
                for place, h in enumerate(waiting, start=1)]

    places = await run_db(app, work)
    idle_since = now - timedelta(minutes=app[SETTINGS].handover.inquiry_idle_minutes)
    await run_db(app, lambda s: close_idle_inquiries(s, idle_since=idle_since, now=now))
    snapshot = await run_db(app, lambda s: queue_snapshot(s, now))
    await app[LIVE].to_all({"type": "queue", "waiting": snapshot})
    current = {handover_id for handover_id, *_ in places}
    for handover_id, session_id, place, minutes in places:
        before = announced.get(handover_id)
        announced[handover_id] = place
        if before is not None and place < before and CHANNEL in app:
            await app[CHANNEL].deliver(session_id, sender=SENDER_SYSTEM,
                                       text=texts.queue_place(place, minutes))
    for gone in set(announced) - current:
        del announced[gone]


async def _watcher(app: web.Application) -> AsyncIterator[None]:
    board = app[LIVE]
    announced: dict[int, int] = {}

    async def loop() -> None:
        while True:
            try:
                await watch_queue_once(app, announced)
            except Exception:  # the watcher must outlive one bad tick
                log.exception("console: queue watcher tick failed")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(board.changed.wait(), WATCH_INTERVAL_SECONDS)
            board.changed.clear()

    task = asyncio.get_running_loop().create_task(loop())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def init_console(settings: Settings, *, watch: bool = True) -> web.Application:
    app = web.Application(middlewares=[security_headers, auth_middleware])
    app[SETTINGS] = settings
    app[LIVE] = LiveBoard()
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_http_client)
    if watch:
        app.cleanup_ctx.append(_watcher)
    setup_routes(app)
    return app
