"""Chat ratings: 1 to 5 with an optional comment, one per inquiry (a new rating replaces it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.inquiries.repository import ensure_inquiry
from bot.models.requests import ChatRating

MAX_COMMENT_CHARS = 1000


def save_rating(
    session: Session,
    *,
    conversation_id: str,
    score: int,
    comment: str,
    now: datetime,
    channel: str = "web",
) -> ChatRating:
    if not 1 <= score <= 5:
        raise ValueError(f"A rating is 1 to 5, not {score}")
    inquiry = ensure_inquiry(session, conversation_id, channel=channel, now=now)
    rating = session.execute(
        select(ChatRating).where(ChatRating.inquiry_id == inquiry.id)
    ).scalar_one_or_none()
    if rating is None:
        rating = ChatRating(inquiry_id=inquiry.id)
        session.add(rating)
    rating.score = score
    rating.comment = comment[:MAX_COMMENT_CHARS]
    rating.created_at = as_utc(now)
    session.flush()
    return rating
