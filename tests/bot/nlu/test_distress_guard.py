"""The rule-based distress safety net: wanting to die or to self-harm gets 112 and Livslinien."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.distress_guard import DistressGuard
from bot.nlu.emergency_guard import EmergencyGuard
from bot.safety.distress import DISTRESS_INTENT, looks_like_distress

DISTRESS_FILE = Path(__file__).parents[2] / "data" / "distress_phrasings.txt"


@pytest.mark.parametrize(
    "text",
    [
        "jeg vil ikke leve mere",
        "Jeg kan ikke mere.",
        "jeg orker ikke mere",
        "jeg vil bare dø",
        "jeg vil doe",
        "jeg har selvmordstanker",
        "jeg tænker på at tage mit eget liv",
        "jeg vil slå mig selv ihjel",
        "jeg skærer i mig selv",
        "jeg har taget alle mine piller",
        "jeg har skrevet et afskedsbrev",
        "jeg vil gøre en ende på mit liv",
        "ingen ville savne mig",
        "jeg er færdig med livet",
        "jeg holder det ikke ud",
        "jeg kan ik mer",
    ],
)
def test_distress_is_recognised_with_or_without_danish_letters(text: str) -> None:
    assert looks_like_distress(text)


def test_the_patterns_alone_answer_every_held_out_distress_phrasing() -> None:
    """Even if the model is retrained badly, no known phrasing misses Livslinien.

    (The patterns were tuned on earlier batches; the unbiased figures per batch are in the file.)
    """
    lines = DISTRESS_FILE.read_text(encoding="utf-8").splitlines()
    phrasings = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert [text for text in phrasings if not looks_like_distress(text)] == []


def test_the_patterns_do_not_fire_on_any_knowledge_or_other_training_question() -> None:
    from bot.knowledge.loader import load_knowledge_base
    from bot.settings import PROJECT_ROOT

    base = load_knowledge_base(PROJECT_ROOT / "knowledge")
    questions = [q for entry in base.entries.values() for q in entry.examples]
    assert [q for q in questions if looks_like_distress(q)] == []


@pytest.mark.parametrize(
    "text",
    [
        "skal anklageren tage mit erstatningskrav med",
        "kan jeg klage over afgørelsen",
        "jeg kan ikke mere finde mit journalnummer",
        "han slår mig lige nu",
        "hjælp han vil slå mig ihjel",
        "han har truet med at slå mig ihjel",
        "hvad betyder det at sagen er henlagt",
        "min far var død da politiet kom",
        "",
    ],
)
def test_questions_and_emergencies_are_not_distress(text: str) -> None:
    assert not looks_like_distress(text)


def test_component_overrides_a_knowledge_intent_and_leads_the_ranking() -> None:
    message = Message(data={"text": "jeg vil ikke leve mere"})
    message.set("intent", {"name": "kb_offerraadgivning", "confidence": 0.7})
    message.set("intent_ranking", [{"name": "kb_offerraadgivning", "confidence": 0.7}])

    DistressGuard().process([message])

    assert message.get("intent") == {"name": DISTRESS_INTENT, "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == [
        DISTRESS_INTENT, "kb_offerraadgivning"
    ]


def test_distress_wins_over_the_emergency_guard_whose_answer_lacks_livslinien() -> None:
    message = Message(data={"text": "jeg vil tage mit liv nu, jeg kan ikke mere"})
    EmergencyGuard().process([message])
    DistressGuard().process([message])
    assert message.get("intent")["name"] == DISTRESS_INTENT


def test_component_leaves_ordinary_messages_untouched() -> None:
    message = Message(data={"text": "hvad er en bistandsadvokat"})
    message.set("intent", {"name": "kb_bistandsadvokat", "confidence": 0.8})
    DistressGuard().process([message])
    assert message.get("intent") == {"name": "kb_bistandsadvokat", "confidence": 0.8}
