"""The inquiry record seen from the action server, and telling the citizen its reference.

Every action of this capability calls `ensure_inquiry` first, so the inquiry exists even if
the gateway has not registered it yet; the conversation's own clock (the latest event's
timestamp) is used for dates, so "i morgen" means tomorrow as seen in the chat.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import session_factory
from bot.db import session_scope
from bot.inquiries.repository import ensure_inquiry
from bot.requests import texts

log = logging.getLogger(__name__)


def conversation_now(tracker: Tracker) -> datetime:
    """The time of the latest event in the conversation (UTC), or now if there is none."""
    for event in reversed(tracker.events):
        stamp = event.get("timestamp")
        if isinstance(stamp, int | float):
            return datetime.fromtimestamp(stamp, tz=timezone.utc)
    return datetime.now(timezone.utc)


def conversation_channel(tracker: Tracker) -> str:
    """The channel the trusted gateway put into the metadata; "web" is the only one so far."""
    metadata = tracker.latest_message.get("metadata") or {}
    channel = metadata.get("br_channel")
    return channel if channel in ("web", "phone") else "web"


def inquiry_reference(tracker: Tracker) -> str:
    """The conversation's reference, registering the inquiry if needed (idempotent)."""
    with session_scope(session_factory()) as session:
        inquiry = ensure_inquiry(
            session,
            tracker.sender_id,
            channel=conversation_channel(tracker),
            now=conversation_now(tracker),
        )
        return str(inquiry.reference)


class ActionTellReference(Action):
    """Answers "hvad er mit referencenummer?" with the inquiry's reference number."""

    def name(self) -> str:
        return "action_tell_reference"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            reference = inquiry_reference(tracker)
        except SQLAlchemyError:
            log.exception("Could not register or read the inquiry")
            dispatcher.utter_message(text=texts.REQUEST_FAILED)
            return []
        dispatcher.utter_message(text=texts.YOUR_REFERENCE.format(reference=reference))
        return []
