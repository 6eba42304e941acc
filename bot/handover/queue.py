"""The advisors' queue: order (urgent first, then waiting time), claims, place and estimate.

Every state change is one conditional UPDATE whose WHERE clause states what must still be
true ("nobody has claimed it yet"); the row count tells whether this request won. On SQLite
the write lock serialises the updates; on PostgreSQL the second UPDATE waits for the first
row lock, re-checks the WHERE clause on the committed row and matches nothing. So exactly
one advisor wins a claim, with no SELECT ... FOR UPDATE and no application lock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.inquiries import repository as inquiries
from bot.models.handover import (
    STATUS_ACTIVE,
    STATUS_CALLBACK_OFFERED,
    STATUS_CLOSED,
    STATUS_HANDED_BACK,
    STATUS_WAITING,
    Handover,
)

ENDED_STATUSES = (STATUS_HANDED_BACK, STATUS_CLOSED)


@dataclass(frozen=True)
class QueuePlace:
    position: int  # 1 = next in line
    estimate_minutes: int


QUEUE_ORDER = (Handover.urgency_rank, Handover.created_at, Handover.id)


def waiting(session: Session) -> list[Handover]:
    """Waiting chats in the order advisors should take them."""
    return list(
        session.execute(
            select(Handover).where(Handover.status == STATUS_WAITING).order_by(*QUEUE_ORDER)
        ).scalars()
    )


def waiting_order(session: Session) -> list[tuple[int, str]]:
    """(handover id, chat session id) of the waiting chats, in queue order.

    The places in the queue need only these two columns; loading the whole rows (with their
    case packets) on every change of the queue cost more than the rest of the work.
    """
    rows = session.execute(
        select(Handover.id, Handover.session_id)
        .where(Handover.status == STATUS_WAITING)
        .order_by(*QUEUE_ORDER)
    )
    return [(int(handover_id), str(session_id)) for handover_id, session_id in rows]


def busy_advisors(session: Session) -> int:
    return int(
        session.execute(
            select(func.count(func.distinct(Handover.claimed_by))).where(
                Handover.status == STATUS_ACTIVE
            )
        ).scalar_one()
    )


def estimate_minutes(position: int, advisors: int, average_chat_minutes: int) -> int:
    """Rough wait: the chats ahead, shared over the advisors on duty, rounded up to 5 minutes.

    A round number promises less precision than we have, which is the honest thing to show.
    """
    raw = position * average_chat_minutes / max(1, advisors)
    return max(5, math.ceil(raw / 5.0) * 5)


def place_in_queue(
    session: Session, handover_id: int, average_chat_minutes: int
) -> QueuePlace | None:
    order = [waiting_id for waiting_id, _ in waiting_order(session)]
    if handover_id not in order:
        return None
    position = order.index(handover_id) + 1
    return QueuePlace(
        position, estimate_minutes(position, busy_advisors(session), average_chat_minutes)
    )


def claim(session: Session, handover_id: int, advisor_id: int, now: datetime) -> bool:
    """Take a waiting chat. True for exactly one advisor, however many click at once."""
    result = session.execute(
        update(Handover)
        .where(
            Handover.id == handover_id,
            Handover.status == STATUS_WAITING,
            Handover.claimed_by.is_(None),
        )
        .values(claimed_by=advisor_id, claimed_at=now, status=STATUS_ACTIVE)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    conversation_id = session.execute(
        select(Handover.session_id).where(Handover.id == handover_id)
    ).scalar_one()
    inquiries.record_advisor_joined(session, conversation_id, str(advisor_id), at=now)
    return True


def transfer(session: Session, handover_id: int, from_advisor: int, to_advisor: int) -> bool:
    """Pass an active chat to a colleague; only its current holder can."""
    result = session.execute(
        update(Handover)
        .where(
            Handover.id == handover_id,
            Handover.status == STATUS_ACTIVE,
            Handover.claimed_by == from_advisor,
        )
        .values(claimed_by=to_advisor)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def end(
    session: Session,
    handover_id: int,
    advisor_id: int,
    *,
    status: str,
    now: datetime,
    outcome: str | None = None,
    category: str | None = None,
) -> bool:
    """Hand back to the bot or close; only the advisor holding the chat can."""
    if status not in ENDED_STATUSES:
        raise ValueError(f"not an end status: {status}")
    result = session.execute(
        update(Handover)
        .where(
            Handover.id == handover_id,
            Handover.status == STATUS_ACTIVE,
            Handover.claimed_by == advisor_id,
        )
        .values(status=status, ended_at=now, outcome=outcome, category=category)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    if category:
        conversation_id = session.execute(
            select(Handover.session_id).where(Handover.id == handover_id)
        ).scalar_one()
        inquiries.set_category(session, conversation_id, category)
    return True


def expire_unclaimed(session: Session, now: datetime, timeout_minutes: int) -> list[Handover]:
    """Waiting chats nobody claimed in time switch to a call-back offer.

    Each row is switched with its own conditional UPDATE, so a claim racing the timeout
    either wins (the chat stays with the advisor) or loses cleanly.
    """
    cutoff = now - timedelta(minutes=timeout_minutes)
    candidates = list(
        session.execute(
            select(Handover.id).where(
                Handover.status == STATUS_WAITING, Handover.created_at <= cutoff
            )
        ).scalars()
    )
    expired: list[Handover] = []
    for handover_id in candidates:
        result = session.execute(
            update(Handover)
            .where(Handover.id == handover_id, Handover.status == STATUS_WAITING)
            .values(status=STATUS_CALLBACK_OFFERED, ended_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            handover = session.get(Handover, handover_id, populate_existing=True)
            if handover is not None:
                expired.append(handover)
    return expired
