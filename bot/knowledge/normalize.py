"""Folding of citizen phrasings so near-duplicates compare equal.

"Hvad er en bistandsadvokat?", "hvad er en bistands-advokat" and "hvad er en bistandsadvokat"
become the same key; so do "hvornår" / "hvornaar" / "hvorn&aring;r"-like spellings without æ/ø/å.
"""

from __future__ import annotations

import re

from bot.formats import fold_danish_letters


def fold_question(text: str) -> str:
    """Lower-case, æ/ø/å spelled out, punctuation and hyphens dropped, repeated letters single."""
    text = fold_danish_letters(text)
    text = re.sub(r"[\W_]+", " ", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def compact(text: str) -> str:
    """Like `fold_question` but without spaces: "bistands advokat" == "bistandsadvokat"."""
    return fold_question(text).replace(" ", "")
