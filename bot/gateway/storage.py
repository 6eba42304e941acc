"""Run one unit of database work off the event loop, in its own short session.

Each request (or each chat turn step) calls `run_unit` once per unit of work; the session is
opened, committed or rolled back, and closed inside the worker thread. A database that is
briefly unreachable (restart, failover, a locked SQLite file) is retried for a few seconds:
a unit is one transaction, rolled back on failure, so running it again never half-writes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.gateway.keys import SESSION_FACTORY

T = TypeVar("T")

log = logging.getLogger("bot.gateway")

# Seconds to wait before each retry; about four seconds in all before giving up.
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)


class DatabaseUnavailable(RuntimeError):
    """The database did not answer, even after the retries; nothing of the unit was written."""


async def run_unit(app: web.Application, work: Callable[[Session], T]) -> T:
    factory = app[SESSION_FACTORY]

    def _unit() -> T:
        with session_scope(factory) as session:
            return work(session)

    loop = asyncio.get_running_loop()
    for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
        try:
            return await loop.run_in_executor(None, _unit)
        except OperationalError as exc:  # unreachable, locked, connection lost: transient
            reason = type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__
            if delay is None:
                log.error("Database unavailable after %d attempts (%s)", attempt, reason)
                raise DatabaseUnavailable(reason) from exc
            log.warning("Database unavailable (%s); retry %d in %.1f s", reason, attempt, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # the loop either returns or raises
