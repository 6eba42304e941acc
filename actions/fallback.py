"""Core fallback: the dialogue policies were unsure what to do next."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.language import texts_for


class ActionDefaultFallback(Action):
    """Overrides Rasa's default: a reply in the chat's language that names 114 and 112."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts_for(texts, tracker).NOT_UNDERSTOOD)
        # Like Rasa's own default: forget the message so the conversation can continue as if
        # it had not been sent, instead of derailing the next prediction.
        return [UserUtteranceReverted()]
