"""The status card: one structured answer, a short fallback, follow-ups from the same facts."""

from __future__ import annotations

from pathlib import Path

from bot.cases.card import (
    TOPIC_AHEAD,
    TOPIC_BRING,
    TOPIC_HEARING,
    TOPIC_NEXT,
    card_fallback_text,
    follow_up_answer,
    topic_of,
    victim_status_card,
    witness_status_card,
)
from bot.cases.status import CaseFile, hearings_only
from bot.settings import PROJECT_ROOT
from tests.cases.sample_case import CASE, DECISIONS, EVENTS, SECRET_EVENT, TODAY

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def test_a_victims_card_has_steps_dates_contact_and_what_to_do(tmp_path: Path) -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=KNOWLEDGE)
    states = [step["state"] for step in card["steps"]]
    assert states.count("current") == 1 and states[0] == "done"
    labels = [row["label"] for row in card["dates"]]
    assert labels == ["Klagefrist", "Retsmøde", "Søg erstatning senest"]
    assert card["dates"][0]["when"] == "tirsdag den 1. december 2026"
    assert card["dates"][1]["when"] == "torsdag den 3. december 2026 kl. 9.30"
    assert "Mette Holm" in card["contact"]
    assert 2 <= len(card["buttons"]) <= 4
    assert card["meaning"] and card["meaning"].count(".") <= 3 and "{{" not in card["meaning"]
    assert SECRET_EVENT not in str(card)


def test_the_fallback_text_is_a_few_short_lines() -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=KNOWLEDGE)
    text = card_fallback_text(card)
    assert text.startswith("Din sag 0100-80150-01234-26 er nu her:")
    assert len(text.splitlines()) <= 7


def test_a_witness_card_holds_the_hearing_and_nothing_of_the_victim() -> None:
    card = witness_status_card(CASE, hearings_only(DECISIONS), today=TODAY,
                               knowledge_dir=KNOWLEDGE)
    assert [row["label"] for row in card["dates"]] == ["Retsmøde"]
    for victim_only in ("statsadvokaten", "Erstatningsnævnet", "Mette Holm", SECRET_EVENT):
        assert victim_only not in str(card)


def test_follow_ups_are_answered_from_the_case() -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=KNOWLEDGE)
    assert "3. december 2026 kl. 9.30" in follow_up_answer(card, TOPIC_HEARING)
    next_steps = follow_up_answer(card, TOPIC_NEXT)
    assert "statsadvokaten senest tirsdag den 1. december 2026" in next_steps
    assert "viser dit tab" in follow_up_answer(card, TOPIC_BRING)
    assert topic_of("hvornår er retsmødet?") == TOPIC_HEARING
    assert topic_of("hvad skal jeg have med?") == TOPIC_BRING
    assert topic_of("hvad kan jeg gøre nu?") == TOPIC_NEXT
    assert topic_of("hvor langt er min sag") is None


def test_what_happens_now_is_the_steps_meaning_then_what_to_do() -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=KNOWLEDGE)
    answer = follow_up_answer(card, TOPIC_AHEAD)
    assert answer.startswith(card["meaning"])
    assert answer.endswith(follow_up_answer(card, TOPIC_NEXT))
    for typed in ("hvad sker der nu?", "Og hvad sker der så nu", "hvad så nu?",
                  "what happens next?"):
        assert topic_of(typed) == TOPIC_AHEAD, typed
    assert topic_of("hvad sker der i min sag?") is None
