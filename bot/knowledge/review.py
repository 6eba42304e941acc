"""The checks a reviewing lawyer relies on: deep sources, fresh reviews, figures kept as data.

`review_problems` is run by the validator for every entry:
- every source is a deep link (a law text or the exact page), never a site's front page, and a
  rule (`legal_basis`) is never backed by front pages only;
- `reviewed` is not in the future and not older than the configured age
  (`BR_KNOWLEDGE_MAX_REVIEW_AGE_DAYS`);
- no deadline, amount or phone number is written by hand: each is a `facts` entry whose source
  is one of the entry's own sources;
- the answer avoids the phrasings the legal review refused (bot.knowledge.language);
- every source says what it confirms, a rule (case step, right, complaint route) names its
  `legal_basis`, and there are enough example questions for the classifier.

These are content rules for the build (`validate-knowledge`); the runtime loader only refuses
entries it cannot use, so an operator's local entry never stops the bot.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from bot.knowledge.facts import unsourced_quantities
from bot.knowledge.language import language_problems
from bot.knowledge.schema import RULE_KINDS, KnowledgeEntry

# Reviewed entries need enough phrasings for the classifier to learn the topic.
MIN_REVIEWED_EXAMPLES = 20

# A site's entry page, not a page about the topic: "https://politi.dk/", ".../da/", ".../index.htm".
_FRONT_PAGE_SEGMENTS = {"da", "en", "dk", "index.htm", "index.html", "default.aspx", "forside"}


def is_front_page(url: str) -> bool:
    """True for a site's front page, which cannot confirm a specific fact."""
    parsed = urlparse(url)
    segments = [s for s in parsed.path.split("/") if s]
    if parsed.query:
        return False
    return not segments or (len(segments) == 1 and segments[0].lower() in _FRONT_PAGE_SEGMENTS)


def completeness_problems(entry: KnowledgeEntry) -> list[str]:
    problems = [
        f"source {s.title!r} needs 'confirms': what this source confirms"
        for s in entry.sources
        if not s.confirms
    ]
    if entry.kind in RULE_KINDS and not entry.legal_basis:
        problems.append("missing 'legal_basis' (list of {law, section}): this kind states a rule")
    if len(entry.examples) < MIN_REVIEWED_EXAMPLES:
        problems.append(
            f"needs at least {MIN_REVIEWED_EXAMPLES} example questions, has {len(entry.examples)}"
        )
    return problems


def source_problems(entry: KnowledgeEntry) -> list[str]:
    problems = [
        f"source {s.title!r} is a front page ({s.url}); link the exact page or law section"
        for s in entry.sources
        if is_front_page(s.url)
    ]
    if entry.legal_basis and entry.sources and all(is_front_page(s.url) for s in entry.sources):
        problems.append("a legal claim needs a source at the level of the law or the exact page")
    return problems


def review_date_problems(
    entry: KnowledgeEntry, today: dt.date, max_age_days: int
) -> list[str]:
    if entry.reviewed > today:
        return [f"reviewed {entry.reviewed} is in the future"]
    age = (today - entry.reviewed).days
    if age > max_age_days:
        return [
            f"reviewed {entry.reviewed} is {age} days ago (max {max_age_days}); "
            "check the facts again and update 'reviewed'"
        ]
    return []


def fact_problems(entry: KnowledgeEntry) -> list[str]:
    """Figures written by hand, and facts whose source is not one of the entry's sources."""
    problems = []
    urls = {s.url for s in entry.sources}
    for key, fact in sorted(entry.facts.items()):
        if fact.source not in urls:
            problems.append(
                f"fact {key!r}: source {fact.source!r} is not one of the entry's sources"
            )
    for field_name, template in (
        ("answer", entry.answer),
        ("for_victim", entry.for_victim),
        ("for_witness", entry.for_witness),
    ):
        for quantity in unsourced_quantities(template):
            problems.append(
                f"{field_name}: {quantity!r} is written by hand; store it under 'facts' with "
                "its source and write {{ facts.<key>.text }}"
            )
    return problems


def review_problems(
    entry: KnowledgeEntry, rendered: str, today: dt.date, max_age_days: int
) -> list[str]:
    """Every review problem of one entry; `rendered` is the text the citizen reads."""
    return [
        *completeness_problems(entry),
        *source_problems(entry),
        *review_date_problems(entry, today, max_age_days),
        *fact_problems(entry),
        *language_problems(rendered),
    ]
