"""Citizen messages that arrived while no Rasa server could be reached: answered, in order
and once, as soon as Rasa is back (a restart, a crash the runner recovers from).

The citizen is told at once that the message is kept (`texts.BOT_QUEUED`); the answer then
arrives on their socket, or in the transcript for the HTTP fallback. The same worker
rescues orphans: messages left `pending` by a gateway that died mid-turn (bot/chat/queue.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from functools import partial

import aiohttp
from aiohttp import web
from sqlalchemy.orm import Session

from bot.chat import texts
from bot.chat.queue import claim_queued, queued_messages, requeue_orphans
from bot.chat.transcripts import MessageOut, append_message, get_session, set_forward_state, to_out
from bot.clock import utcnow
from bot.gateway.conversation import StoredCitizenMessage, forward_turn, trusted_metadata
from bot.gateway.errors import log, log_unexpected
from bot.gateway.outbox import OUTBOX, recovered_forward_text
from bot.gateway.state import HUB, SETTINGS
from bot.i18n import localized
from bot.models.chat import FORWARD_DONE, FORWARD_SKIPPED, OWNER_BOT, SENDER_SYSTEM, ChatMessage
from bot.settings import Settings
from bot.web.database import DatabaseUnavailable, run_unit
from bot.web.http_client import HTTP_CLIENT

POLL_SECONDS = 1.0
# Now and then the whole table is looked at: another replica may have queued or died.
SCAN_SECONDS = 30.0
# A `pending` message older than the Rasa timeout plus this is in nobody's turn any more.
ORPHAN_GRACE_SECONDS = 30.0


def _claim_queued_message(
    session: Session, *, settings: Settings, message_id: int, known_text: str | None,
    now: datetime,
) -> StoredCitizenMessage | list[MessageOut]:
    """Take a queued message for forwarding; or the lines to show instead (maybe none)."""
    if not claim_queued(session, message_id):
        return []  # another process took it, or it is no longer queued
    message = session.get(ChatMessage, message_id)
    chat = get_session(session, str(message.session_id)) if message is not None else None
    if message is None or chat is None:
        return []
    if chat.owner != OWNER_BOT:
        set_forward_state(session, message_id, FORWARD_SKIPPED)
        return []
    forward_text = known_text or recovered_forward_text(chat, str(message.text))
    if forward_text is None:
        set_forward_state(session, message_id, FORWARD_DONE)
        notice = append_message(session, str(chat.id), sender=SENDER_SYSTEM,
                                text=localized(texts, chat.language).RESEND_MESSAGE)
        return [to_out(notice)]
    return StoredCitizenMessage(
        message=to_out(message),
        message_id=message_id,
        duplicate=True,
        owner=OWNER_BOT,
        forward=True,
        forward_text=forward_text,
        metadata=trusted_metadata(chat.identity, now, settings, str(chat.id),
                                   str(chat.language or "da")),
    )


async def forward_queued(app: web.Application, session_id: str, message_id: int) -> bool:
    """Forward one queued message in its chat's turn order; False if Rasa still cannot take it.

    Used by bot/gateway/redelivery.py once Rasa is back.
    """
    outbox = app[OUTBOX]
    async with app[HUB].lock(session_id):
        claimed = await run_unit(
            app,
            partial(_claim_queued_message, settings=app[SETTINGS], message_id=message_id,
                    known_text=outbox.text_for(message_id), now=utcnow()),
        )
        if isinstance(claimed, list):
            for line in claimed:
                await app[HUB].send_to_session(session_id, {"type": "message", **line})
            outbox.forget(message_id)
            return True
        answered = await forward_turn(app, session_id, claimed, announce_queue=False)
    if answered:
        outbox.forget(message_id)
    return answered


async def _rasa_reachable(app: web.Application) -> bool:
    client = app[HTTP_CLIENT].session
    for url in app[SETTINGS].rasa.urls:
        try:
            async with client.get(f"{url.rstrip('/')}/",
                                  timeout=aiohttp.ClientTimeout(total=2)) as response:
                if response.status == 200:
                    return True
        except (aiohttp.ClientError, asyncio.TimeoutError):
            continue
    return False


async def _rescue_orphans(app: web.Application, *, at_start: bool) -> None:
    settings = app[SETTINGS]
    # At start, the embedded profile's only gateway has no turn in flight anywhere: every
    # `pending` message is an orphan. With replicas, another one may still be mid-turn.
    if at_start and settings.profile == "embedded":
        cutoff = utcnow()
    else:
        cutoff = utcnow() - timedelta(
            seconds=settings.rasa.request_timeout_seconds + ORPHAN_GRACE_SECONDS)
    rescued = await run_unit(app, partial(requeue_orphans, created_before=cutoff))
    if rescued:
        log.warning("Queued %d message(s) left unanswered by a stopped gateway", rescued)


async def deliver_queued(app: web.Application) -> None:
    """Forward queued messages oldest first; stop at the first Rasa cannot take."""
    outbox = app[OUTBOX]
    waiting = await run_unit(app, queued_messages)
    if not waiting:
        outbox.maybe_waiting = False
        return
    if not await _rasa_reachable(app):
        return
    for message_id, session_id in waiting:
        if not await forward_queued(app, session_id, message_id):
            return
    log.info("Answered %d queued message(s)", len(waiting))


async def _run(app: web.Application) -> None:
    outbox = app[OUTBOX]
    next_scan, at_start = 0.0, True
    while True:
        try:
            if time.monotonic() >= next_scan:
                next_scan = time.monotonic() + SCAN_SECONDS
                await _rescue_orphans(app, at_start=at_start)
                at_start = False
                outbox.maybe_waiting = True
            if outbox.maybe_waiting:
                await deliver_queued(app)
        except DatabaseUnavailable:
            pass  # logged by run_unit; the next round tries again
        except Exception as exc:
            log_unexpected(exc, "redelivery of queued messages")
        await outbox.wait(POLL_SECONDS)


async def redelivery_worker(app: web.Application) -> AsyncIterator[None]:
    """`cleanup_ctx`: the worker runs while the app does."""
    task = asyncio.get_running_loop().create_task(_run(app))
    yield
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
