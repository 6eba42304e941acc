"""The rule-based emergency safety net: fires on acute danger, stays quiet on past events."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.emergency_guard import EmergencyGuard
from bot.safety.emergency import looks_like_emergency


@pytest.mark.parametrize(
    "text",
    [
        "DET BRÆNDER",
        "der er ild i opgangen",
        "han har en pistol",
        "min ven bløder og er bevidstløs",
        "der er indbrud lige nu",
        "hjaelp der er en der truer med en kniv",
        "hjælp!!",
        "han slår mig",
        "jeg bliver forfulgt",
    ],
)
def test_acute_danger_is_recognised_with_or_without_danish_letters(text: str) -> None:
    assert looks_like_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "jeg blev slået i går, hvordan anmelder jeg det?",
        "hvordan anmelder jeg et indbrud",
        "jeg blev stukket ned sidste år, kan jeg få erstatning",
        "hvad gør jeg hvis jeg bliver forfulgt af min eks",
        "hvornår er retsmødet i min sag",
        "min mand slår mig nogle gange, hvem kan hjælpe",
        "min kæreste har slået mig i flere år",
        "det foregår ikke lige nu, men hvordan melder jeg min far for vold",
        "jeg vil ikke leve mere",
        "",
    ],
)
def test_questions_about_the_past_or_procedure_are_left_to_the_classifier(text: str) -> None:
    assert not looks_like_emergency(text)


def test_component_overrides_a_wrong_intent_and_puts_emergency_first_in_the_ranking() -> None:
    message = Message(data={"text": "huset brænder"})
    message.set("intent", {"name": "out_of_scope", "confidence": 0.9})
    message.set(
        "intent_ranking",
        [{"name": "out_of_scope", "confidence": 0.9}, {"name": "emergency", "confidence": 0.1}],
    )

    EmergencyGuard().process([message])

    assert message.get("intent") == {"name": "emergency", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert [(r["name"], r["confidence"]) for r in ranking] == [
        ("emergency", 1.0),
        ("out_of_scope", 0.0),
    ]


def test_a_low_confidence_emergency_is_raised_to_full_confidence_so_it_is_never_ambiguous() -> None:
    message = Message(data={"text": "han truer mig med en kniv"})
    message.set("intent", {"name": "emergency", "confidence": 0.45})
    message.set(
        "intent_ranking",
        [{"name": "emergency", "confidence": 0.45}, {"name": "kb_vold", "confidence": 0.44}],
    )

    EmergencyGuard().process([message])

    assert message.get("intent")["confidence"] == 1.0
    assert message.get("intent_ranking")[1]["confidence"] == 0.0


def test_component_leaves_ordinary_messages_untouched() -> None:
    message = Message(data={"text": "hvad er en bistandsadvokat"})
    message.set("intent", {"name": "kb_bistandsadvokat", "confidence": 0.8})

    EmergencyGuard().process([message])

    assert message.get("intent") == {"name": "kb_bistandsadvokat", "confidence": 0.8}
