"""Actions in an English chat (issue #18): the slot `language` picks the English texts."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionDefaultFallback
from actions.knowledge import ActionAnswerKnowledge, ActionClarify, ActionShowSource
from actions.language import chat_language
from actions.request_questions import QUESTION_ACTIONS
from bot.settings import PROJECT_ROOT


def english_tracker(intent: str = "kb_anke", slots: dict[str, Any] | None = None,
                    metadata: dict[str, Any] | None = None, ranked: str = "kb_anke") -> Tracker:
    return Tracker.from_dict({
        "sender_id": "citizen-en",
        "slots": {"language": "en", **(slots or {})},
        "latest_message": {"text": "can the verdict be appealed",
                           "intent": {"name": intent, "confidence": 0.9},
                           "intent_ranking": [{"name": ranked, "confidence": 0.3}],
                           "metadata": metadata or {}},
        "events": [], "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    })


def test_the_language_comes_from_the_metadata_first_then_the_slot() -> None:
    assert chat_language(english_tracker()) == "en"
    assert chat_language(english_tracker(metadata={"br_language": "da"})) == "da"


async def test_a_knowledge_answer_in_english(monkeypatch: Any) -> None:
    monkeypatch.setenv("BR_KNOWLEDGE_DIR", str(PROJECT_ROOT / "knowledge"))
    dispatcher = CollectingDispatcher()
    await ActionAnswerKnowledge().run(dispatcher, english_tracker(), {})
    message = dispatcher.messages[0]
    assert message["text"].startswith("An appeal means that the case goes to a higher court.")
    assert "The deadline is 14 days." in message["text"]
    assert "Are you a victim?" in message["text"]
    assert message["buttons"][-1]["title"] == "Where is this from?"
    assert all("»" not in b["title"] for b in message["buttons"])


async def test_sources_clarification_fallback_and_form_questions_in_english(
    monkeypatch: Any
) -> None:
    monkeypatch.setenv("BR_KNOWLEDGE_DIR", str(PROJECT_ROOT / "knowledge"))
    dispatcher = CollectingDispatcher()
    await ActionShowSource().run(
        dispatcher, english_tracker(slots={"last_knowledge_entry": "anke"}), {})
    assert dispatcher.messages[0]["text"].startswith("The answer about »Appeal« is based on:")
    assert "The text was last checked on " in dispatcher.messages[0]["text"]

    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, english_tracker(intent="nlu_fallback"), {})
    assert dispatcher.messages[-1]["text"] == (
        "I am not quite sure what you mean. Did you mean one of these?")
    assert dispatcher.messages[-1]["buttons"][0]["title"] == "Appeal"

    dispatcher = CollectingDispatcher()
    await ActionDefaultFallback().run(dispatcher, english_tracker(), {})
    assert dispatcher.messages[0]["text"].startswith("Sorry, I did not understand that.")

    dispatcher = CollectingDispatcher()
    await QUESTION_ACTIONS["followup_name"]().run(dispatcher, english_tracker(), {})
    assert dispatcher.messages[0]["text"] == "What is your name?"
