"""The English side of the knowledge base (issue #18): required, plain, sourced, one intent."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge.english import MIN_ENGLISH_EXAMPLES, flesch_reading_ease, unit_text
from bot.knowledge.generate import GeneratedPaths, generate
from bot.knowledge.loader import load_knowledge_base, read_entries
from bot.knowledge.validate import validate_knowledge
from bot.settings import PROJECT_ROOT
from tests.knowledge.conftest import EntryWriter, entry_data


def _messages(knowledge_dir: Path) -> list[str]:
    return [str(p) for p in validate_knowledge(knowledge_dir, None, environ={})]


def _english(**overrides: object) -> dict[str, object]:
    english = entry_data("x")["en"]
    english.update(overrides)
    return english


def test_an_entry_without_english_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("kun_dansk", en=None)
    assert any("missing block 'en'" in m for m in _messages(knowledge_dir))


def test_english_needs_ten_example_questions(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("faa", en=_english(examples=["one question", "two questions"]))
    assert any(
        f"at least {MIN_ENGLISH_EXAMPLES} English example questions, has 2" in m
        for m in _messages(knowledge_dir)
    )


def test_an_english_figure_written_by_hand_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("frist", en=_english(answer="You can complain within 4 weeks."))
    assert any("'4 weeks' is written by hand" in m for m in _messages(knowledge_dir))


def test_hard_english_is_refused_by_flesch_reading_ease(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    hard = (
        "Notwithstanding the aforementioned jurisdictional considerations, "
        "prosecutorial discretion necessitates comprehensive evidentiary documentation."
    )
    assert flesch_reading_ease(hard) < 60
    write_entry("svaer", en=_english(answer=hard))
    assert any("Flesch reading ease" in m for m in _messages(knowledge_dir))


def test_english_answers_take_figures_in_english_from_the_same_facts(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    url = entry_data("x")["source"][0]["url"]
    facts = {"deadline": {"amount": 4, "unit": "weeks", "source": url}}
    write_entry(
        "klage",
        kind="case_step",
        answer="Klag inden {{ facts.deadline.text }}.",
        facts=facts,
        en=_english(
            answer="Complain within {{ facts.deadline.text }}.",
            for_victim="You will be told.",
            for_witness="You may be called.",
        ),
    )
    base = load_knowledge_base(knowledge_dir, environ={})
    entry = base.entries["klage"]
    assert base.render_answer(entry).startswith("Klag inden 4 uger.")
    english = base.render_answer(entry, language="en")
    assert english.startswith("Complain within 4 weeks.")
    assert "Are you a victim? You will be told." in english
    assert "Er du" not in english


def test_english_units_and_amounts() -> None:
    assert unit_text("hours", 72, "en") == "72 hours"
    assert unit_text("years", 1, "en") == "1 year"
    assert unit_text("kr", 500, "en") == "DKK 500"
    assert unit_text("days", 340, "da") == "340 dage"


def test_english_examples_train_the_same_intent(
    tmp_path: Path, knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("begge")
    entries, problems = read_entries(knowledge_dir)
    assert problems == []
    paths = GeneratedPaths.under(tmp_path)
    generate(entries, paths)
    nlu = yaml.safe_load(paths.nlu.read_text(encoding="utf-8"))["nlu"]
    assert [block["intent"] for block in nlu] == ["kb_begge"]
    assert "question a about begge" in nlu[0]["examples"]
    assert "spørgsmål a om begge" in nlu[0]["examples"]


def test_every_real_entry_reads_in_english() -> None:
    base = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})
    for entry in base.entries.values():
        assert entry.en is not None, entry.id
        assert len(entry.en.examples) >= MIN_ENGLISH_EXAMPLES, entry.id
        text = base.render_answer(entry, language="en")
        assert "Er du" not in text and " timer" not in text and " uger" not in text, entry.id
        assert flesch_reading_ease(text) >= 60, entry.id
