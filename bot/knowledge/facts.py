"""Deadlines, amounts and phone numbers as data, each tied to the source that confirms it.

An answer never writes "72 timer" or "70 201 201" by hand: it says
`{{ facts.report_deadline.text }}`, and the entry stores the figure with its source:
`facts: {report_deadline: {amount: 72, unit: hours, source: <url>}}`. The validator refuses any
number with a unit (and any phone number) left in the answer text, so every figure a citizen
reads can be traced to its source and changed in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Danish singular and plural per unit; "år" and "kr." do not change in the plural.
FACT_UNITS: dict[str, tuple[str, str]] = {
    "minutes": ("minut", "minutter"),
    "hours": ("time", "timer"),
    "days": ("dag", "dage"),
    "workdays": ("arbejdsdag", "arbejdsdage"),
    "weeks": ("uge", "uger"),
    "months": ("måned", "måneder"),
    "years": ("år", "år"),
    "km": ("km", "km"),
    "kr": ("kr.", "kr."),
    "percent": ("procent", "procent"),
}
PHONE_UNIT = "phone"
FACT_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
_PHONE_VALUE = re.compile(r"^\d[\d ]{2,14}\d$")

_NUMBER_WORDS = (
    "en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|fjorten|tyve|halvtreds|hundrede"
)
_UNIT_WORDS = (
    "minut(?:ter)?|time(?:r)?|døgn|dag(?:e)?|arbejdsdag(?:e)?|uge(?:r)?|måned(?:er)?|år"
    "|kr\\.?|kroner|km|kilometer|procent|%"
)
# A quantity a citizen could hold us to: "72 timer", "2 år", "3 km", "500 kr.", "fire uger".
_QUANTITY = re.compile(
    rf"(?<![\w.])(?:\d[\d.,]*|{_NUMBER_WORDS})\s*(?:{_UNIT_WORDS})(?![\wæøå])", re.IGNORECASE
)
# Danish phone numbers: 8 digits (grouped or not), 6-digit short numbers (116 006), 18xx.
_PHONE = re.compile(
    r"(?<![\d-])(?:\d{2}\s?\d{2}\s?\d{2}\s?\d{2}|\d{2}\s\d{3}\s\d{3}|\d{3}\s\d{3}|18\d{2})(?![\d-])"
)
_TEMPLATE_EXPRESSION = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)


@dataclass(frozen=True)
class Fact:
    """One figure the answers use, and the source (one of the entry's source URLs) behind it."""

    key: str
    unit: str
    source: str
    amount: int | None = None
    value: str = ""
    note: str = ""

    @property
    def text(self) -> str:
        """Danish wording: "72 timer", "2 år", "3 km", "70 201 201"."""
        if self.unit == PHONE_UNIT:
            return self.value
        singular, plural = FACT_UNITS[self.unit]
        amount = f"{self.amount:,}".replace(",", ".")
        return f"{amount} {singular if self.amount == 1 else plural}"

    def text_in(self, language: str) -> str:
        """The wording in the chat's language: "72 timer" or "72 hours"."""
        if self.unit == PHONE_UNIT or self.amount is None:
            return self.value
        from bot.knowledge.english import unit_text

        return unit_text(self.unit, self.amount, language)

    def as_template_vars(self, language: str = "da") -> dict[str, Any]:
        text = self.text if language == "da" else self.text_in(language)
        return {"text": text, "amount": self.amount, "unit": self.unit, "value": self.value}


def parse_facts(raw: Any, errors: list[str]) -> dict[str, Fact]:
    """`facts: {key: {amount, unit, source, note}}` or `{key: {value, unit: phone, source}}`."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append("field 'facts' must map a key to {amount, unit, source}")
        return {}
    facts: dict[str, Fact] = {}
    for key, item in raw.items():
        where = f"fact {key!r}"
        if not isinstance(key, str) or not FACT_KEY_PATTERN.match(key):
            errors.append(f"{where}: key must be lower_snake_case")
            continue
        if not isinstance(item, dict):
            errors.append(f"{where}: must be a mapping with amount/value, unit and source")
            continue
        unit = item.get("unit")
        source = str(item.get("source") or "").strip()
        if not source:
            errors.append(f"{where}: needs 'source' (the URL of the source that confirms it)")
        if unit == PHONE_UNIT:
            value = str(item.get("value") or "").strip()
            if not _PHONE_VALUE.match(value):
                errors.append(f"{where}: a phone fact needs 'value' with digits, e.g. '70 201 201'")
                continue
            facts[key] = Fact(key, PHONE_UNIT, source, value=value, note=_note(item))
            continue
        amount = item.get("amount")
        if unit not in FACT_UNITS:
            errors.append(f"{where}: unit must be one of {', '.join([*FACT_UNITS, PHONE_UNIT])}")
            continue
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            errors.append(f"{where}: 'amount' must be a positive whole number")
            continue
        facts[key] = Fact(key, str(unit), source, amount=amount, note=_note(item))
    return facts


def _note(item: Mapping[str, Any]) -> str:
    return str(item.get("note") or "").strip()


def literal_text(template: str) -> str:
    """The template with its jinja2 expressions removed: what was written by hand."""
    return _TEMPLATE_EXPRESSION.sub(" ", template)


def unsourced_quantities(template: str) -> list[str]:
    """Numbers with units and phone numbers written by hand instead of taken from a fact."""
    text = literal_text(template)
    found = [m.group(0).strip() for m in _QUANTITY.finditer(text)]
    found += [m.group(0).strip() for m in _PHONE.finditer(text)]
    return found
