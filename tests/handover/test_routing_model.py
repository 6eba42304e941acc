"""When the trained bot hands over, and that it picks up cleanly after a hand-back.

Runs the trained model's NLU and policies only (no action server): each test builds the
conversation's events and asks the policies for the next action.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.handover.resume import resume_events
from tests import rasa_agent

trained_agent = rasa_agent.trained_agent  # a Rasa-side fixture (tests/sides.py)

pytestmark = pytest.mark.model


async def user(agent: Any, text: str) -> UserUttered:
    parsed = await agent.parse_message(text)
    return UserUttered(text, intent=parsed["intent"], entities=parsed.get("entities", []),
                       parse_data=parsed)


def fallback_message(text: str) -> UserUttered:
    intent = {"name": "nlu_fallback", "confidence": 0.3}
    return UserUttered(text, intent=intent, parse_data={"intent": intent, "entities": [],
                                                        "text": text})


async def next_action(agent: Any, events: list[Event]) -> str:
    tracker = DialogueStateTracker.from_events("routing-test", events, slots=agent.domain.slots)
    prediction = agent.processor._predict_next_with_tracker(tracker)
    return str(agent.domain.action_names_or_texts[prediction.max_confidence_index])


def start() -> list[Event]:
    return [ActionExecuted("action_session_start"), ActionExecuted("action_listen")]


async def test_asking_for_a_person_hands_over(trained_agent: Any) -> None:
    events = [*start(), await user(trained_agent, "jeg vil gerne tale med en medarbejder")]
    assert await next_action(trained_agent, events) == "action_handover"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jeg har tanker om selvmord og ved ikke hvad jeg gør", "sensitive_suicidal_thoughts"),
        ("min kæreste er voldelig og har slået mig før", "sensitive_close_relationship_violence"),
        ("jeg blev voldtaget til en fest sidste år", "sensitive_sexual_offence"),
        ("jeg får trusler på sms fra min gamle ven", "sensitive_threats"),
    ],
)
async def test_sensitive_topics_hand_over(trained_agent: Any, text: str, intent: str) -> None:
    message = await user(trained_agent, text)
    assert message.intent["name"] == intent
    assert await next_action(trained_agent, [*start(), message]) == "action_handover"


async def test_first_misunderstanding_clarifies_and_the_second_in_a_row_hands_over(
    trained_agent: Any,
) -> None:
    events = [*start(), fallback_message("xqz blorp")]
    assert await next_action(trained_agent, events) == "action_clarify"
    events += [ActionExecuted("action_clarify"), SlotSet("fallback_count", 1.0),
               ActionExecuted("action_listen"), fallback_message("vrrr mmm")]
    assert await next_action(trained_agent, events) == "action_handover"


@pytest.mark.parametrize("open_now", [True, False])
async def test_after_handing_over_for_two_misunderstandings_the_bot_waits_silently(
    trained_agent: Any, open_now: bool,
) -> None:
    # The handover resets the count; no rule may then miss and let the core fallback add
    # "Det forstod jeg desværre ikke" under "Jeg sætter dig i kontakt med en borgerrådgiver".
    events = [*start(), fallback_message("xqz blorp"), ActionExecuted("action_clarify"),
              SlotSet("fallback_count", 1.0), ActionExecuted("action_listen"),
              fallback_message("vrrr mmm"), ActionExecuted("action_handover"),
              SlotSet("handover_reason", None), SlotSet("fallback_count", 0.0),
              SlotSet("handover_id", "7")]
    if open_now:
        events.append(SlotSet("handover_active", True))
    assert await next_action(trained_agent, events) == "action_listen"


async def test_a_stray_code_as_the_second_misunderstanding_is_answered_and_the_bot_waits(
    trained_agent: Any,
) -> None:
    # action_handover answers a code typed out of turn instead of handing over.
    events = [*start(), fallback_message("xqz blorp"), ActionExecuted("action_clarify"),
              SlotSet("fallback_count", 1.0), ActionExecuted("action_listen"),
              fallback_message("M4NP-6QRS"), ActionExecuted("action_handover"),
              SlotSet("fallback_count", 0.0)]
    assert await next_action(trained_agent, events) == "action_listen"


async def test_after_a_hand_back_the_bot_answers_the_next_message_afresh(
    trained_agent: Any,
) -> None:
    # The handover happened in the middle of the verification form (locked out).
    events = [
        *start(), await user(trained_agent, "hvordan går det med min sag"),
        ActionExecuted("verify_form"), ActiveLoop("verify_form"),
        SlotSet("requested_slot", "journal_number"), ActionExecuted("action_listen"),
        await user(trained_agent, "jeg vil tale med et menneske"),
        ActionExecuted("action_handover"), SlotSet("handover_active", True),
        ActionExecuted("action_listen"),
    ]
    events += [Event.from_parameters(e) for e in resume_events()]
    events.append(await user(trained_agent, "hej"))
    assert await next_action(trained_agent, events) == "utter_greet"
