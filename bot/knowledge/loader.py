"""Read `knowledge/<kind>/<id>.yml` into a `KnowledgeBase` and render answers.

Answers (and the victim and witness lines) are jinja2 templates whose variables are the
(effective) service-declaration promises, e.g. `{{ promises.phone_114.text }}`, and the entry's
own sourced facts, e.g. `{{ facts.report_deadline.text }}`; a case step's answer is followed by
what it means for a victim and for a witness. Processes load the base once
(`cached_knowledge_base`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from bot.knowledge.english import AUDIENCE_LABELS, LANGUAGES
from bot.knowledge.promises import Promise, PromiseOverrideError, apply_overrides, read_overrides
from bot.knowledge.schema import KnowledgeEntry, parse_entry

_JINJA = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@functools.lru_cache(maxsize=1024)
def _compiled(template: str) -> Template:
    """Compiling a template costs more than rendering it, and every answer renders one."""
    return _JINJA.from_string(template)


@dataclass(frozen=True)
class Problem:
    """One content error, named by file and entry so an editor can fix it."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} [{self.entry or '?'}]: {self.message}"


class KnowledgeError(RuntimeError):
    """The knowledge base cannot be used as it is; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n  ".join(str(p) for p in problems[:20])
        super().__init__(f"{len(problems)} knowledge problem(s):\n  {lines}")


def entry_files(directory: Path) -> list[Path]:
    """Entry files live one level down, in a folder named after their kind."""
    return sorted(p for p in directory.glob("*/*.yml") if p.is_file())


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_entries(directory: Path) -> tuple[list[KnowledgeEntry], list[Problem]]:
    """Parse every entry file; problems are collected, not raised."""
    entries: list[KnowledgeEntry] = []
    problems: list[Problem] = []
    for path in entry_files(directory):
        shown = display_path(path)
        try:
            with path.open(encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
        except yaml.YAMLError as exc:
            problems.append(Problem(shown, path.stem, f"not valid YAML: {exc}"))
            continue
        entry, errors = parse_entry(data, shown)
        entry_name = entry.id if entry else path.stem
        problems.extend(Problem(shown, entry_name, message) for message in errors)
        if entry is None:
            continue
        if entry.id != path.stem:
            problems.append(Problem(shown, entry.id, f"id must match the file name ({path.stem})"))
        if entry.kind != path.parent.name:
            problems.append(
                Problem(shown, entry.id, f"kind {entry.kind!r} must match its folder")
            )
        entries.append(entry)
    return entries, problems


class KnowledgeBase:
    """The entries by id, the effective promises, and rendering of answers."""

    def __init__(self, entries: list[KnowledgeEntry], promises: Mapping[str, Promise]) -> None:
        self.entries: dict[str, KnowledgeEntry] = {e.id: e for e in entries}
        self.promises: dict[str, Promise] = dict(promises)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str | None) -> KnowledgeEntry | None:
        return self.entries.get(entry_id) if entry_id else None

    def template_vars(
        self, entry: KnowledgeEntry | None = None, language: str = "da"
    ) -> dict[str, Any]:
        facts = entry.facts if entry is not None else {}
        return {
            "promises": {k: p.as_template_vars(language) for k, p in self.promises.items()},
            "facts": {k: f.as_template_vars(language) for k, f in facts.items()},
        }

    def render_text(self, entry: KnowledgeEntry, template: str, language: str = "da") -> str:
        """One of the entry's templates rendered; raises jinja2.TemplateError when broken."""
        return _compiled(template).render(self.template_vars(entry, language)).strip()

    def render_answer(
        self, entry: KnowledgeEntry, audience: str | None = None, language: str = "da"
    ) -> str:
        """The text the citizen reads, in the chat's language ("da" or "en").

        Raises jinja2.TemplateError on a broken template.
        """
        answer, for_victim, for_witness = entry.templates_in(language)
        labels = AUDIENCE_LABELS["en" if language == "en" and entry.en else "da"]
        text = self.render_text(entry, answer, language)
        lines = []
        if for_victim and audience in (None, "victim"):
            lines.append(f"{labels['victim']} {self.render_text(entry, for_victim, language)}")
        if for_witness and audience in (None, "witness"):
            lines.append(f"{labels['witness']} {self.render_text(entry, for_witness, language)}")
        if lines:
            text = text + "\n\n" + "\n".join(lines)
        return text


def promises_of(entries: list[KnowledgeEntry]) -> dict[str, Promise]:
    return {e.promise.key: e.promise for e in entries if e.promise is not None}


def load_knowledge_base(
    directory: Path, environ: Mapping[str, str] | None = None
) -> KnowledgeBase:
    """Load, apply operator overrides and check that every answer renders; strict."""
    entries, problems = read_entries(directory)
    promises = promises_of(entries)
    try:
        promises = apply_overrides(promises, read_overrides(directory, environ))
    except PromiseOverrideError as exc:
        problems.append(Problem("service levels", "", str(exc)))
    base = KnowledgeBase(entries, promises)
    for entry in entries:
        try:
            for language in LANGUAGES:
                base.render_answer(entry, language=language)
        except TemplateError as exc:
            problems.append(Problem(entry.path, entry.id, f"answer template: {exc}"))
    if problems:
        raise KnowledgeError(problems)
    return base


@functools.lru_cache(maxsize=4)
def cached_knowledge_base(directory: Path) -> KnowledgeBase:
    """One load per process and directory: actions must not read files per message."""
    return load_knowledge_base(directory)
