"""Where and by when to complain, by kind: read from the knowledge base, never written here.

The texts (statsadvokaten for decisions to drop a case, Den Uafhængige Politiklagemyndighed
for an officer's conduct, the police district for service) are the knowledge base's
`complaint_route` entries; this adapter only maps a complaint kind to its entry.
"""

from __future__ import annotations

from pathlib import Path

# Entry ids tried in order for each kind (knowledge/complaint_route/<id>.yml).
ROUTE_ENTRY_IDS: dict[str, tuple[str, ...]] = {
    "decision": ("klage_henlaeggelse", "klage_afgoerelse", "complaint_decision"),
    "conduct": ("klage_adfaerd", "klage_betjent", "complaint_conduct"),
    "service": ("klage_service", "complaint_service"),
}


def complaint_route_text(knowledge_dir: Path, kind: str, language: str = "da") -> str | None:
    """The rendered answer for the kind's route (in the chat's language), or None if the
    knowledge base lacks it."""
    from bot.knowledge.loader import KnowledgeError, cached_knowledge_base

    if kind not in ROUTE_ENTRY_IDS:
        raise ValueError(f"Unknown complaint kind {kind!r}")
    try:
        base = cached_knowledge_base(knowledge_dir)
    except KnowledgeError:
        return None
    for entry_id in ROUTE_ENTRY_IDS[kind]:
        entry = base.get(entry_id)
        if entry is not None and entry.kind == "complaint_route":
            return base.render_answer(entry, language=language)
    return None
