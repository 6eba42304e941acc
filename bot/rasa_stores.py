"""Rasa's SQL tracker store with every event encrypted at rest.

Rasa keeps each conversation's raw events (citizen text, slot values such as a phone number or
a receipt code) in its tracker store. The live turn needs the clear values, so they cannot be
masked like our transcripts; instead the event payload is encrypted with Fernet (AES-128-CBC +
HMAC) under `BR_TRACKER_KEY`, which lives outside the database (generated into var/ by
`make run`). Event type, intent and action names stay in clear: they hold no personal data and
Rasa queries on them.

A turn's cost stays flat however long the chat: each process keeps the events it has read and
decrypted, reads only newer rows, and hands Rasa a bounded window (bot/rasa_history.py).
"""

from __future__ import annotations

import json
import os
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import Session, sessionmaker

from bot.db import make_engine
from bot.rasa_history import History, HistoryCache, mark, new_events, parse_events, window

# Here for Rasa-free operator commands too (key rotation, restore checks).
from bot.rasa_tracker import fernet_from_secret
from bot.settings import DatabaseSettings


class EncryptedSQLTrackerStore(SQLTrackerStore):
    """Drop-in replacement for Rasa's `SQL` tracker store (same endpoint options)."""

    engine: sa.engine.Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._fernet = fernet_from_secret(os.environ.get("BR_TRACKER_KEY", ""))
        self._histories = HistoryCache()
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._keep_sqlite_connections()

    def _keep_sqlite_connections(self) -> None:
        """Rasa's engine (SQLAlchemy 1.4) opens the SQLite file anew for every read and every
        save (NullPool): a connect, the PRAGMAs and a close twice a turn (docs/BENCHMARKS.md,
        "Eighth pass"). The product's own SQLite engine keeps them instead (`bot.db`: pooled,
        WAL, a connection dropped when its file is replaced or it was made before a fork)."""
        url = self.engine.url.render_as_string(hide_password=False)
        self.engine.dispose()
        self.engine = make_engine(DatabaseSettings(url=url))
        self.sessionmaker = sessionmaker(bind=self.engine)

    def _encrypt(self, data: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(data).encode()).decode()

    def _decrypt(self, token: str) -> dict[str, Any]:
        return dict(json.loads(self._fernet.decrypt(token.encode())))

    def _rows_up_to(self, session: Session, sender_id: str, last_id: int | None = None) -> int:
        """How many rows the sender has in all (up to `last_id`): the cache's consistency check."""
        query = session.query(sa.func.count(self.SQLEvent.id)).filter(
            self.SQLEvent.sender_id == sender_id)
        if last_id is not None:
            query = query.filter(self.SQLEvent.id <= last_id)
        return int(query.scalar() or 0)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            rows_now = self._rows_up_to(session, sender_id)
            events = new_events(tracker, rows_now, lambda: self._event_query(
                session, sender_id, fetch_events_from_all_sessions=False).count())
            stored = []
            for event in events:
                data = event.as_dict()
                intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
                row = self.SQLEvent(
                    sender_id=sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=intent,
                    action_name=data.get("name"),
                    data=self._encrypt(data),
                )
                session.add(row)
                stored.append(row)
            session.flush()  # assigns the ids, read before the commit expires the rows
            last_id = int(stored[-1].id) if stored else None
            session.commit()
        self._remember(sender_id, events, rows_now, last_id)

    def _remember(self, sender_id: str, events: list[Event], rows_before: int,
                  last_id: int | None) -> None:
        """Append what was just stored to the cached history, or forget it when unsure."""
        history = self._histories.get(sender_id)
        if history is None:
            return
        if history.rows != rows_before or any(isinstance(e, SessionStarted) for e in events):
            self._histories.drop(sender_id)  # someone else wrote, or a new session began
            return
        if last_id is not None:
            history.tail.extend(events)
            history.rows += len(events)
            history.last_id = last_id

    def _rows_after(self, session: Session, sender_id: str, last_id: int) -> list[Any]:
        return (session.query(self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.data)
                .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > last_id)
                .order_by(self.SQLEvent.id).all())

    def _refresh(self, session: Session, sender_id: str, history: History) -> bool:
        """Bring a cached history up to date with the database; False if it cannot be."""
        if self._rows_up_to(session, sender_id, history.last_id) != history.rows:
            return False  # rows were deleted (retention, a citizen's request)
        rows = self._rows_after(session, sender_id, history.last_id)
        if any(row.type_name == SessionStarted.type_name for row in rows):
            return False  # a new session: Rasa's query decides where it starts
        if rows:
            history.tail.extend(parse_events([self._decrypt(row.data) for row in rows]))
            history.rows += len(rows)
            history.last_id = int(rows[-1].id)
        return True

    def _load(self, session: Session, sender_id: str) -> History | None:
        rows = self._event_query(
            session, sender_id, fetch_events_from_all_sessions=False).all()
        if not rows:
            return None
        last_id = int(rows[-1].id)
        return History(last_id=last_id, rows=self._rows_up_to(session, sender_id, last_id),
                       tail=parse_events([self._decrypt(row.data) for row in rows]))

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions or not self.domain:
            return await self._retrieve_all(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            history = self._histories.get(sender_id)
            if history is None or not self._refresh(session, sender_id, history):
                history = self._load(session, sender_id)
        if history is None:
            self._histories.drop(sender_id)
            return None
        self._histories.put(sender_id, history)
        events = window(history, sender_id, self.domain.slots)
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        return mark(tracker, history, len(events))

    async def _retrieve_all(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Every event, decrypted (Rasa's tracker API, `retrieve_full_tracker`)."""
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = [self._decrypt(row.data) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None
