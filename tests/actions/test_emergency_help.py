"""After the emergency answer, violence at home or stalking disclosed gets that entry's help."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts, texts_en
from actions.emergency_help import ActionEmergencyHelp
from actions.knowledge import knowledge_base


def tracker(text: str, ranking: list[dict[str, Any]] | None = None,
            language: str = "da") -> Tracker:
    return Tracker.from_dict(
        {
            "sender_id": "citizen-1",
            "slots": {"language": language, "knowledge_answers_given": ["tilhold"]},
            "latest_message": {
                "text": text,
                "intent": {"name": "emergency", "confidence": 1.0},
                # The emergency guard forced the intent: every other confidence is 0.
                "intent_ranking": ranking or [
                    {"name": "emergency", "confidence": 1.0},
                    {"name": "kb_stalking", "confidence": 0.0},
                ],
            },
            "events": [],
        }
    )


async def test_violence_from_a_partner_is_followed_by_the_hotline_entry() -> None:
    dispatcher = CollectingDispatcher()

    events = await ActionEmergencyHelp().run(dispatcher, tracker("min kæreste slår mig"), {})

    entry = knowledge_base().get("vold_i_naere_relationer")
    assert entry is not None
    [message] = dispatcher.messages
    assert message["text"] == knowledge_base().render_answer(entry)
    assert "1888" in message["text"]
    assert message["buttons"][-1] == {"title": texts.BUTTON_SHOW_SOURCE, "payload": "/ask_source"}
    assert events == [
        SlotSet("last_knowledge_entry", "vold_i_naere_relationer"),
        SlotSet("knowledge_answers_given", ["tilhold", "vold_i_naere_relationer"]),
    ]


async def test_stalking_is_followed_by_the_stalking_entry() -> None:
    dispatcher = CollectingDispatcher()

    events = await ActionEmergencyHelp().run(
        dispatcher, tracker("en fyr følger efter mig hver dag"), {}
    )

    assert "logbog" in dispatcher.messages[0]["text"]
    assert events[0] == SlotSet("last_knowledge_entry", "stalking")


async def test_other_danger_gets_nothing_after_112() -> None:
    dispatcher = CollectingDispatcher()

    events = await ActionEmergencyHelp().run(dispatcher, tracker("det brænder i opgangen"), {})

    assert dispatcher.messages == []
    assert events == []


async def test_the_classifier_alone_may_choose_when_it_is_clear() -> None:
    ranking = [
        {"name": "emergency", "confidence": 0.55},
        {"name": "kb_stalking", "confidence": 0.3},
    ]
    dispatcher = CollectingDispatcher()

    events = await ActionEmergencyHelp().run(
        dispatcher, tracker("han står altid ved min opgang", ranking), {}
    )

    assert events[0] == SlotSet("last_knowledge_entry", "stalking")


async def test_an_english_chat_gets_the_english_answer() -> None:
    dispatcher = CollectingDispatcher()

    await ActionEmergencyHelp().run(
        dispatcher, tracker("my boyfriend is hitting me", language="en"), {}
    )

    entry = knowledge_base().get("vold_i_naere_relationer")
    assert entry is not None
    [message] = dispatcher.messages
    assert message["text"] == knowledge_base().render_answer(entry, language="en")
    assert "1888" in message["text"]
    assert message["buttons"][-1]["title"] == texts_en.BUTTON_SHOW_SOURCE
