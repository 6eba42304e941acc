"""The questions of the forms as `action_ask_<slot>` actions, one per slot.

Generated from `bot.requests.texts.ASK` so every question lives in the texts module (the case
status and call-back questions are domain responses, `utter_ask_<slot>`); Rasa's forms run
`action_ask_<slot>` when the domain lists it. Back after a question in between, the form asks
once more in a short form, with a way out (`actions/form_turns.py`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.form_turns import REPROMPT_SLOT, form_label
from actions.language import texts_for
from bot.dialogue import texts as dialogue_texts
from bot.requests import texts
from bot.requests.texts import ASK

# Asked with the domain's response `utter_ask_<slot>`.
RESPONSE_SLOTS = ("journal_number", "receipt_code", "callback_phone", "callback_window")


class AskQuestion(Action, ABC):
    """Asks for one slot; abstract, so the action server registers only the subclasses."""

    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot()}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        slot = self.slot()
        ask = texts_for(texts, tracker).ASK
        if tracker.get_slot(REPROMPT_SLOT):
            words = texts_for(dialogue_texts, tracker)
            short = words.SHORT_ASK.get(slot, "")
            label = form_label(str(tracker.active_loop_name or ""), tracker)
            again: list[dict[str, object]] = [dict(b) for b in ask.get(slot, ("", []))[1]]
            again.append({"title": words.STOP_BUTTON_TITLE, "payload": words.STOP_BUTTON_PAYLOAD})
            dispatcher.utter_message(
                text=words.REPROMPT.format(label=label, short=short), buttons=again)
            return [SlotSet(REPROMPT_SLOT, False)]
        if slot in RESPONSE_SLOTS:
            dispatcher.utter_message(response=f"utter_ask_{slot}")
            return []
        text, buttons = ask[slot]
        dispatcher.utter_message(text=text, buttons=[dict(b) for b in buttons])
        return []


def _question_action(slot_name: str) -> type[AskQuestion]:
    def slot(self: AskQuestion) -> str:
        return slot_name

    return type(f"AskQuestion_{slot_name}", (AskQuestion,), {"slot": slot})


QUESTION_ACTIONS: dict[str, type[AskQuestion]] = {
    slot: _question_action(slot) for slot in (*ASK, *RESPONSE_SLOTS)
}
