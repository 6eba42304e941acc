"""Typed application keys shared by the gateway's views and middlewares."""

from __future__ import annotations

import aiohttp
import jinja2
from aiohttp import web
from sqlalchemy.orm import sessionmaker

from bot.chat.rasa_client import RasaRouter
from bot.gateway.hub import ChatHub
from bot.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
SESSION_FACTORY = web.AppKey("session_factory", sessionmaker)
HTTP_CLIENT = web.AppKey("http_client", aiohttp.ClientSession)
HUB = web.AppKey("hub", ChatHub)
RASA_ROUTER = web.AppKey("rasa_router", RasaRouter)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
