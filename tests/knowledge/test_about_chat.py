"""EU AI Act art. 50(1): the citizen is told it is an automatic chatbot, and how to reach a person.

The greeting says it at the first interaction; "er du en robot?" is answered whenever it is asked
(the knowledge entry om_chatten).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import PROJECT_ROOT
from tests import rasa_agent

trained_agent = rasa_agent.trained_agent  # a Rasa-side fixture (tests/sides.py)


def _response(domain_file: str, name: str) -> str:
    domain = yaml.safe_load((PROJECT_ROOT / "domain" / domain_file).read_text(encoding="utf-8"))
    return str(domain["responses"][name][0]["text"])


def test_the_greeting_says_it_is_an_automatic_chatbot_and_how_to_reach_a_person() -> None:
    text = _response("core.yml", "utter_greet")
    assert "automatisk chatbot" in text and "ikke et menneske" in text
    assert "borgerrådgiver" in text and "114" in text and "112" in text


def test_the_capabilities_answer_also_says_it_is_a_chatbot() -> None:
    assert "chatbot" in _response("core.yml", "utter_capabilities")


def test_the_about_entry_answers_bot_or_person_and_how_to_reach_one() -> None:
    entry = yaml.safe_load(
        Path(PROJECT_ROOT / "knowledge" / "about" / "om_chatten.yml").read_text(encoding="utf-8")
    )
    assert "automatisk chatbot" in entry["answer"] and "114" in entry["answer"]


QUESTIONS = ["er du en robot", "er du et menneske", "snakker jeg med en computer"]


async def _next_action(agent: Any, texts: list[str]) -> tuple[str, str]:
    """(intent of the last text, action the dialogue model predicts after it)."""
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events: list[Any] = [ActionExecuted("action_session_start"), ActionExecuted("action_listen")]
    intent = ""
    for index, text in enumerate(texts):
        parsed = await agent.parse_message(text)
        intent = parsed["intent"]["name"]
        events.append(UserUttered(text, intent=parsed["intent"], parse_data=parsed))
        if index < len(texts) - 1:
            tracker = DialogueStateTracker.from_events("about", events, slots=agent.domain.slots)
            prediction = agent.processor._predict_next_with_tracker(tracker)
            action = agent.domain.action_names_or_texts[prediction.max_confidence_index]
            events += [ActionExecuted(action), ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("about", events, slots=agent.domain.slots)
    prediction = agent.processor._predict_next_with_tracker(tracker)
    return intent, agent.domain.action_names_or_texts[prediction.max_confidence_index]


@pytest.mark.model
@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("before", [[], ["hej"], ["hvad betyder det at min sag er henlagt"]])
async def test_are_you_a_bot_is_answered_whenever_it_is_asked(
    trained_agent: Any, question: str, before: list[str]
) -> None:
    intent, action = await _next_action(trained_agent, [*before, question])
    assert (intent, action) == ("kb_om_chatten", "action_answer_knowledge")
