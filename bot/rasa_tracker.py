"""Retention and deletion in Rasa's tracker store (its `events` table).

Rasa keeps every conversation's events (encrypted at rest, see bot/rasa_stores.py) with no
retention of its own; these functions apply ours. Rasa's table and column names are fixed by
Rasa's SQLTrackerStore.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url


def _run(tracker_db_url: str, statement: str, params: dict[str, object]) -> int:
    url = make_url(tracker_db_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return 0  # Rasa has not created its store yet: nothing to delete
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table("events"):
                return 0  # Rasa has not stored anything yet
            return int(connection.execute(text(statement), params).rowcount or 0)
    finally:
        engine.dispose()


def delete_conversations(tracker_db_url: str, conversation_ids: Iterable[str]) -> int:
    """Delete every stored event of these conversations (Rasa sender ids); returns the count."""
    deleted = 0
    for conversation_id in sorted(set(conversation_ids)):
        deleted += _run(tracker_db_url, "DELETE FROM events WHERE sender_id = :sender",
                        {"sender": conversation_id})
    return deleted


def purge_events_before(tracker_db_url: str, cutoff: datetime) -> int:
    """Delete events older than the cutoff (Rasa stores timestamps as Unix seconds)."""
    return _run(tracker_db_url, "DELETE FROM events WHERE timestamp < :cutoff",
                {"cutoff": cutoff.timestamp()})
