"""Typed application keys of the console sub-application, and its one way to the database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import aiohttp
import jinja2
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from bot.console.auth import Advisor
from bot.console.live import LiveBoard
from bot.db import session_scope
from bot.handover.channel import CitizenChannel
from bot.settings import Settings

T = TypeVar("T")

SETTINGS = web.AppKey("console_settings", Settings)
DB = web.AppKey("console_db", sessionmaker)
HTTP = web.AppKey("console_http", aiohttp.ClientSession)
CHANNEL = web.AppKey("console_channel", CitizenChannel)  # type: ignore[type-abstract]
LIVE = web.AppKey("console_live", LiveBoard)
TEMPLATES = web.AppKey("console_templates", jinja2.Environment)
ADVISOR_KEY = "console_advisor"


def advisor_of(request: web.Request) -> Advisor:
    advisor: Advisor = request[ADVISOR_KEY]
    return advisor


async def run_db(app: web.Application, work: Callable[[Session], T]) -> T:
    """One unit of work in a worker thread: the event loop never waits on the database."""
    factory = app[DB]

    def _unit() -> T:
        with session_scope(factory) as session:
            return work(session)

    return await asyncio.get_running_loop().run_in_executor(None, _unit)
