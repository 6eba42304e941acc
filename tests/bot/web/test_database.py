"""Where a unit of work runs: a chat turn's short units on SQLite run on the event loop and
never wait there for another writer's lock; the rest go through the unit thread."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.settings import DatabaseSettings
from bot.web.database import Database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    path = tmp_path / "units.db"
    db = Database(DatabaseSettings(url=f"sqlite:///{path}"))
    lifecycle = db.lifecycle(web.Application())
    await anext(lifecycle)
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    yield db
    with contextlib.suppress(StopAsyncIteration):
        await anext(lifecycle)


def _insert(body: str) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        return threading.get_ident()
    return work


def _bodies(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        return list(connection.execute(text("SELECT body FROM notes ORDER BY id")).scalars())


async def test_a_short_unit_on_sqlite_runs_on_the_event_loop_thread(database: Database) -> None:
    ran_on = await database.run(_insert("short"), short=True)
    assert ran_on == threading.get_ident()
    assert _bodies(database) == ["short"]


async def test_an_ordinary_unit_runs_in_the_unit_thread(database: Database) -> None:
    ran_on = await database.run(_insert("ordinary"))
    assert ran_on != threading.get_ident()
    assert _bodies(database) == ["ordinary"]


async def test_a_short_unit_does_not_block_the_loop_while_another_writer_holds_the_lock(
    database: Database,
) -> None:
    other = sqlite3.connect(str(database.engine.url.database), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write transaction
    other.execute("INSERT INTO notes (body) VALUES ('other')")
    ticks = 0

    async def loop_is_alive() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    alive = asyncio.create_task(loop_is_alive())
    asyncio.get_running_loop().call_later(0.3, other.execute, "COMMIT")
    try:
        ran_on = await database.run(_insert("mine"), short=True)
    finally:
        alive.cancel()
        other.close()
    # It waited for the lock in the unit thread while the loop went on, and wrote once.
    assert ran_on != threading.get_ident()
    assert ticks >= 10
    assert _bodies(database) == ["other", "mine"]


async def test_after_a_handed_over_unit_the_loop_s_connection_still_does_not_wait(
    database: Database,
) -> None:
    other = sqlite3.connect(str(database.engine.url.database), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        asyncio.get_running_loop().call_later(0.1, other.execute, "COMMIT")
        await database.run(_insert("first"), short=True)
        # The pooled connections have now served both kinds of unit; a short one must
        # still fail at once on a held lock (busy timeout 0), not wait 30 s on the loop.
        other.execute("BEGIN IMMEDIATE")
        started = asyncio.get_running_loop().time()
        asyncio.get_running_loop().call_later(0.2, other.execute, "COMMIT")
        ran_on = await database.run(_insert("second"), short=True)
        assert ran_on != threading.get_ident()
        assert asyncio.get_running_loop().time() - started < 5
    finally:
        other.close()
    assert _bodies(database) == ["first", "second"]
