"""The content validator: everything an editor can get wrong in `knowledge/`, reported at once.

Run as `python -m bot.cli validate-knowledge`; `build` runs it too and stops on errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import yaml
from jinja2 import TemplateError

from bot.knowledge import lix as lix_module
from bot.knowledge.facts import literal_text
from bot.knowledge.loader import (
    KnowledgeBase,
    Problem,
    promises_of,
    read_entries,
)
from bot.knowledge.normalize import compact
from bot.knowledge.promises import PromiseOverrideError, apply_overrides, read_overrides
from bot.knowledge.review import review_problems
from bot.knowledge.schema import KnowledgeEntry
from bot.safety.distress import looks_like_distress
from bot.safety.emergency import looks_like_emergency

MAX_LIX = 40.0
MAX_WORDS = 120


def other_nlu_examples(nlu_dir: Path) -> dict[str, tuple[str, str]]:
    """Folded example -> (intent, file) for the hand-written NLU data outside the knowledge base."""
    seen: dict[str, tuple[str, str]] = {}
    if not nlu_dir.exists():
        return seen
    for path in sorted(nlu_dir.glob("*.yml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for block in data.get("nlu") or []:
            intent = block.get("intent")
            if not intent or str(intent).startswith("kb_"):
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    seen.setdefault(compact(line[2:]), (str(intent), path.name))
    return seen


def _check_examples(
    entries: list[KnowledgeEntry], other_nlu: Mapping[str, tuple[str, str]]
) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, KnowledgeEntry] = {}
    for entry in entries:
        for example in entry.all_examples:
            if any(ch in example for ch in "[]{}"):
                problems.append(
                    Problem(entry.path, entry.id, f"example {example!r}: no [ ] {{ }} allowed")
                )
            if looks_like_emergency(example):
                problems.append(
                    Problem(
                        entry.path,
                        entry.id,
                        f"example {example!r} reads like an emergency happening now; "
                        "rephrase it as a question about the topic",
                    )
                )
            if looks_like_distress(example):
                problems.append(
                    Problem(
                        entry.path,
                        entry.id,
                        f"example {example!r} reads like distress (wanting to die or self-harm); "
                        "those must get 112 and Livslinien, so rephrase it",
                    )
                )
            key = compact(example)
            first = owner.get(key)
            if first is None:
                owner[key] = entry
            elif first.id == entry.id:
                problems.append(Problem(entry.path, entry.id, f"duplicate example {example!r}"))
            else:
                problems.append(
                    Problem(
                        entry.path,
                        entry.id,
                        f"example {example!r} conflicts with entry {first.id!r} ({first.path})",
                    )
                )
            if key in other_nlu:
                intent, file_name = other_nlu[key]
                problems.append(
                    Problem(
                        entry.path,
                        entry.id,
                        f"example {example!r} is also an example of intent {intent!r} "
                        f"in data/nlu/{file_name}",
                    )
                )
    return problems


def _check_links(entries: list[KnowledgeEntry]) -> list[Problem]:
    ids = {e.id for e in entries}
    problems = []
    for entry in entries:
        for field_name, targets in (("related", entry.related), ("next_steps", entry.next_steps)):
            for target in targets:
                if target == entry.id:
                    problems.append(Problem(entry.path, entry.id, f"{field_name} links to itself"))
                elif target not in ids:
                    problems.append(
                        Problem(entry.path, entry.id, f"{field_name} links to unknown {target!r}")
                    )
    return problems


def _check_answers(
    entries: list[KnowledgeEntry], base: KnowledgeBase, today: dt.date, max_review_age_days: int
) -> list[Problem]:
    problems = []
    for entry in entries:
        try:
            text = base.render_answer(entry)
        except TemplateError as exc:
            problems.append(Problem(entry.path, entry.id, f"answer template: {exc}"))
            continue
        problems += [
            Problem(entry.path, entry.id, message)
            for message in review_problems(entry, text, today, max_review_age_days)
        ]
        score = lix_module.lix(text)
        if score > MAX_LIX:
            problems.append(
                Problem(entry.path, entry.id, f"LIX {score:.1f} is above {MAX_LIX:.0f}")
            )
        count = len(lix_module.words(text))
        if count > MAX_WORDS:
            problems.append(
                Problem(entry.path, entry.id, f"answer has {count} words (max {MAX_WORDS})")
            )
        if entry.promise and f"promises.{entry.promise.key}" not in entry.answer:
            problems.append(
                Problem(
                    entry.path,
                    entry.id,
                    f"the answer must take its figure from '{{{{ promises.{entry.promise.key}"
                    ".text }}', not write it by hand",
                )
            )
    return problems


def english_problems(entry: KnowledgeEntry, rendered: str) -> list[str]:
    """The English block's content rules: figures from facts, plain English, short."""
    from bot.knowledge.english import (
        MAX_ENGLISH_WORDS,
        MIN_FLESCH_READING_EASE,
        english_quantities,
        flesch_reading_ease,
    )
    from bot.knowledge.facts import unsourced_quantities

    if entry.en is None:
        return ["missing block 'en' (English title, answer and example questions)"]
    problems = []
    for field_name, template in (
        ("en.answer", entry.en.answer),
        ("en.for_victim", entry.en.for_victim),
        ("en.for_witness", entry.en.for_witness),
    ):
        literal = literal_text(template)
        for quantity in english_quantities(literal) + unsourced_quantities(template):
            problems.append(
                f"{field_name}: {quantity!r} is written by hand; use {{{{ facts.<key>.text }}}}"
            )
    score = flesch_reading_ease(rendered)
    if score < MIN_FLESCH_READING_EASE:
        problems.append(
            f"English Flesch reading ease {score:.1f} is below {MIN_FLESCH_READING_EASE:.0f}"
        )
    count = len(lix_module.words(rendered))
    if count > MAX_ENGLISH_WORDS:
        problems.append(f"English answer has {count} words (max {MAX_ENGLISH_WORDS})")
    if entry.promise and f"promises.{entry.promise.key}" not in entry.en.answer:
        problems.append(
            f"en.answer must take its figure from '{{{{ promises.{entry.promise.key}.text }}}}'"
        )
    return problems


def _check_english(entries: list[KnowledgeEntry], base: KnowledgeBase) -> list[Problem]:
    problems = []
    for entry in entries:
        try:
            rendered = base.render_answer(entry, language="en")
        except TemplateError as exc:
            problems.append(Problem(entry.path, entry.id, f"en.answer template: {exc}"))
            continue
        problems += [Problem(entry.path, entry.id, m) for m in english_problems(entry, rendered)]
    return problems


def _check_promise_keys(entries: list[KnowledgeEntry]) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.promise is None:
            continue
        if entry.promise.key in seen:
            problems.append(
                Problem(
                    entry.path,
                    entry.id,
                    f"promise key {entry.promise.key!r} is used by {seen[entry.promise.key]!r} too",
                )
            )
        seen[entry.promise.key] = entry.id
    return problems


def validate_knowledge(
    directory: Path,
    nlu_dir: Path | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    today: dt.date | None = None,
    max_review_age_days: int | None = None,
) -> list[Problem]:
    """Every problem in the knowledge base, sorted by file.

    The review age defaults to the operator setting BR_KNOWLEDGE_MAX_REVIEW_AGE_DAYS.
    """
    if max_review_age_days is None:
        from bot.settings import load_settings

        max_review_age_days = load_settings().knowledge_max_review_age_days
    entries, problems = read_entries(directory)
    if not entries and not problems:
        problems.append(Problem(str(directory), "", "no knowledge entries found"))
    promises = promises_of(entries)
    try:
        promises = apply_overrides(promises, read_overrides(directory, environ))
    except PromiseOverrideError as exc:
        problems.append(Problem(str(directory), "", f"service levels: {exc}"))
    base = KnowledgeBase(entries, promises)
    ids: dict[str, str] = {}
    for entry in entries:
        if entry.id in ids:
            problems.append(Problem(entry.path, entry.id, f"id also used in {ids[entry.id]}"))
        ids[entry.id] = entry.path
    other = other_nlu_examples(nlu_dir) if nlu_dir is not None else {}
    problems += _check_examples(entries, other)
    problems += _check_links(entries)
    problems += _check_answers(entries, base, today or dt.date.today(), max_review_age_days)
    problems += _check_promise_keys(entries)
    problems += _check_english(entries, base)
    return sorted(problems, key=lambda p: (p.file, p.entry, p.message))
