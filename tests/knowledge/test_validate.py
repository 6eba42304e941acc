"""The content validator finds every kind of editor mistake and names file and entry."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.validate import validate_knowledge
from tests.knowledge.conftest import EntryWriter


def _many(word: str, count: int) -> list[str]:
    return [f"{word} {chr(97 + n)}" for n in range(count)]


def _messages(knowledge_dir: Path, nlu_dir: Path | None = None) -> list[str]:
    return [str(p) for p in validate_knowledge(knowledge_dir, nlu_dir, environ={})]


def test_valid_entries_give_no_problems(knowledge_dir: Path, write_entry: EntryWriter) -> None:
    write_entry("en", related=["to"])
    write_entry("to", related=["en"])
    assert _messages(knowledge_dir) == []


def test_near_duplicate_questions_across_entries_conflict(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    first = [*_many("eksempel", 19), "Hvad er en bistandsadvokat?"]
    write_entry("en", examples=first)
    write_entry("to", examples=[*_many("andet", 19), "hvad er en bistands-advokat"])
    messages = _messages(knowledge_dir)
    assert len(messages) == 1
    assert "to.yml [to]" in messages[0]
    assert "conflicts with entry 'en'" in messages[0]


def test_spellings_without_ae_oe_aa_count_as_duplicates(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", examples=[*_many("eksempel", 19), "hvornår får jeg svar"])
    write_entry("to", examples=[*_many("andet", 19), "hvornaar faar jeg svar"])
    assert any("conflicts with entry 'en'" in m for m in _messages(knowledge_dir))


def test_duplicate_within_one_entry_is_reported(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", examples=[*_many("eksempel", 20), "Eksempel D!"])
    assert _messages(knowledge_dir) == [
        f"{knowledge_dir / 'right' / 'en.yml'} [en]: duplicate example 'Eksempel D!'"
    ]


def test_examples_that_collide_with_other_intents_are_reported(
    knowledge_dir: Path, write_entry: EntryWriter, tmp_path: Path
) -> None:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "core.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hej med dig\n',
        encoding="utf-8",
    )
    write_entry("en", examples=[*_many("eksempel", 20), "Hej med dig"])
    messages = _messages(knowledge_dir, nlu)
    assert len(messages) == 1
    assert "intent 'greet' in data/nlu/core.yml" in messages[0]


def test_an_example_that_reads_like_an_emergency_now_is_rejected(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", examples=[*_many("eksempel", 20), "der er indbrud lige nu"])
    messages = _messages(knowledge_dir)
    assert len(messages) == 1 and "reads like an emergency" in messages[0]


def test_questions_about_reporting_a_past_crime_are_not_emergencies(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry(
        "en",
        examples=[*_many("eksempel", 19), "hvordan anmelder jeg et indbrud"],
    )
    assert _messages(knowledge_dir) == []


def test_broken_and_self_links_are_reported(knowledge_dir: Path, write_entry: EntryWriter) -> None:
    write_entry("en", related=["findes_ikke", "en"])
    assert sorted(m.split(": ", 1)[1] for m in _messages(knowledge_dir)) == [
        "related links to itself",
        "related links to unknown 'findes_ikke'",
    ]


def test_hard_to_read_answers_fail_the_lix_limit(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    hard = (
        "Erstatningsnævnets sagsbehandlingstider afhænger af straffesagens afslutning, "
        "dokumentationsmaterialets fuldstændighed og ansøgningens kompleksitet."
    )
    write_entry("svaer", answer=hard)
    messages = _messages(knowledge_dir)
    assert len(messages) == 1
    assert "[svaer]: LIX" in messages[0] and "above 40" in messages[0]


def test_too_long_answers_are_reported(knowledge_dir: Path, write_entry: EntryWriter) -> None:
    write_entry("lang", answer="Ring til os. " * 45)
    assert _messages(knowledge_dir) == [
        f"{knowledge_dir / 'right' / 'lang.yml'} [lang]: answer has 135 words (max 120)"
    ]


def test_a_promise_figure_written_by_hand_is_reported(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    promise = {"key": "phone_114", "what": "Svar på 114", "amount": 3, "unit": "minutes",
               "configurable": True, "note": "Local target."}
    english = {"title": "Answer on 114",
               "answer": "We answer within {{ promises.phone_114.text }}.",
               "examples": [f"question {n} about 114" for n in range(10)]}
    write_entry("svar_114", kind="service_declaration", answer="Vi svarer inden 3 minutter.",
                promise=promise, en=english)
    messages = _messages(knowledge_dir)
    assert len(messages) == 2
    assert any("promises.phone_114" in m for m in messages)
    assert any("'3 minutter' is written by hand" in m for m in messages)


def test_a_configurable_promise_must_say_who_sets_it(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    promise = {"key": "phone_114", "what": "Svar på 114", "amount": 3, "unit": "minutes",
               "configurable": True}
    write_entry("svar_114", kind="service_declaration",
                answer="Svar inden {{ promises.phone_114.text }}.", promise=promise)
    assert any("needs a 'note'" in m for m in _messages(knowledge_dir))


def test_an_empty_knowledge_directory_is_an_error(knowledge_dir: Path) -> None:
    assert _messages(knowledge_dir) == [f"{knowledge_dir} [?]: no knowledge entries found"]
