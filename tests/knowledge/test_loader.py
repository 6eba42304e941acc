"""Loading entries: schema errors per file, rendering with promises, the per-process cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import (
    KnowledgeError,
    cached_knowledge_base,
    load_knowledge_base,
    read_entries,
)
from bot.settings import PROJECT_ROOT
from tests.knowledge.conftest import EntryWriter

PROMISE = {
    "key": "online_reply",
    "what": "Svar på beskeder",
    "amount": 5,
    "unit": "workdays",
    "configurable": True,
    "note": "Local target.",
}


def test_a_valid_entry_loads_with_all_its_fields(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("bistandsadvokat", related=[])
    base = load_knowledge_base(knowledge_dir, environ={})
    entry = base.entries["bistandsadvokat"]
    assert entry.kind == "right"
    assert entry.intent == "kb_bistandsadvokat"
    assert entry.sources[0].url == "https://www.retsinformation.dk/eli/lta/2024/1160"
    assert len(entry.examples) == 20


def test_missing_fields_are_named_with_file_and_entry(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    path = write_entry("uden_kilde", source=[], examples=["kun et"])
    _, problems = read_entries(knowledge_dir)
    messages = {p.message for p in problems}
    assert any("missing field 'source'" in m for m in messages)
    assert any("at least 10 example" in m for m in messages)
    assert all(p.entry == "uden_kilde" and p.file.endswith(path.name) for p in problems)


def test_id_must_match_file_name_and_kind_its_folder(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    path = write_entry("rigtigt_navn")
    path.rename(path.with_name("forkert_navn.yml"))
    write_entry("forkert_mappe", kind="right")
    (knowledge_dir / "right" / "forkert_mappe.yml").rename(knowledge_dir / "forkert_mappe.tmp")
    (knowledge_dir / "support").mkdir()
    (knowledge_dir / "forkert_mappe.tmp").rename(knowledge_dir / "support" / "forkert_mappe.yml")
    _, problems = read_entries(knowledge_dir)
    messages = sorted(p.message for p in problems)
    assert messages == [
        "id must match the file name (forkert_navn)",
        "kind 'right' must match its folder",
    ]


def test_case_steps_need_what_it_means_for_victim_and_witness(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("tiltale", kind="case_step", for_witness="")
    _, problems = read_entries(knowledge_dir)
    assert [p.message for p in problems] == ["missing field 'for_witness'"]


def test_answers_render_promise_figures_and_operator_overrides(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry(
        "svar_online",
        kind="service_declaration",
        answer="Du får svar inden for {{ promises.online_reply.text }}.",
        promise=PROMISE,
    )
    base = load_knowledge_base(knowledge_dir, environ={})
    assert base.render_answer(base.entries["svar_online"]) == "Du får svar inden for 5 arbejdsdage."
    overridden = load_knowledge_base(knowledge_dir, environ={"BR_SERVICE_LEVEL_ONLINE_REPLY": "2"})
    entry = overridden.entries["svar_online"]
    assert overridden.render_answer(entry) == "Du får svar inden for 2 arbejdsdage."


def test_case_step_answers_end_with_victim_and_witness_lines(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("tiltale", kind="case_step", answer="Sagen skal i retten.")
    base = load_knowledge_base(knowledge_dir, environ={})
    entry = base.entries["tiltale"]
    assert base.render_answer(entry) == (
        "Sagen skal i retten.\n\n"
        "Er du offer? Du får besked.\n"
        "Er du vidne? Du kan blive indkaldt."
    )
    assert base.render_answer(entry, audience="witness") == (
        "Sagen skal i retten.\n\nEr du vidne? Du kan blive indkaldt."
    )


def test_strict_load_refuses_an_unknown_template_variable(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("brudt", answer="Svar inden for {{ promises.findes_ikke.text }}.")
    with pytest.raises(KnowledgeError, match="brudt"):
        load_knowledge_base(knowledge_dir, environ={})


def test_the_cached_base_is_loaded_once_per_directory(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en")
    first = cached_knowledge_base(knowledge_dir)
    write_entry("to")
    assert cached_knowledge_base(knowledge_dir) is first
    assert "to" not in first


def test_no_answer_shows_markup_the_chat_would_print_as_it_is() -> None:
    """The widget, the console and the e-mailed transcript show text as written: "**Er du
    offer?**" reached citizens with its asterisks."""
    base = load_knowledge_base(PROJECT_ROOT / "knowledge")
    marked = [
        (entry.id, language)
        for entry in base.entries.values() for language in ("da", "en")
        for text in [base.render_answer(entry, language=language)]
        if "**" in text or "__" in text or "](" in text
    ]
    assert marked == []
