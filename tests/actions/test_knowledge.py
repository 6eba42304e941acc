"""Knowledge actions answer, remember, show sources and ask "Mente du ...?" instead of guessing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.knowledge import (
    ActionAnswerKnowledge,
    ActionClarify,
    ActionKnowledgeMore,
    ActionShowSource,
)
from bot.dialogue import texts as dialogue_texts

ENTRIES: list[dict[str, Any]] = [
    {
        "id": "tiltale", "kind": "case_step", "title": "Tiltale", "audience": ["everyone"],
        "answer": "Sagen skal i retten.", "for_victim": "Du får besked.",
        "for_witness": "Du kan blive indkaldt.",
        "examples": [f"tiltale {n}" for n in range(10)],
        "source": [{"title": "Retsplejeloven", "url": "https://www.retsinformation.dk/"}],
        "reviewed": "2025-11-24", "related": ["svar_online"], "next_steps": ["retsmoede"],
    },
    {
        "id": "retsmoede", "kind": "case_step", "title": "Retsmødet", "audience": ["everyone"],
        "answer": "Retten holder møde.", "for_victim": "Du vidner.", "for_witness": "Du vidner.",
        "examples": [f"retsmøde {n}" for n in range(10)],
        "source": [{"title": "Domstol.dk", "url": "https://www.domstol.dk/"}],
        "reviewed": "2025-11-24", "related": ["tiltale"],
    },
    {
        "id": "svar_online", "kind": "service_declaration", "title": "Svar på beskeder",
        "audience": ["everyone"],
        "answer": "Du får svar inden for {{ promises.online_reply.text }}.",
        "promise": {"key": "online_reply", "what": "Svar", "amount": 5, "unit": "workdays",
                    "configurable": True, "note": "Local target."},
        "examples": [f"svar {n}" for n in range(10)],
        "source": [{"title": "Nærhed og tryghed 2.2.4", "url": "https://www.ft.dk/"}],
        "reviewed": "2025-03-01", "related": [],
    },
]
DOMAIN_WITH_FALLBACK_COUNT: dict[str, Any] = {"slots": {"fallback_count": {"type": "float"}}}


@pytest.fixture(autouse=True)
def knowledge_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "knowledge"
    for entry in ENTRIES:
        folder = root / entry["kind"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{entry['id']}.yml").write_text(
            yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8"
        )
    monkeypatch.setenv("BR_KNOWLEDGE_DIR", str(root))
    return root


def tracker(
    intent: str = "kb_tiltale",
    slots: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    text: str = "hvad betyder tiltale",
) -> Tracker:
    return Tracker.from_dict(
        {
            "sender_id": "citizen-1",
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.9},
                "intent_ranking": ranking or [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


async def test_answer_sends_the_entry_with_related_and_source_buttons_and_remembers_it() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"knowledge_answers_given": ["retsmoede"]}

    events = await ActionAnswerKnowledge().run(dispatcher, tracker(slots=slots), {})

    assert events == [
        SlotSet("last_knowledge_entry", "tiltale"),
        SlotSet("knowledge_answers_given", ["retsmoede", "tiltale"]),
    ]
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert message["text"] == (
        "Sagen skal i retten.\n\n"
        "Er du offer? Du får besked.\nEr du vidne? Du kan blive indkaldt."
    )
    assert message["buttons"] == [
        {"title": "Svar på beskeder", "payload": "/kb_svar_online"},
        {"title": texts.BUTTON_SHOW_SOURCE, "payload": "/ask_source"},
    ]


async def test_answer_renders_the_promise_figure_from_configuration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each test has its own knowledge directory, so the per-process cache starts empty here.
    monkeypatch.setenv("BR_SERVICE_LEVEL_ONLINE_REPLY", "3 days")
    dispatcher = CollectingDispatcher()

    await ActionAnswerKnowledge().run(dispatcher, tracker("kb_svar_online"), {})

    assert dispatcher.messages[0]["text"] == "Du får svar inden for 3 dage."


async def test_a_successful_answer_resets_the_misunderstanding_count() -> None:
    events = await ActionAnswerKnowledge().run(
        CollectingDispatcher(), tracker(slots={"fallback_count": 1.0}), {}
    )
    assert events[-1] == SlotSet("fallback_count", 0.0)


async def test_unknown_knowledge_intent_says_so_and_changes_nothing() -> None:
    dispatcher = CollectingDispatcher()

    events = await ActionAnswerKnowledge().run(dispatcher, tracker("kb_findes_ikke"), {})

    assert events == []
    assert [m["text"] for m in dispatcher.messages] == [texts.KNOWLEDGE_UNKNOWN]


async def test_show_source_lists_the_sources_of_the_last_answer() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"last_knowledge_entry": "svar_online"}

    events = await ActionShowSource().run(dispatcher, tracker("ask_source", slots), {})

    assert events == []
    assert dispatcher.messages[0]["text"] == (
        "Svaret om »Svar på beskeder« bygger på:\n"
        "- [Nærhed og tryghed 2.2.4](https://www.ft.dk/)\n"
        "Teksten er sidst gennemgået 1. marts 2025."
    )


async def test_show_source_before_any_answer_asks_what_the_citizen_wants() -> None:
    dispatcher = CollectingDispatcher()
    await ActionShowSource().run(dispatcher, tracker("ask_source"), {})
    assert [m["text"] for m in dispatcher.messages] == [texts.KNOWLEDGE_NO_SOURCE_YET]


async def test_more_offers_next_steps_then_related_entries() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"last_knowledge_entry": "tiltale"}

    await ActionKnowledgeMore().run(dispatcher, tracker("ask_more", slots), {})

    message = dispatcher.messages[0]
    assert message["text"] == texts.KNOWLEDGE_MORE_INTRO.format(title="Tiltale")
    assert [b["payload"] for b in message["buttons"]] == [
        "/kb_retsmoede", "/kb_svar_online", "/ask_source"
    ]


async def test_clarify_offers_the_likely_entries_and_a_person_instead_of_guessing() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "kb_retsmoede", "confidence": 0.4},
        {"name": "greet", "confidence": 0.2},
        {"name": "kb_tiltale", "confidence": 0.2},
        {"name": "kb_svar_online", "confidence": 0.1},
        {"name": "kb_findes_ikke", "confidence": 0.05},
    ]
    dispatcher = CollectingDispatcher()

    events = await ActionClarify().run(
        dispatcher, tracker("nlu_fallback", ranking=ranking), DOMAIN_WITH_FALLBACK_COUNT
    )

    assert events == [SlotSet("fallback_count", 1.0)]
    assert dispatcher.messages[0]["text"] == texts.KNOWLEDGE_CLARIFY
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "Retsmødet", "payload": "/kb_retsmoede"},
        {"title": "Tiltale", "payload": "/kb_tiltale"},
        {"title": "Svar på beskeder", "payload": "/kb_svar_online"},
        {"title": texts.BUTTON_TALK_TO_ADVISOR, "payload": "/request_human"},
    ]


async def test_a_code_typed_after_a_lock_out_gets_the_lock_out_again_not_a_guess() -> None:
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.4},
               {"name": "kb_tiltale", "confidence": 0.2}]

    events = await ActionClarify().run(
        dispatcher, tracker("nlu_fallback", {"verification_locked": True}, ranking, "M4NP-6QRS"),
        DOMAIN_WITH_FALLBACK_COUNT)

    assert events == []  # not counted as a misunderstanding: no handover follows
    assert [m["response"] for m in dispatcher.messages] == ["utter_verification_locked"]


async def test_a_code_typed_when_none_was_asked_for_is_told_so() -> None:
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.4},
               {"name": "kb_tiltale", "confidence": 0.2}]

    await ActionClarify().run(
        dispatcher, tracker("nlu_fallback", {}, ranking, "AAAA-2222"), {})

    assert [m["text"] for m in dispatcher.messages] == [dialogue_texts.NOT_WAITING_FOR_CODE]
    assert not dispatcher.messages[0]["buttons"]


async def test_clarify_without_any_likely_entry_offers_only_a_person() -> None:
    dispatcher = CollectingDispatcher()
    ranking = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "greet", "confidence": 0.3}]

    events = await ActionClarify().run(dispatcher, tracker("nlu_fallback", ranking=ranking), {})

    assert events == []
    assert dispatcher.messages[0]["text"] == texts.KNOWLEDGE_CLARIFY_NO_GUESS
    assert dispatcher.messages[0]["buttons"] == [
        {"title": texts.BUTTON_TALK_TO_ADVISOR, "payload": "/request_human"}
    ]


async def test_clarify_says_ring_112_first_when_an_emergency_was_likely() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "emergency", "confidence": 1.0},
        {"name": "sensitive_close_relationship_violence", "confidence": 0.98},
        {"name": "kb_tiltale", "confidence": 0.01},
    ]
    dispatcher = CollectingDispatcher()

    await ActionClarify().run(dispatcher, tracker("nlu_fallback", ranking=ranking), {})

    assert dispatcher.messages[0]["response"] == "utter_emergency"
    assert dispatcher.messages[1]["text"] == texts.KNOWLEDGE_CLARIFY
    assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == [
        "/kb_tiltale", "/request_human"
    ]
