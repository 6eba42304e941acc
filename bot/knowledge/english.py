"""The English side of a knowledge entry (issue #18): the `en:` block at the end of each file.

One entry per topic holds both languages, so facts, sources, legal basis and links are shared:
`en:` has only what the citizen reads (title, answer, victim and witness lines) and the English
example questions, which train the same `kb_<id>` intent as the Danish ones (one model).

```yaml
en:
  title: Access to files and a copy of the judgment
  answer: |
    If you are a victim, you can ask for a copy of the judgment. ...
  examples:
  - how do i get a copy of the judgment
```

Readability: LIX is a Danish measure; English answers are checked with the Flesch reading
ease of the `textstat` library (60 or more is plain English), imported only by the validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.i18n import LANGUAGES

__all__ = ["LANGUAGES", "EnglishText", "parse_english", "unit_text"]

MIN_ENGLISH_EXAMPLES = 10
MIN_FLESCH_READING_EASE = 60.0
# English needs a few more words than Danish for the same content.
MAX_ENGLISH_WORDS = 140

# English singular and plural per fact unit (bot.knowledge.facts has the Danish ones).
ENGLISH_UNITS: dict[str, tuple[str, str]] = {
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "days": ("day", "days"),
    "workdays": ("working day", "working days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "km": ("km", "km"),
    "kr": ("DKK", "DKK"),
    "percent": ("percent", "percent"),
}
# What the victim and witness lines of a case step start with.
AUDIENCE_LABELS = {
    "da": {"victim": "Er du offer?", "witness": "Er du vidne?"},
    "en": {"victim": "Are you a victim?", "witness": "Are you a witness?"},
}

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred"
_UNIT_WORDS = (
    "minutes?|hours?|days?|working days?|weeks?|months?|years?|kroner|DKK|kr\\.?|km"
    "|kilometres?|kilometers?|percent|%"
)
# A quantity a citizen could hold us to, written by hand in English: "72 hours", "two years".
_QUANTITY = re.compile(
    rf"(?<![\w.])(?:\d[\d.,]*|{_NUMBER_WORDS})[\s-]*(?:{_UNIT_WORDS})(?!\w)", re.IGNORECASE
)


def unit_text(unit: str, amount: int, language: str) -> str:
    """"72 hours" / "72 timer": the amount with its unit in the chat's language."""
    from bot.knowledge.facts import FACT_UNITS

    table = ENGLISH_UNITS if language == "en" else FACT_UNITS
    singular, plural = table[unit]
    separator = "," if language == "en" else "."
    number = f"{amount:,}".replace(",", separator)
    if unit == "kr" and language == "en":
        return f"DKK {number}"
    return f"{number} {singular if amount == 1 else plural}"


def english_quantities(text: str) -> list[str]:
    """Numbers with English units written by hand (phone numbers are checked by facts.py)."""
    return [m.group(0).strip() for m in _QUANTITY.finditer(text)]


@dataclass(frozen=True)
class EnglishText:
    """What an English-speaking citizen reads of an entry, and the English example questions."""

    title: str
    answer: str
    examples: tuple[str, ...]
    for_victim: str = ""
    for_witness: str = ""


def _field(raw: dict[str, Any], key: str, errors: list[str], required: bool) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"missing field 'en.{key}' (English)")
        return ""
    if not isinstance(value, str):
        errors.append(f"field 'en.{key}' must be text")
        return ""
    return value.strip()


def parse_english(data: dict[str, Any], kind: str, errors: list[str]) -> EnglishText | None:
    """The `en:` block. The validator requires it (bot/knowledge/validate.py); the runtime
    loader takes an entry without it (an operator's local entry never stops the bot)."""
    raw = data.get("en")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        errors.append("'en' must be a mapping with title, answer and examples")
        return None
    examples_raw = raw.get("examples") or []
    if not isinstance(examples_raw, list) or not all(
        isinstance(e, str) and e.strip() for e in examples_raw
    ):
        errors.append("field 'en.examples' must be a list of non-empty texts")
        examples_raw = []
    examples = tuple(e.strip() for e in examples_raw)
    if len(examples) < MIN_ENGLISH_EXAMPLES:
        errors.append(
            f"needs at least {MIN_ENGLISH_EXAMPLES} English example questions, has {len(examples)}"
        )
    unknown = sorted(set(raw) - {"title", "answer", "examples", "for_victim", "for_witness"})
    if unknown:
        errors.append(f"unknown field(s) in 'en': {', '.join(unknown)}")
    return EnglishText(
        title=_field(raw, "title", errors, True),
        answer=_field(raw, "answer", errors, True),
        examples=examples,
        for_victim=_field(raw, "for_victim", errors, kind == "case_step"),
        for_witness=_field(raw, "for_witness", errors, kind == "case_step"),
    )


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (textstat) of the plain text of a Markdown answer; higher is easier."""
    import textstat

    from bot.knowledge.lix import plain_text

    textstat.set_lang("en_US")
    return float(textstat.flesch_reading_ease(plain_text(text)))
