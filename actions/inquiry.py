"""The inquiry record seen from the action server, and telling the citizen its reference.

The services an action calls (`bot.requests`, `bot.inquiries`) register the conversation's
inquiry if the gateway has not yet; the action only reads its reference afterwards. The
conversation's own clock (the latest event's timestamp) is used for dates, so "i morgen"
means tomorrow as seen in the chat.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.db import apologise_on_database_error, session_factory
from actions.language import texts_for
from bot.clock import utcnow
from bot.db import session_scope
from bot.inquiries.repository import InquiryNotFound, ensure_inquiry, get_by_conversation
from bot.requests import texts


def conversation_now(tracker: Tracker) -> datetime:
    """The time of the latest event in the conversation (UTC), or now if there is none."""
    for event in reversed(tracker.events):
        stamp = event.get("timestamp")
        if isinstance(stamp, int | float):
            return datetime.fromtimestamp(stamp, tz=timezone.utc)
    return utcnow()


def conversation_channel(tracker: Tracker) -> str:
    """The channel the trusted gateway put into the metadata; "web" is the only one so far."""
    metadata = tracker.latest_message.get("metadata") or {}
    channel = metadata.get("br_channel")
    return channel if channel in ("web", "phone") else "web"


def registered_reference(session: Session, tracker: Tracker) -> str:
    """The reference of the inquiry that the service just called has registered or updated."""
    inquiry = get_by_conversation(session, tracker.sender_id)
    if inquiry is None:
        raise InquiryNotFound(tracker.sender_id)
    return str(inquiry.reference)


class ActionTellReference(Action):
    """Answers "hvad er mit referencenummer?" with the inquiry's reference number."""

    def name(self) -> str:
        return "action_tell_reference"

    @apologise_on_database_error("could not register or read the inquiry",
                                 text=texts.REQUEST_FAILED)
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        with session_scope(session_factory()) as session:
            inquiry = ensure_inquiry(session, tracker.sender_id,
                                     channel=conversation_channel(tracker),
                                     now=conversation_now(tracker))
            reference = str(inquiry.reference)
        say = texts_for(texts, tracker)
        dispatcher.utter_message(text=say.YOUR_REFERENCE.format(reference=reference))
        return []
