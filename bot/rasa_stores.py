"""Rasa's SQL tracker store with every event encrypted at rest.

Rasa keeps each conversation's raw events (citizen text, slot values such as a phone number or
a receipt code) in its tracker store. The live turn needs the clear values, so they cannot be
masked like our transcripts; instead the event payload is encrypted with Fernet (AES-128-CBC +
HMAC) under `BR_TRACKER_KEY`, which lives outside the database (generated into var/ by
`make run`). Event type, intent and action names stay in clear: they hold no personal data and
Rasa queries on them.
"""

from __future__ import annotations

import json
import os
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# Here for Rasa-free operator commands too (key rotation, restore checks).
from bot.rasa_tracker import fernet_from_secret


class EncryptedSQLTrackerStore(SQLTrackerStore):
    """Drop-in replacement for Rasa's `SQL` tracker store (same endpoint options)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._fernet = fernet_from_secret(os.environ.get("BR_TRACKER_KEY", ""))
        super().__init__(*args, **kwargs)

    def _encrypt(self, data: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(data).encode()).decode()

    def _decrypt(self, token: str) -> dict[str, Any]:
        return dict(json.loads(self._fernet.decrypt(token.encode())))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=intent,
                        action_name=data.get("name"),
                        data=self._encrypt(data),
                    )
                )
            session.commit()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = [self._decrypt(row.data) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None
