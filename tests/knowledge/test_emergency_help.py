"""Which entry may follow "Ring 112": violence at home or stalking when named, nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from bot.knowledge.emergency_help import (
    DOMESTIC_VIOLENCE,
    FOLLOW_UP_CONFIDENCE,
    FOLLOW_UP_ENTRIES,
    STALKING,
    emergency_follow_up,
)
from bot.knowledge.evaluate import EMERGENCY_PHRASINGS, read_phrasings
from bot.knowledge.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT

# As the emergency guard leaves it: the intent forced, every other confidence 0.
FORCED = [{"name": "emergency", "confidence": 1.0},
          {"name": "kb_vold_i_naere_relationer", "confidence": 0.0},
          {"name": "kb_stalking", "confidence": 0.0}]


def _ranking(*pairs: tuple[str, float]) -> list[dict[str, Any]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_every_follow_up_is_an_entry_of_the_knowledge_base() -> None:
    base = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})
    assert FOLLOW_UP_ENTRIES == {DOMESTIC_VIOLENCE, STALKING}
    assert all(entry_id in base for entry_id in FOLLOW_UP_ENTRIES)


@pytest.mark.parametrize(
    "text",
    [
        "min kæreste slår mig",
        "min kaereste slaar mig",
        "min mand truer mig",
        "min far truer med at slå os ihjel",
        "min far slår min mor lige nu",
        "min eks kæreste har slået mig og står udenfor",
        "jeg er blevet slået af min mand og han er her stadig",
        "han slår sin kone lige nu",
        "min samlever er voldelig og jeg er bange lige nu",
        "der er vold derhjemme lige nu",
        "my husband is hitting me right now",
        "i was hit by my boyfriend and he is still here",
        "my neighbour is beating his wife right now",
    ],
)
def test_violence_from_a_partner_or_family_is_followed_by_the_hotline(text: str) -> None:
    assert emergency_follow_up(text, FORCED) == DOMESTIC_VIOLENCE


@pytest.mark.parametrize(
    "text",
    [
        "en fyr følger efter mig hver dag",
        "der er nogen der følger efter mig og jeg er bange",
        "jeg bliver forfulgt",
        "hjælp jeg bliver stalket",
        "min eks dukker op overalt hvor jeg er",
        "han holder øje med mig hele tiden",
        "someone is following me",
        "my ex keeps showing up at my work",
    ],
)
def test_following_and_turning_up_again_and_again_is_followed_by_stalking(text: str) -> None:
    assert emergency_follow_up(text, FORCED) == STALKING


@pytest.mark.parametrize(
    "text",
    [
        "det brænder i opgangen",
        "han slår mig lige nu",
        "en mand truer mig med en kniv",
        "min søn er blevet stukket med en kniv",
        "min søn bliver slået af nogle drenge lige nu",
        "min far er faldet og har slået hovedet",
        "han slår min søn",
        "en mand slår min kone lige nu",
        "min veninde vil tage sit liv",
        "der dukker en mand op med en kniv",
        "my dad is choking",
        "my son was hit by a car",
        "what are the police doing with my case right now",
        "how do i apply for a gun permit",
    ],
)
def test_other_danger_is_followed_by_nothing(text: str) -> None:
    assert emergency_follow_up(text, FORCED) is None


def test_the_ranking_chooses_only_a_follow_up_intent_the_classifier_is_sure_enough_of() -> None:
    text = "han venter altid ved opgangen"  # no topic words: the ranking decides
    sure = _ranking(("emergency", 0.5), ("kb_stalking", FOLLOW_UP_CONFIDENCE))
    assert emergency_follow_up(text, sure) == STALKING
    unsure = _ranking(("emergency", 0.6), ("kb_stalking", FOLLOW_UP_CONFIDENCE - 0.01))
    assert emergency_follow_up(text, unsure) is None
    handover = _ranking(("emergency", 0.5), ("sensitive_close_relationship_violence", 0.4))
    assert emergency_follow_up(text, handover) == DOMESTIC_VIOLENCE
    other = _ranking(("emergency", 0.5), ("kb_anmeldelse", 0.45), ("sensitive_threats", 0.3))
    assert emergency_follow_up(text, other) is None


def test_of_the_held_out_emergency_phrasings_only_disclosures_get_a_follow_up() -> None:
    followed = {
        text: entry
        for text in read_phrasings(EMERGENCY_PHRASINGS)
        if (entry := emergency_follow_up(text, FORCED)) is not None
    }
    assert followed == {
        "min kæreste slår mig": DOMESTIC_VIOLENCE,
        "min far truer med at slå os ihjel": DOMESTIC_VIOLENCE,
        "der er nogen der følger efter mig og jeg er bange": STALKING,
        "my neighbour is beating his wife right now": DOMESTIC_VIOLENCE,
    }
