"""The generated training data follows the entries and is only rewritten when it changes."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge.generate import GeneratedPaths, generate
from bot.knowledge.loader import read_entries
from tests.knowledge.conftest import EntryWriter


def test_generate_writes_intents_rules_and_domain_per_entry(
    knowledge_dir: Path, write_entry: EntryWriter, tmp_path: Path
) -> None:
    write_entry("to")
    write_entry("en")
    entries, _ = read_entries(knowledge_dir)
    paths = GeneratedPaths.under(tmp_path / "out")

    changed = generate(entries, paths)

    assert changed == [paths.nlu, paths.rules, paths.domain]
    nlu = yaml.safe_load(paths.nlu.read_text(encoding="utf-8"))
    assert [block["intent"] for block in nlu["nlu"]] == ["kb_en", "kb_to"]
    assert nlu["nlu"][0]["examples"].splitlines()[0] == "- spørgsmål a om en"
    rules = yaml.safe_load(paths.rules.read_text(encoding="utf-8"))["rules"]
    assert rules[0]["steps"] == [{"intent": "kb_en"}, {"action": "action_answer_knowledge"}]
    domain = yaml.safe_load(paths.domain.read_text(encoding="utf-8"))
    assert domain["intents"] == ["kb_en", "kb_to"]


def test_unchanged_content_rewrites_nothing(
    knowledge_dir: Path, write_entry: EntryWriter, tmp_path: Path
) -> None:
    write_entry("en")
    entries, _ = read_entries(knowledge_dir)
    paths = GeneratedPaths.under(tmp_path / "out")
    generate(entries, paths)
    before = paths.nlu.stat().st_mtime_ns

    assert generate(entries, paths) == []
    assert paths.nlu.stat().st_mtime_ns == before


def test_a_new_example_rewrites_only_the_nlu_file(
    knowledge_dir: Path, write_entry: EntryWriter, tmp_path: Path
) -> None:
    write_entry("en")
    paths = GeneratedPaths.under(tmp_path / "out")
    generate(read_entries(knowledge_dir)[0], paths)
    write_entry("en", examples=[f"nyt spørgsmål {n}" for n in range(11)])

    assert generate(read_entries(knowledge_dir)[0], paths) == [paths.nlu]
