"""A handover as the console lists it: in the queue, on the supervisor page, in the live feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.handover import context as ctx
from bot.handover import queue
from bot.models.handover import Handover


def waiting_minutes(handover: Handover, now: datetime) -> int:
    return max(0, int((now - as_utc(handover.created_at)).total_seconds() // 60))


def queue_item(handover: Handover, now: datetime) -> dict[str, Any]:
    return {
        "id": int(handover.id),
        "reason": ctx.reason_label(str(handover.reason)),
        "urgency": str(handover.urgency),
        "waiting_minutes": waiting_minutes(handover, now),
        "open_question": str(handover.open_question),
        "verified": bool(handover.verified),
    }


def queue_snapshot(session: Session, now: datetime) -> list[dict[str, Any]]:
    return [queue_item(h, now) for h in queue.waiting(session)]
