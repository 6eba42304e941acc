"""Form slots validated by the Danish parsers of `bot.requests.validation`.

A parser returns the slot's value or raises `InputRejected` with a Danish sentence that says
what to write instead; here that sentence is sent and the slot stays empty, so the form asks
again. The slot's name comes from the method's name (`validate_<slot>`), as in rasa-sdk.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.language import chat_language
from bot.requests.english import danish_input, english_message
from bot.requests.validation import InputRejected

VALIDATE_PREFIX = "validate_"
FormT = TypeVar("FormT")
SlotValues = dict[str, Any]
Validation = Callable[
    [FormT, Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[SlotValues]
]


def set_slots(values: Mapping[str, Any]) -> list[EventType]:
    """`SlotSet` events for the given values (None clears a slot)."""
    return [SlotSet(slot, value) for slot, value in values.items()]


def _rejected(dispatcher: CollectingDispatcher, slot: str, error: InputRejected,
              tracker: Tracker | None = None) -> SlotValues:
    english = tracker is not None and chat_language(tracker) == "en"
    dispatcher.utter_message(text=english_message(error.message) if english else error.message)
    return {slot: None}


# Answers whose English words the Danish parsers need in Danish (issue #18): days and times,
# and "no" for "no case number" / "no comment". Names and free text are taken as written.
ENGLISH_INPUT_SLOTS = frozenset({"followup_window", "followup_journal_number", "rating_comment",
                                 "callback_window"})


def form_input(value: Any, slot: str, tracker: Tracker) -> Any:
    """The answer as the parser reads it: English days, times and "no" in Danish words."""
    if slot in ENGLISH_INPUT_SLOTS and isinstance(value, str) and chat_language(tracker) == "en":
        return danish_input(value)
    return value


def _slot_of(name: str) -> str:
    if not name.startswith(VALIDATE_PREFIX):
        raise TypeError(f"{name}: a slot validation must be called {VALIDATE_PREFIX}<slot>")
    return name[len(VALIDATE_PREFIX) :]


class SlotParser:
    """`validate_<slot> = SlotParser(parse)`: the slot gets `parse(text)`, or the reason why not."""

    def __init__(self, parse: Callable[[str], Any]) -> None:
        self._parse = parse
        self.slot = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = _slot_of(name)

    def __get__(
        self, instance: object, owner: type | None = None
    ) -> Callable[[Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[SlotValues]]:
        return self.validate

    async def validate(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> SlotValues:
        try:
            return {self.slot: self._parse(str(form_input(value, self.slot, tracker) or ""))}
        except InputRejected as error:
            return _rejected(dispatcher, self.slot, error, tracker)


def rejects_input(method: Validation[FormT]) -> Validation[FormT]:
    """For a `validate_<slot>` method that needs more than the text (the tracker, a reply)."""
    slot = _slot_of(method.__name__)

    @functools.wraps(method)
    async def validate(
        form: FormT, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> SlotValues:
        try:
            return await method(form, form_input(value, slot, tracker), dispatcher, tracker,
                                domain)
        except InputRejected as error:
            return _rejected(dispatcher, slot, error, tracker)

    return validate
