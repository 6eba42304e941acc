"""The queue watcher: every couple of seconds (or at once when poked) it expires unclaimed
chats, publishes the queue to the advisors, tells citizens who moved up their new place, and
gives quiet chats their final inquiry outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.console.citizen_language import citizen_texts
from bot.console.handback import offer_callbacks_for_expired
from bot.console.queue_items import queue_listing
from bot.console.state import CHANNEL, LIVE, SETTINGS
from bot.handover import queue
from bot.inquiries.repository import close_idle_inquiries
from bot.models.chat import SENDER_SYSTEM
from bot.web.database import run_unit

log = logging.getLogger(__name__)

WATCH_INTERVAL_SECONDS = 2.0


async def watch_queue_once(app: web.Application, announced: dict[int, int]) -> None:
    """One tick; `announced` remembers the place each waiting chat was last told."""
    now = utcnow()
    await offer_callbacks_for_expired(app, now)
    average = app[SETTINGS].handover.average_chat_minutes

    def work(session: Session) -> list[tuple[int, str, int, int]]:
        waiting = queue.waiting(session)
        busy = queue.busy_advisors(session)
        return [(int(h.id), str(h.session_id), place,
                 queue.estimate_minutes(place, busy, average))
                for place, h in enumerate(waiting, start=1)]

    places = await run_unit(app, work)
    idle_since = now - timedelta(minutes=app[SETTINGS].handover.inquiry_idle_minutes)
    await run_unit(app, lambda s: close_idle_inquiries(s, idle_since=idle_since, now=now))
    listing = queue_listing(app)
    snapshot = await run_unit(app, lambda s: listing.snapshot(s, now))
    await app[LIVE].to_all({"type": "queue", "waiting": snapshot})
    current = {handover_id for handover_id, *_ in places}
    for handover_id, session_id, place, minutes in places:
        before = announced.get(handover_id)
        announced[handover_id] = place
        if before is not None and place < before:
            say = await citizen_texts(app, session_id)
            await app[CHANNEL].deliver(session_id, sender=SENDER_SYSTEM,
                                       text=say.queue_place(place, minutes))
    for gone in set(announced) - current:
        del announced[gone]


class QueueWatcher:
    """Runs `watch_queue_once` in a loop from the console's start to its shutdown.

    It stops on shutdown, before the cleanup that closes the shared database and HTTP client
    (the parent application cleans up before its sub-applications).
    """

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None

    async def start(self, app: web.Application) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(app))

    async def stop(self, _app: web.Application) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self, app: web.Application) -> None:
        board = app[LIVE]
        announced: dict[int, int] = {}
        while True:
            try:
                await watch_queue_once(app, announced)
            except Exception:  # the watcher must outlive one bad tick
                log.exception("console: queue watcher tick failed")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(board.changed.wait(), WATCH_INTERVAL_SECONDS)
            board.changed.clear()
