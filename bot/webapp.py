"""The web server's composition root: one aiohttp application with the citizen gateway at /
and the advisor console at /console. `python -m bot.webapp` runs it (the "gateway" process).

The gateway and the console never import each other; they meet only here:
- both get the process's one `Database` (one engine, one pool) and one `HttpClient`, opened
  here before anything else starts and closed after everything else has stopped;
- the console reaches citizens through the `CitizenChannel` protocol
  (`bot/handover/channel.py`), which the gateway implements (`GatewayChannel`);
- the gateway tells the console about Rasa's custom payloads and about citizen messages for
  advisors through its hub's hooks, which take plain callables.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import uvloop
from aiohttp import web

from bot.console import chat_events
from bot.console.app import init_console
from bot.console.state import CHANNEL
from bot.gateway.app import init_gateway
from bot.gateway.citizen_channel import GatewayChannel
from bot.gateway.state import HUB
from bot.masking import install_log_masking
from bot.settings import Settings, load_settings, profile_problems
from bot.web.access_log import PrivateAccessLogger
from bot.web.database import Database
from bot.web.design_system import add_design_system_route
from bot.web.http_client import HttpClient


def _link(gateway: web.Application, console: web.Application) -> None:
    console[CHANNEL] = GatewayChannel(gateway)
    hub = gateway[HUB]

    async def on_custom_payload(_gateway: web.Application, session_id: str,
                                payload: dict[str, Any]) -> None:
        await chat_events.on_custom_payload(console, session_id, payload)

    hub.custom_payload_handlers.append(on_custom_payload)
    hub.citizen_message_listeners.append(partial(chat_events.on_citizen_message, console))
    hub.citizen_typing_listeners.append(partial(chat_events.on_citizen_typing, console))


def init_app(settings: Settings) -> web.Application:
    problems = profile_problems(settings)
    if problems:
        raise ValueError("; ".join(problems))
    install_log_masking()
    database = Database(settings.database)
    http_client = HttpClient(settings.rasa.request_timeout_seconds)
    app = init_gateway(settings, database, http_client)
    # First in, last out: open before the gateway's hub and the console start, closed after.
    app.cleanup_ctx.insert(0, http_client.lifecycle)
    app.cleanup_ctx.insert(0, database.lifecycle)
    console = init_console(settings, database, http_client)
    _link(app, console)
    app.add_subapp("/console", console)
    add_design_system_route(app)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    install_log_masking()
    settings = load_settings()
    # uvloop (gateway environment): the event loop's own cost is a third of the gateway's CPU
    # per chat turn (docs/BENCHMARKS.md, "Gateway overhead").
    web.run_app(init_app(settings), host=settings.gateway.host, port=settings.gateway.port,
                loop=uvloop.new_event_loop(), access_log_class=PrivateAccessLogger)


if __name__ == "__main__":
    main()
