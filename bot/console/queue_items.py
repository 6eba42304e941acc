"""A handover as the console lists it: in the queue, on the supervisor page, in the live feed.

Everything an advisor needs at a glance, in Danish: urgency, why, topic, language, the
citizen's question, verification and how long they have waited (flagged when too long).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.console import labels
from bot.console.packet_view import knowledge_or_none, topic
from bot.console.state import SETTINGS
from bot.handover import context as ctx
from bot.handover import queue
from bot.knowledge.loader import KnowledgeBase
from bot.models.handover import Handover


def waiting_minutes(handover: Handover, now: datetime) -> int:
    return max(0, int((now - as_utc(handover.created_at)).total_seconds() // 60))


@dataclass(frozen=True)
class QueueListing:
    """How chats are listed: when a wait is too long, and where topics get their names."""

    long_wait_minutes: int
    knowledge: KnowledgeBase | None

    def item(self, handover: Handover, now: datetime) -> dict[str, Any]:
        packet = ctx.loads(str(handover.context_json))
        language = str(packet.get("language") or "da")
        minutes = waiting_minutes(handover, now)
        return {
            "id": int(handover.id),
            "reason": ctx.reason_label(str(handover.reason)),
            "urgency": str(handover.urgency),
            "urgency_label": labels.label(labels.URGENCY_DA, handover.urgency, "Normal"),
            "topic": topic(packet, self.knowledge),
            "language": language,
            "language_label": labels.label(labels.LANGUAGE_DA, language),
            "waiting_minutes": minutes,
            "long_wait": minutes >= self.long_wait_minutes,
            "open_question": str(handover.open_question),
            "verified": bool(handover.verified),
        }

    def snapshot(self, session: Session, now: datetime,
                 waiting: Sequence[Handover] | None = None) -> list[dict[str, Any]]:
        """The advisors' view of the queue; `waiting`: the rows, when the caller read them."""
        rows = queue.waiting(session) if waiting is None else waiting
        return [self.item(h, now) for h in rows]


def queue_listing(app: web.Application) -> QueueListing:
    settings = app[SETTINGS]
    return QueueListing(settings.handover.long_wait_minutes,
                        knowledge_or_none(settings.knowledge_dir))
