"""What the gateway application holds, as typed keys: its settings, hub, Rasa router and
templates. The database and HTTP client it shares with the console are keyed in `bot.web`."""

from __future__ import annotations

import jinja2
from aiohttp import web

from bot.chat.rasa_client import RasaRouter
from bot.gateway.hub import ChatHub
from bot.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
HUB = web.AppKey("hub", ChatHub)
RASA_ROUTER = web.AppKey("rasa_router", RasaRouter)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
