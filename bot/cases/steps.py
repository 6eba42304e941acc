"""Case steps and their explanations, read from the knowledge base (`knowledge/case_step/`).

The one adapter between the case status and the knowledge base: if the knowledge base's
format changes, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import TemplateError

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, cached_knowledge_base
from bot.knowledge.schema import KnowledgeEntry, parse_entry

CASE_STEPS = (
    "anmeldelse",
    "efterforskning",
    "sigtelse",
    "tiltale",
    "henlaeggelse",
    "paatale_opgivelse",
    "retsmoede",
    "dom",
    "anke",
)
# Shown only when the knowledge base has no entry for a step (e.g. during an update).
STEP_TITLES = {
    "anmeldelse": "Anmeldelse",
    "efterforskning": "Efterforskning",
    "sigtelse": "Sigtelse",
    "tiltale": "Tiltale",
    "henlaeggelse": "Henlæggelse",
    "paatale_opgivelse": "Påtaleopgivelse",
    "retsmoede": "Retsmøde",
    "dom": "Dom",
    "anke": "Anke",
}

STEP_TITLES_EN = {
    "anmeldelse": "Report",
    "efterforskning": "Investigation",
    "sigtelse": "Charge",
    "tiltale": "Indictment",
    "henlaeggelse": "Case dropped",
    "paatale_opgivelse": "Charges dropped",
    "retsmoede": "Court hearing",
    "dom": "Judgment",
    "anke": "Appeal",
}


@dataclass(frozen=True)
class StepExplanation:
    step_id: str
    title: str
    explanation: str
    for_victim: str
    for_witness: str
    next_steps: tuple[str, ...]  # titles of the steps that can follow


def _load_entry(knowledge_dir: Path, kind: str, entry_id: str) -> KnowledgeEntry | None:
    path = knowledge_dir / kind / f"{entry_id}.yml"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        entry, _problems = parse_entry(yaml.safe_load(handle), str(path))
    return entry if entry is not None and entry.kind == kind else None


def _load_any(knowledge_dir: Path, entry_id: str, kinds: tuple[str, ...]
              ) -> KnowledgeEntry | None:
    for kind in kinds:
        entry = _load_entry(knowledge_dir, kind, entry_id)
        if entry is not None:
            return entry
    return None


# Where a step's "next" entries may live in the knowledge base.
NEXT_KINDS = ("case_step", "complaint_route", "self_service")


def _render(knowledge_dir: Path, entry: KnowledgeEntry, template: str, language: str) -> str:
    """A template of the entry with its facts and the promises, in the chat's language."""
    if not template:
        return ""
    try:
        base = cached_knowledge_base(knowledge_dir)
    except KnowledgeError:
        base = KnowledgeBase([entry], {})
    try:
        return base.render_text(entry, template, language)
    except TemplateError:
        return ""


@lru_cache(maxsize=64)
def explain_step(step_id: str, knowledge_dir: Path, language: str = "da") -> StepExplanation:
    """What the step means for each party and which steps can follow.

    In the chat's language (issue #18); the texts are rendered with their facts.
    """
    entry = _load_entry(knowledge_dir, "case_step", step_id)
    if entry is None:
        return StepExplanation(
            step_id=step_id,
            title=(STEP_TITLES_EN if language == "en" else STEP_TITLES).get(step_id, step_id),
            explanation="",
            for_victim="",
            for_witness="",
            next_steps=(),
        )
    titles = STEP_TITLES_EN if language == "en" else STEP_TITLES
    next_titles = []
    for next_id in entry.next_steps:
        next_entry = _load_any(knowledge_dir, next_id, NEXT_KINDS)
        next_titles.append(
            next_entry.title_in(language) if next_entry else titles.get(next_id, next_id)
        )
    answer, for_victim, for_witness = entry.templates_in(language)
    return StepExplanation(
        step_id=step_id,
        title=entry.title_in(language),
        explanation=_render(knowledge_dir, entry, answer, language),
        for_victim=_render(knowledge_dir, entry, for_victim, language),
        for_witness=_render(knowledge_dir, entry, for_witness, language),
        next_steps=tuple(next_titles),
    )
