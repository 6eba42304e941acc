"""Write the Rasa training data for the knowledge base from `knowledge/` (never by hand).

One intent `kb_<id>` per entry with its example questions, one rule `kb_<id>` ->
`action_answer_knowledge`, and the intents in the domain. Files are rewritten only when their
content changes, so an unchanged knowledge base keeps the training fingerprint (no retraining).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.knowledge.schema import KnowledgeEntry
from bot.settings import PROJECT_ROOT

ANSWER_ACTION = "action_answer_knowledge"
HEADER = "# Generated from knowledge/ by `python -m bot.cli build`. Do not edit: edit knowledge/.\n"


@dataclass(frozen=True)
class GeneratedPaths:
    nlu: Path
    rules: Path
    domain: Path

    @classmethod
    def under(cls, root: Path) -> GeneratedPaths:
        return cls(
            nlu=root / "data" / "generated" / "knowledge_nlu.yml",
            rules=root / "data" / "generated" / "knowledge_rules.yml",
            domain=root / "domain" / "generated" / "knowledge.yml",
        )


DEFAULT_PATHS = GeneratedPaths.under(PROJECT_ROOT)


def _dump(data: object) -> str:
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def nlu_yaml(entries: Iterable[tuple[str, Sequence[str]]]) -> str:
    """NLU data for (intent, examples) pairs, in Rasa's `examples: |` block format."""
    blocks = []
    for intent, examples in entries:
        lines = "".join(f"    - {example}\n" for example in examples)
        blocks.append(f"- intent: {intent}\n  examples: |\n{lines}")
    return HEADER + 'version: "3.1"\nnlu:\n' + "\n".join(blocks)


def rules_yaml(entries: Sequence[KnowledgeEntry]) -> str:
    rules = [
        {
            "rule": f"Knowledge answer: {entry.id}",
            "steps": [{"intent": entry.intent}, {"action": ANSWER_ACTION}],
        }
        for entry in entries
    ]
    return _dump({"version": "3.1", "rules": rules})


def domain_yaml(entries: Sequence[KnowledgeEntry]) -> str:
    return _dump({"version": "3.1", "intents": [entry.intent for entry in entries]})


def _write_if_changed(path: Path, content: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True


def generate(
    entries: Sequence[KnowledgeEntry], paths: GeneratedPaths = DEFAULT_PATHS
) -> list[Path]:
    """Write the generated files; returns those whose content changed."""
    ordered = sorted(entries, key=lambda e: e.id)
    outputs = {
        # Danish and English examples train the same intent: one model for both languages.
        paths.nlu: nlu_yaml((e.intent, e.all_examples) for e in ordered),
        paths.rules: rules_yaml(ordered),
        paths.domain: domain_yaml(ordered),
    }
    return [path for path, content in outputs.items() if _write_if_changed(path, content)]
