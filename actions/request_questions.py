"""The questions of the request forms as `action_ask_<slot>` actions, one per slot.

Generated from `bot.requests.texts.ASK` so every question lives in the texts module; Rasa's
forms run `action_ask_<slot>` when the domain lists it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import texts_for
from bot.requests import texts
from bot.requests.texts import ASK


class AskQuestion(Action, ABC):
    """Asks for one slot; abstract, so the action server registers only the subclasses."""

    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot()}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text, buttons = texts_for(texts, tracker).ASK[self.slot()]
        dispatcher.utter_message(text=text, buttons=[dict(b) for b in buttons])
        return []


def _question_action(slot_name: str) -> type[AskQuestion]:
    def slot(self: AskQuestion) -> str:
        return slot_name

    return type(f"AskQuestion_{slot_name}", (AskQuestion,), {"slot": slot})


QUESTION_ACTIONS: dict[str, type[AskQuestion]] = {slot: _question_action(slot) for slot in ASK}
