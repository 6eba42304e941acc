"""The queue watcher: every couple of seconds it expires unclaimed chats and gives quiet chats
their final inquiry outcome; then, and at once when poked, it publishes the queue to the
advisors and tells citizens who moved up their new place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

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


async def watch_queue_once(app: web.Application, announced: dict[int, int], *,
                           timed: bool = True) -> None:
    """One tick; `announced` remembers the place each waiting chat was last told.

    A `timed` tick (every couple of seconds) also does the work that only time makes due:
    unclaimed chats time out, quiet inquiries get their outcome. A poke (a chat joined or left
    the queue) only republishes the queue, in one unit of work, and builds the advisors' view
    of it only when an advisor is watching: under load the pokes come several times a second.
    """
    now = utcnow()
    if timed:
        await offer_callbacks_for_expired(app, now)
        idle_since = now - timedelta(minutes=app[SETTINGS].handover.inquiry_idle_minutes)
        await run_unit(app, lambda s: close_idle_inquiries(s, idle_since=idle_since, now=now))
    board = app[LIVE]
    listing = queue_listing(app) if board.watched else None
    average = app[SETTINGS].handover.average_chat_minutes

    def work(session: Session) -> tuple[list[tuple[int, str, int, int]],
                                        list[dict[str, Any]] | None]:
        busy = queue.busy_advisors(session)
        snapshot = None
        if listing is None:
            order = queue.waiting_order(session)
        else:  # the whole rows once, for both the places and the advisors' view
            rows = queue.waiting(session)
            order = [(int(h.id), str(h.session_id)) for h in rows]
            snapshot = listing.snapshot(session, now, waiting=rows)
        places = [(handover_id, session_id, place,
                   queue.estimate_minutes(place, busy, average))
                  for place, (handover_id, session_id) in enumerate(order, start=1)]
        return places, snapshot

    places, snapshot = await run_unit(app, work)
    if snapshot is not None:
        await board.to_all({"type": "queue", "waiting": snapshot})
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
        clock = asyncio.get_running_loop().time
        next_timed = clock()
        while True:
            # Pokes must not starve the timed work when they come faster than the interval.
            timed = clock() >= next_timed
            if timed:
                next_timed = clock() + WATCH_INTERVAL_SECONDS
            try:
                await watch_queue_once(app, announced, timed=timed)
            except Exception:  # the watcher must outlive one bad tick
                log.exception("console: queue watcher tick failed")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(board.changed.wait(), max(0.0, next_timed - clock()))
            board.changed.clear()
