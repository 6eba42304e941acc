"""The entry schema: what every file in `knowledge/<kind>/<id>.yml` must hold.

`parse_entry` turns one YAML mapping into a `KnowledgeEntry` and lists every problem it finds,
so the validator can report them all at once, each with its file and entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.english import EnglishText, parse_english
from bot.knowledge.facts import Fact, parse_facts
from bot.knowledge.promises import UNITS, Promise

KINDS = (
    "case_step",
    "right",
    "support",
    "service_declaration",
    "self_service",
    "complaint_route",
    "emergency_info",
    "about",
)
# Kinds that state what the law says: each needs its `legal_basis` (law and section).
RULE_KINDS = ("case_step", "right", "complaint_route")
AUDIENCES = ("victim", "witness", "everyone")
MIN_EXAMPLES = 10
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,50}$")
PROMISE_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Source:
    """A page or law text behind the entry, and what it confirms (for the reviewing lawyer)."""

    title: str
    url: str
    confirms: str = ""


@dataclass(frozen=True)
class LegalBasis:
    """The rule an entry states: a law (or regulation) and its section, e.g. § 741 a, stk. 4."""

    law: str
    section: str

    def __str__(self) -> str:
        return f"{self.law} {self.section}"


@dataclass(frozen=True)
class TypicalDuration:
    """How long a case step usually takes; local configuration, never a legal promise."""

    text: str
    configurable: bool
    note: str = ""


@dataclass(frozen=True)
class KnowledgeEntry:
    id: str
    kind: str
    title: str
    audience: tuple[str, ...]
    answer: str
    examples: tuple[str, ...]
    sources: tuple[Source, ...]
    reviewed: dt.date
    related: tuple[str, ...] = ()
    for_victim: str = ""
    for_witness: str = ""
    next_steps: tuple[str, ...] = ()
    typical_duration: TypicalDuration | None = None
    promise: Promise | None = None
    legal_basis: tuple[LegalBasis, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    path: str = field(default="", compare=False)
    en: EnglishText | None = None

    @property
    def intent(self) -> str:
        return intent_for(self.id)

    @property
    def all_examples(self) -> tuple[str, ...]:
        """Danish and English example questions: both train the one `kb_<id>` intent."""
        return self.examples + (self.en.examples if self.en else ())

    def title_in(self, language: str) -> str:
        return self.en.title if language == "en" and self.en else self.title

    def templates_in(self, language: str) -> tuple[str, str, str]:
        """(answer, for_victim, for_witness) in the chat's language."""
        if language == "en" and self.en:
            return self.en.answer, self.en.for_victim, self.en.for_witness
        return self.answer, self.for_victim, self.for_witness


def intent_for(entry_id: str) -> str:
    return f"kb_{entry_id}"


def entry_id_from_intent(intent: str | None) -> str | None:
    if intent and intent.startswith("kb_"):
        return intent.removeprefix("kb_")
    return None


def _text(data: dict[str, Any], key: str, errors: list[str], required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"missing field '{key}'")
        return ""
    if not isinstance(value, str):
        errors.append(f"field '{key}' must be text")
        return ""
    return value.strip()


def _text_list(data: dict[str, Any], key: str, errors: list[str]) -> tuple[str, ...]:
    value = data.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(f"field '{key}' must be a list of non-empty texts")
        return ()
    return tuple(v.strip() for v in value)


def _sources(data: dict[str, Any], errors: list[str]) -> tuple[Source, ...]:
    raw = data.get("source")
    if not raw:
        errors.append("missing field 'source' (law and section, or public authority)")
        return ()
    if not isinstance(raw, list):
        errors.append("field 'source' must be a list of {title, url}")
        return ()
    sources = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not item.get("title") or not item.get("url"):
            errors.append(f"source #{number} needs both 'title' and 'url'")
            continue
        url = str(item["url"])
        if not url.startswith("https://"):
            errors.append(f"source #{number} url must start with https:// ({url})")
        confirms = str(item.get("confirms") or "").strip()
        sources.append(Source(title=str(item["title"]).strip(), url=url, confirms=confirms))
    return tuple(sources)


def _legal_basis(data: dict[str, Any], errors: list[str]) -> tuple[LegalBasis, ...]:
    raw = data.get("legal_basis")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(i, dict) and str(i.get("law") or "").strip()
        and str(i.get("section") or "").strip()
        for i in raw
    ):
        errors.append("field 'legal_basis' must be a list of {law, section}")
        return ()
    return tuple(LegalBasis(str(i["law"]).strip(), str(i["section"]).strip()) for i in raw)


def _reviewed(data: dict[str, Any], errors: list[str]) -> dt.date:
    value = data.get("reviewed")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    errors.append("field 'reviewed' must be a date (YYYY-MM-DD)")
    return dt.date.min


def _promise(data: dict[str, Any], errors: list[str]) -> Promise | None:
    raw = data.get("promise")
    if not isinstance(raw, dict):
        errors.append("service declarations need 'promise: {key, what, amount, unit, ...}'")
        return None
    key = raw.get("key")
    amount = raw.get("amount")
    unit = raw.get("unit")
    configurable = raw.get("configurable")
    ok = True
    if not isinstance(key, str) or not PROMISE_KEY_PATTERN.match(key):
        errors.append("promise 'key' must be lower_snake_case, e.g. phone_114")
        ok = False
    if not isinstance(raw.get("what"), str) or not raw["what"].strip():
        errors.append("promise needs 'what' (what is promised)")
        ok = False
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        errors.append("promise 'amount' must be a positive whole number")
        ok = False
    if unit not in UNITS:
        errors.append(f"promise 'unit' must be one of {', '.join(UNITS)}")
        ok = False
    if not isinstance(configurable, bool):
        errors.append("promise 'configurable' must be true or false")
        ok = False
    note = raw.get("note") or ""
    if configurable is True and not str(note).strip():
        errors.append("a configurable promise needs a 'note' saying who sets the figure")
    if not ok:
        return None
    return Promise(
        key=str(key),
        what=str(raw["what"]).strip(),
        amount=int(amount),  # type: ignore[arg-type]
        unit=str(unit),
        configurable=bool(configurable),
        note=str(note).strip(),
    )


def _typical_duration(data: dict[str, Any], errors: list[str]) -> TypicalDuration | None:
    raw = data.get("typical_duration")
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("text") or not isinstance(
        raw.get("configurable"), bool
    ):
        errors.append("'typical_duration' needs 'text' and 'configurable: true|false'")
        return None
    return TypicalDuration(
        text=str(raw["text"]).strip(),
        configurable=bool(raw["configurable"]),
        note=str(raw.get("note") or "").strip(),
    )


def parse_entry(data: Any, path: str = "") -> tuple[KnowledgeEntry | None, list[str]]:
    """Parse one entry; returns the entry (None if unusable) and the problems found."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return None, ["the file must hold one YAML mapping"]
    entry_id = _text(data, "id", errors)
    if entry_id and not ID_PATTERN.match(entry_id):
        errors.append(f"id {entry_id!r} must be lower_snake_case letters, digits and _")
    kind = _text(data, "kind", errors)
    if kind and kind not in KINDS:
        errors.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    title = _text(data, "title", errors)
    audience = _text_list(data, "audience", errors)
    if not audience:
        errors.append("missing field 'audience' (victim, witness, everyone)")
    for who in audience:
        if who not in AUDIENCES:
            errors.append(f"audience {who!r} is not one of {', '.join(AUDIENCES)}")
    answer = _text(data, "answer", errors)
    examples = _text_list(data, "examples", errors)
    if len(examples) < MIN_EXAMPLES:
        errors.append(f"needs at least {MIN_EXAMPLES} example questions, has {len(examples)}")
    sources = _sources(data, errors)
    reviewed = _reviewed(data, errors)
    related = _text_list(data, "related", errors)
    next_steps = _text_list(data, "next_steps", errors)
    for_victim = _text(data, "for_victim", errors, required=kind == "case_step")
    for_witness = _text(data, "for_witness", errors, required=kind == "case_step")
    promise = _promise(data, errors) if kind == "service_declaration" else None
    if kind != "service_declaration" and "promise" in data:
        errors.append("only service declarations carry a 'promise'")
    typical_duration = _typical_duration(data, errors)
    legal_basis = _legal_basis(data, errors)
    facts = parse_facts(data.get("facts"), errors)
    english = parse_english(data, kind, errors)
    if not entry_id or not kind:
        return None, errors
    entry = KnowledgeEntry(
        id=entry_id,
        kind=kind,
        title=title,
        audience=audience,
        answer=answer,
        examples=examples,
        sources=sources,
        reviewed=reviewed,
        related=related,
        for_victim=for_victim,
        for_witness=for_witness,
        next_steps=next_steps,
        typical_duration=typical_duration,
        promise=promise,
        legal_basis=legal_basis,
        facts=facts,
        path=path,
        en=english,
    )
    return entry, errors
