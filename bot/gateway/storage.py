"""Run one unit of database work off the event loop, in its own short session.

Each request (or each chat turn step) calls `run_unit` once per unit of work; the session is
opened, committed or rolled back, and closed inside the worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.gateway.keys import SESSION_FACTORY

T = TypeVar("T")


async def run_unit(app: web.Application, work: Callable[[Session], T]) -> T:
    factory = app[SESSION_FACTORY]

    def _unit() -> T:
        with session_scope(factory) as session:
            return work(session)

    return await asyncio.get_running_loop().run_in_executor(None, _unit)
