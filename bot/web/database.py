"""The web server's one database engine, and running units of work off the event loop.

The gateway and the console share one `Database`, so a web server process has one engine and
one connection pool (docs/ARCHITECTURE.md, "Connection pools"). Each request (or each step of
a chat turn) calls `run_unit` once per unit of work; the session is opened, committed or rolled
back, and closed inside a worker thread. A database that is briefly unreachable (restart,
failover, a locked SQLite file) is retried for a few seconds: a unit is one transaction,
rolled back on failure, so running it again never half-writes.

SQLite takes one writer at a time. With several threads of one process competing for its
lock, its busy handler (sleep and retry, no queue) let some units wait many seconds while
later ones got through: that was the gateway's 15 s p95 tail at 100 concurrent chats
(docs/BENCHMARKS.md). On SQLite the units of a process therefore run on one thread, in the
order they come (first in, first out), except the chat turn's short units, which run on the
event loop and never wait there (`Database.run`); PostgreSQL keeps the shared thread pool.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.db import (
    create_all,
    make_engine,
    make_session_factory,
    session_scope,
    sqlite_lock_no_wait,
)
from bot.settings import DatabaseSettings

T = TypeVar("T")

log = logging.getLogger("bot.web")

# Seconds to wait before each retry; about four seconds in all before giving up.
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)


class DatabaseUnavailable(RuntimeError):
    """The database did not answer, even after the retries; nothing of the unit was written."""


class Database:
    """The engine and session factory; `lifecycle` is the application's cleanup context."""

    def __init__(self, settings: DatabaseSettings) -> None:
        # The engine connects lazily: nothing is opened before the first unit of work.
        self.engine: Engine = make_engine(settings)
        self.session_factory: sessionmaker = make_session_factory(self.engine)
        self._single_writer = self.engine.dialect.name == "sqlite"
        self._executor: ThreadPoolExecutor | None = None

    async def lifecycle(self, _app: web.Application) -> AsyncIterator[None]:
        # PostgreSQL (production profile) gets its schema from Alembic: `borger migrate`.
        if self.engine.dialect.name == "sqlite":
            create_all(self.engine)
        yield
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self.engine.dispose()

    def _unit_executor(self) -> ThreadPoolExecutor | None:
        """The one thread for SQLite's units (made when first needed); None: the shared pool."""
        if self._single_writer and self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-unit")
        return self._executor

    async def run(self, work: Callable[[Session], T], *, short: bool = False) -> T:
        """Run `work` in one short session in a worker thread, retrying a lost database.

        `short`: a unit on a chat turn's path (a few statements on indexed rows). On SQLite
        it runs on the event loop itself: handing it to the thread and back cost more CPU
        than the unit (docs/BENCHMARKS.md, "Seventh pass"). There it never waits for
        SQLite's lock: if another writer holds it, or anything else fails, the unit (rolled
        back) goes the usual way through the thread, which waits and retries.
        """

        def _unit() -> T:
            with session_scope(self.session_factory) as session:
                return work(session)

        if short and self._single_writer:
            try:
                with sqlite_lock_no_wait():
                    return _unit()
            except OperationalError as exc:
                log.debug("Short unit handed to the unit thread (%s)", type(exc.orig).__name__)

        loop = asyncio.get_running_loop()
        for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
            try:
                return await loop.run_in_executor(self._unit_executor(), _unit)
            except OperationalError as exc:  # unreachable, locked, connection lost: transient
                reason = type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__
                if delay is None:
                    log.error("Database unavailable after %d attempts (%s)", attempt, reason)
                    raise DatabaseUnavailable(reason) from exc
                log.warning(
                    "Database unavailable (%s); retry %d in %.1f s", reason, attempt, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # the loop either returns or raises


DATABASE = web.AppKey("database", Database)


async def run_unit(
    app: web.Application, work: Callable[[Session], T], *, short: bool = False
) -> T:
    """One unit of database work for a view of `app` (the gateway or the console)."""
    return await app[DATABASE].run(work, short=short)
