"""Retention, deletion and key rotation in Rasa's tracker store (its `events` table).

Rasa keeps every conversation's events (encrypted at rest, see bot/rasa_stores.py) with no
retention of its own; these functions apply ours. Rasa's table and column names are fixed by
Rasa's SQLTrackerStore. Nothing here imports Rasa, so operator commands stay quick.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import column, create_engine, inspect, select, table, text, update
from sqlalchemy.engine import Engine, make_url

EVENTS = table("events", column("id"), column("data"))
ROTATION_BATCH = 500


def fernet_from_secret(secret: str) -> Fernet:
    """Derive a Fernet key from any secret string (so operators can use a random token)."""
    if not secret:
        raise ValueError("BR_TRACKER_KEY is not set; the tracker store cannot encrypt events")
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


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


def _tracker_engine(tracker_db_url: str) -> Engine | None:
    """An engine on the tracker store, or None when Rasa has not created its table yet."""
    url = make_url(tracker_db_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return None
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        if inspect(connection).has_table("events"):
            return engine
    engine.dispose()
    return None


def tracker_key_problem(tracker_db_url: str, key: str) -> str | None:
    """Why `key` cannot read the stored events (checked on the newest one), or None."""
    engine = _tracker_engine(tracker_db_url)
    if engine is None:
        return None
    try:
        with engine.connect() as connection:
            newest = connection.execute(
                select(EVENTS.c.data).order_by(EVENTS.c.id.desc()).limit(1)).scalar()
    finally:
        engine.dispose()
    if newest is None:
        return None
    try:
        fernet_from_secret(key).decrypt(str(newest).encode())
    except InvalidToken:
        return "the tracker key does not decrypt the stored conversation events"
    return None


class KeyRotationError(RuntimeError):
    """Some events decrypt with neither key; nothing was changed."""


def rotate_tracker_key(tracker_db_url: str, old_key: str, new_key: str) -> int:
    """Re-encrypt every event under `new_key`; returns how many events were rewritten.

    Events already under the new key are left as they are, so after an interruption the
    same command finishes the job. A first pass checks that every event can be read.
    """
    engine = _tracker_engine(tracker_db_url)
    if engine is None:
        return 0
    rotating = MultiFernet([fernet_from_secret(new_key), fernet_from_secret(old_key)])
    new = fernet_from_secret(new_key)
    try:
        with engine.connect() as connection:
            unreadable = 0
            for (token,) in connection.execute(select(EVENTS.c.data)):
                try:
                    rotating.decrypt(str(token).encode())
                except InvalidToken:
                    unreadable += 1
        if unreadable:
            raise KeyRotationError(
                f"{unreadable} event(s) decrypt with neither the old nor the new key")
        rewritten, last_id = 0, 0
        while True:
            with engine.begin() as connection:
                batch = connection.execute(
                    select(EVENTS.c.id, EVENTS.c.data).where(EVENTS.c.id > last_id)
                    .order_by(EVENTS.c.id).limit(ROTATION_BATCH)).all()
                for event_id, token in batch:
                    try:
                        new.decrypt(str(token).encode())
                        continue  # already under the new key
                    except InvalidToken:
                        pass
                    connection.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(
                        data=rotating.rotate(str(token).encode()).decode()))
                    rewritten += 1
            if len(batch) < ROTATION_BATCH:
                return rewritten
            last_id = int(batch[-1][0])
    finally:
        engine.dispose()
