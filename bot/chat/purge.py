"""Delete chat transcripts older than the retention period, and record that we did."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import sessionmaker

from bot.chat.transcripts import purge_inactive_sessions
from bot.clock import utcnow
from bot.db import session_scope
from bot.models.audit import record_audit


def purge_transcripts(
    factory: sessionmaker, *, retention_days: int, now: datetime | None = None
) -> int:
    """Delete chats whose last message is older than `retention_days`; return how many."""
    if retention_days < 1:
        raise ValueError("retention must be at least 1 day")
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    with session_scope(factory) as session:
        deleted = purge_inactive_sessions(session, inactive_before=cutoff)
        record_audit(
            session,
            actor_type="system",
            actor_id="purge-transcripts",
            action="transcripts_purged",
            subject_type="chat_session",
            subject_id="*",
            detail=f"deleted={deleted} retention_days={retention_days} cutoff={cutoff.isoformat()}",
        )
    return deleted
