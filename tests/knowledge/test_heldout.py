"""The held-out sets stay held out: never among the training data, and they cover every topic."""

from __future__ import annotations

import re

import yaml

from bot.knowledge.evaluate import (
    DISTRESS_PHRASINGS,
    EMERGENCY_PHRASINGS,
    ENGLISH_HELDOUT,
    ENGLISH_ROUND2_HELDOUT,
    INDEPENDENT_HELDOUT,
    ROUND2_HELDOUT,
    ROUND3_HELDOUT,
    ROUND4_HELDOUT,
    load_also_correct,
    load_independent_heldout,
    read_phrasings,
)
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.normalize import compact
from bot.settings import PROJECT_ROOT

BASE = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})
HELDOUT = load_independent_heldout()
ROUND2 = load_independent_heldout(ROUND2_HELDOUT)
ENGLISH = load_independent_heldout(ENGLISH_HELDOUT)
ROUND3 = load_independent_heldout(ROUND3_HELDOUT)
ROUND4 = load_independent_heldout(ROUND4_HELDOUT)
ENGLISH_ROUND2 = load_independent_heldout(ENGLISH_ROUND2_HELDOUT)


def _training_examples() -> set[str]:
    folded = {compact(e) for entry in BASE.entries.values() for e in entry.all_examples}
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            folded |= {compact(e) for e in re.findall(r"^\s*- (.*)$",
                                                      str(block.get("examples") or ""), re.M)}
    return folded


def test_no_held_out_question_is_a_training_example() -> None:
    training = _training_examples()
    questions = [q for held in (HELDOUT, ROUND2, ROUND3, ROUND4, ENGLISH, ENGLISH_ROUND2)
                 for qs in held.values() for q in qs]
    assert [q for q in questions if compact(q) in training] == []


def test_round_two_names_existing_entries_covers_every_entry_and_repeats_nothing() -> None:
    assert set(ROUND2) - set(BASE.entries) == set()
    assert set(BASE.entries) - set(ROUND2) == set()
    first = {compact(q) for qs in HELDOUT.values() for q in qs}
    assert [q for qs in ROUND2.values() for q in qs if compact(q) in first] == []


def test_the_title_only_rounds_cover_every_entry_and_repeat_no_earlier_question() -> None:
    for later, earlier in ((ROUND3, (HELDOUT, ROUND2)), (ROUND4, (HELDOUT, ROUND2, ROUND3)),
                           (ENGLISH_ROUND2, (ENGLISH,))):
        assert set(later) == set(BASE.entries)
        seen = {compact(q) for held in earlier for qs in held.values() for q in qs}
        assert [q for qs in later.values() for q in qs if compact(q) in seen] == []
    assert sum(map(len, ROUND3.values())) >= 150
    assert sum(map(len, ROUND4.values())) >= 90


def test_no_distress_or_emergency_phrasing_is_a_training_example() -> None:
    # Compared as typed: punctuation matters to the guards ("hjælp!!" is not "hjælp").
    training = set()
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        training |= {e.strip().lower() for e in re.findall(r"^\s*- (.*)$", text, re.M)}
    phrasings = read_phrasings(DISTRESS_PHRASINGS) + read_phrasings(EMERGENCY_PHRASINGS)
    assert [p for p in phrasings if p.lower() in training] == []


def test_held_out_questions_name_existing_entries_and_cover_every_entry() -> None:
    assert set(HELDOUT) - set(BASE.entries) == set()
    assert set(BASE.entries) - set(HELDOUT) == set()


def test_new_topics_have_six_independent_questions_each() -> None:
    from tests.knowledge.test_new_topics import NEW_TOPICS

    assert {e: len(HELDOUT[e]) for e in NEW_TOPICS if len(HELDOUT[e]) < 6} == {}


def test_the_held_out_set_includes_typos_and_missing_danish_letters() -> None:
    questions = [q for qs in HELDOUT.values() for q in qs]
    without_letters = [q for q in questions if re.search(r"aa|ae|oe", q)]
    assert len(questions) >= 200 and len(without_letters) >= len(questions) // 3


# A form whose first message is the entry's answer in short (a rule: intent -> its intro -> form).
FORM_ANSWERS = {("bestil_en_betjent", "book_officer"), ("tryghedsopfoelgning", "request_followup")}


def _rules_starting_with(intent: str) -> list[list[dict[str, str]]]:
    rules = []
    for path in sorted((PROJECT_ROOT / "data" / "rules").glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            steps = rule.get("steps") or []
            if steps and steps[0].get("intent") == intent:
                rules.append(steps)
    return rules


def test_equivalent_answers_are_a_person_the_same_hotline_or_a_form_that_gives_the_answer() -> None:
    """Only a handover (a sensitive topic or "a person") or one of the declared forms whose
    intro gives the entry's answer counts as an equally right answer."""
    for path in (INDEPENDENT_HELDOUT, ENGLISH_HELDOUT):
        also = load_also_correct(path)
        assert set(also) <= set(BASE.entries)
        assert all(
            i.startswith("sensitive_") or (i == "request_human" and entry == "om_chatten")
            or (entry, i) in FORM_ANSWERS
            for entry, intents in also.items()
            for i in intents
        )
    for _entry, intent in FORM_ANSWERS:
        steps = _rules_starting_with(intent)
        assert any(len(s) > 2 and str(s[1].get("action", "")).endswith("_intro")
                   and str(s[2].get("action", "")).endswith("_form") for s in steps), intent


def test_distress_and_emergency_sets_are_large_enough_to_mean_something() -> None:
    assert len(read_phrasings(DISTRESS_PHRASINGS)) >= 60
    assert len(read_phrasings(EMERGENCY_PHRASINGS)) >= 40


def test_the_english_set_covers_the_same_topics_as_the_danish_ones() -> None:
    assert set(ENGLISH) == set(HELDOUT) == set(BASE.entries)
    assert all(len(questions) >= 3 for questions in ENGLISH.values())
