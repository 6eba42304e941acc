"""The questions of the request forms as `action_ask_<slot>` actions, one per slot.

Generated from `bot.requests.texts.ASK` so every question lives in the texts module; Rasa's
forms run `action_ask_<slot>` when the domain lists it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.requests.texts import ASK


class AskQuestion(Action):
    """Asks for one slot; subclasses only fix which."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text, buttons = ASK[self.slot]
        dispatcher.utter_message(text=text, buttons=[dict(b) for b in buttons])
        return []


# One subclass per slot: the action server registers every subclass of Action it finds.
QUESTION_ACTIONS: dict[str, type[AskQuestion]] = {
    slot: type(f"AskQuestion_{slot}", (AskQuestion,), {"slot": slot}) for slot in ASK
}
