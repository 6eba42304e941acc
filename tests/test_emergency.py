"""The emergency rule: danger now gets "Ring 112" first, for phrasings the model never saw."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from bot.safety.distress import ANSWERED_WITH_112_FIRST, DISTRESS_INTENT
from tests import rasa_agent

trained_agent = rasa_agent.trained_agent  # a Rasa-side fixture (tests/sides.py)

PHRASINGS_FILE = Path(__file__).parent / "data" / "emergency_phrasings.txt"


def _held_out_phrasings() -> list[str]:
    lines = PHRASINGS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_held_out_set_is_large_enough_to_mean_something() -> None:
    assert len(_held_out_phrasings()) >= 40


@pytest.mark.model
async def test_every_held_out_emergency_phrasing_is_classified_as_emergency(
    trained_agent: Any,
) -> None:
    missed = []
    for text in _held_out_phrasings():
        parsed = await trained_agent.parse_message(text)
        # "min veninde vil tage sit liv" may get the distress answer: it opens with 112 too.
        if parsed["intent"]["name"] not in ANSWERED_WITH_112_FIRST:
            missed.append(
                (text, parsed["intent"]["name"], round(parsed["intent"]["confidence"], 2))
            )
    assert missed == []


@pytest.mark.model
@pytest.mark.parametrize(
    "opening",
    ["hej", "hvad kan du hjælpe med", "tak"],
)
async def test_emergency_gets_ring_112_as_the_very_first_reply_in_any_state(
    trained_agent: Any, opening: str
) -> None:
    sender = f"test-{uuid.uuid4().hex}"
    await trained_agent.handle_text(opening, sender_id=sender)
    replies = await trained_agent.handle_text("han slår mig lige nu", sender_id=sender)
    assert replies, "the bot must never be silent on an emergency"
    assert replies[0]["text"].startswith("Ring 112")
    assert any("114" in reply.get("text", "") for reply in replies)


@pytest.mark.model
async def test_112_and_114_never_wait_for_the_action_server(trained_agent: Any) -> None:
    """This agent has no action server: the follow-up (action_emergency_help) cannot run, and
    Rasa still says 112 and 114 itself."""
    replies = await trained_agent.handle_text("min kæreste slår mig",
                                              sender_id=f"test-{uuid.uuid4().hex}")
    assert replies[0]["text"].startswith("Ring 112")
    assert "114" in replies[1]["text"]


# --- Distress: wanting to die or self-harm gets 112 and Livslinien first -------------------

DISTRESS_FILE = Path(__file__).parent / "data" / "distress_phrasings.txt"


def _distress_phrasings() -> list[str]:
    lines = DISTRESS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_distress_held_out_set_is_large_enough_to_mean_something() -> None:
    assert len(_distress_phrasings()) >= 60


def test_the_distress_answer_starts_with_112_and_gives_livslinien() -> None:
    import yaml

    from actions.handover import HOTLINE_RESPONSES
    from bot.handover.context import REASON_BY_INTENT

    response = HOTLINE_RESPONSES[REASON_BY_INTENT[DISTRESS_INTENT]]
    domain = yaml.safe_load(
        (Path(__file__).parent.parent / "domain" / "handover.yml").read_text(encoding="utf-8")
    )
    text = domain["responses"][response][0]["text"]
    assert text.startswith("Ring 112") and "Livslinien" in text and "70 201 201" in text


@pytest.mark.model
async def test_every_held_out_distress_phrasing_gets_the_distress_answer(
    trained_agent: Any,
) -> None:
    missed = []
    for text in _distress_phrasings():
        parsed = await trained_agent.parse_message(text)
        if parsed["intent"]["name"] != DISTRESS_INTENT:
            missed.append(
                (text, parsed["intent"]["name"], round(parsed["intent"]["confidence"], 2))
            )
    assert missed == []


@pytest.mark.model
@pytest.mark.parametrize("opening", ["hej", "hvad er en bistandsadvokat", "tak"])
async def test_distress_is_handed_to_the_hotline_action_in_any_state(
    trained_agent: Any, opening: str
) -> None:
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events: list[Any] = [ActionExecuted("action_session_start"), ActionExecuted("action_listen")]
    for text in (opening, "jeg kan ikke mere, jeg vil dø"):
        parsed = await trained_agent.parse_message(text)
        events.append(UserUttered(text, intent=parsed["intent"], parse_data=parsed))
        if text == opening:
            events += [ActionExecuted("action_listen")]
    assert events[-1].intent["name"] == DISTRESS_INTENT
    tracker = DialogueStateTracker.from_events(
        "distress-test", events, slots=trained_agent.domain.slots
    )
    prediction = trained_agent.processor._predict_next_with_tracker(tracker)
    action = trained_agent.domain.action_names_or_texts[prediction.max_confidence_index]
    assert action == "action_handover"  # which says the distress hotline first
