"""Form slots validated by the Danish parsers: value or a Danish reason, slot named by method."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.forms import SlotParser, rejects_input, set_slots
from bot.requests.validation import InputRejected


def _even(text: str) -> int:
    if int(text or 1) % 2:
        raise InputRejected("Skriv et lige tal.")
    return int(text)


class _Form(FormValidationAction):
    def name(self) -> str:
        return "validate_test_form"

    validate_even_number = SlotParser(_even)

    @rejects_input
    async def validate_sender_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"sender_number": _even(str(value)) + len(tracker.sender_id)}


def tracker() -> Tracker:
    return Tracker("conv", {}, {"text": "", "intent": {}}, [], False, None, {}, "action_listen")


async def test_a_parsed_value_fills_the_slot_silently() -> None:
    dispatcher = CollectingDispatcher()
    assert await _Form().validate_even_number("4", dispatcher, tracker(), {}) == {"even_number": 4}
    assert dispatcher.messages == []


async def test_a_rejected_value_empties_the_slot_and_says_why_in_danish() -> None:
    dispatcher = CollectingDispatcher()
    assert await _Form().validate_even_number("3", dispatcher, tracker(), {}) == {
        "even_number": None
    }
    assert [m["text"] for m in dispatcher.messages] == ["Skriv et lige tal."]


async def test_a_method_that_needs_the_tracker_is_guarded_the_same_way() -> None:
    dispatcher = CollectingDispatcher()
    form = _Form()
    assert await form.validate_sender_number("2", dispatcher, tracker(), {}) == {
        "sender_number": 6
    }
    assert await form.validate_sender_number("5", dispatcher, tracker(), {}) == {
        "sender_number": None
    }
    assert [m["text"] for m in dispatcher.messages] == ["Skriv et lige tal."]


async def test_rasa_sdk_finds_the_parser_by_its_slot_name() -> None:
    slots = {"even_number": "5", "requested_slot": "even_number"}
    latest = {"text": "5", "intent": {}}
    events = [{"event": "user", "text": "5"},
              {"event": "slot", "name": "even_number", "value": "5"}]
    form_tracker = Tracker("conv", slots, latest, events, False, None,
                           {"name": "test_form", "is_interrupted": False}, "action_listen")
    domain = {"forms": {"test_form": {"required_slots": ["even_number"]}},
              "slots": {"even_number": {"type": "any", "mappings": [{"type": "from_text"}]}}}
    dispatcher = CollectingDispatcher()
    events = await _Form().run(dispatcher, form_tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "even_number", "value": None} in events
    assert [m["text"] for m in dispatcher.messages] == ["Skriv et lige tal."]


def test_a_parser_must_be_named_after_its_slot() -> None:
    with pytest.raises(RuntimeError) as failure:  # Python wraps errors of __set_name__
        type("Bad", (), {"check_even": SlotParser(_even)})
    assert "validate_<slot>" in str(failure.value.__cause__)


def test_slot_values_become_slot_events() -> None:
    assert set_slots({"a": None, "b": 1.0}) == [
        {"event": "slot", "timestamp": None, "name": "a", "value": None},
        {"event": "slot", "timestamp": None, "name": "b", "value": 1.0},
    ]
