"""Wording the legal review refused, checked on every answer a citizen reads.

Each rule is a pattern and the advice an editor sees. One voice: the police speak as "politiet"
or "vi" and address the citizen as "du", never "I"/"jer"; titles of office are lower case
mid-sentence; court terms are the correct ones ("til retten", "afsiger dom").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PRONOUN_VERBS = (
    "kan|skal|har|er|vil|må|får|taler|bor|bliver|kommer|sikrer|ønsker|behøver|kunne|skulle|var"
    "|mener|ringer|skriver|bestiller|finder|vælger"
)


@dataclass(frozen=True)
class LanguageRule:
    pattern: re.Pattern[str]
    advice: str


RULES = (
    LanguageRule(
        re.compile(r"\bsend\w*\s+sagen\s+i\s+retten\b", re.IGNORECASE),
        'write "sender sagen til retten", not "i retten"',
    ),
    LanguageRule(
        re.compile(r"\b(?:siger|sagt|sige)\s+(?:\w+\s+)?dom\b", re.IGNORECASE),
        'write "afsiger dom" / "har afsagt dom", not "siger dom"',
    ),
    LanguageRule(
        # Capital "I" inside a sentence is always the pronoun (the preposition is "i").
        re.compile(r"(?<=[\wæøå,])\s+I\b"),
        'address the citizen as "du", never "I"',
    ),
    LanguageRule(
        re.compile(rf"(?:^|(?<=[.!?:]\s))I\s+(?:{_PRONOUN_VERBS})\b", re.MULTILINE),
        'address the citizen as "du", never "I"',
    ),
    LanguageRule(
        re.compile(r"\bjer(?:es)?\b", re.IGNORECASE),
        'address the citizen as "du"/"din", never "jer"/"jeres"',
    ),
    LanguageRule(
        re.compile(r"(?<=[\wæøå,])\s+(?:Stats|Rigs)advokat"),
        'write "statsadvokaten"/"rigsadvokaten" in lower case inside a sentence',
    ),
)


def language_problems(text: str) -> list[str]:
    """Advice for every banned phrasing in `text`, with the words that triggered it."""
    problems = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            problems.append(f"{rule.advice} (found {match.group(0).strip()!r})")
    return problems
