"""Which language a citizen writes in, Danish or English (issue #18), with lingua.

`lingua-language-detector` (pinned in constraints-gateway.txt, the gateway's `gateway` extra)
ships its language models inside the wheel: nothing is downloaded at run time. The detector
knows only Danish and English, so a message is one or the other; a guess is used only when it
is clear (short messages like "ok" or a journal number say nothing). Accuracy on short chat
messages: docs/LANGUAGE.md (`python -m bot.chat.language_detect` measures it).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.dialogue.answers import looks_like_code

# English only when the detector is this sure; below it the chat keeps its language.
MIN_CONFIDENCE = 0.75
# Fewer letters than this say too little about the language ("ok", "ja", "nej").
MIN_LETTERS = 4
_LETTERS = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.DANISH, Language.ENGLISH).build()


def detect_language(text: str) -> str | None:
    """"en" or "da" when the text clearly is one of them, else None."""
    # A receipt code ("DDDD-4444") says nothing about the language either.
    if len(_LETTERS.findall(text or "")) < MIN_LETTERS or looks_like_code(text):
        return None
    for value in _detector().compute_language_confidence_values(text):
        if value.value >= MIN_CONFIDENCE:
            return "en" if value.language.name == "ENGLISH" else "da"
    return None


def accuracy(samples: Iterable[tuple[str, str]]) -> tuple[int, int, int]:
    """(right, wrong, undecided) over (text, expected language) pairs."""
    right = wrong = undecided = 0
    for text, expected in samples:
        found = detect_language(text)
        if found is None:
            undecided += 1
        elif found == expected:
            right += 1
        else:
            wrong += 1
    return right, wrong, undecided


def _heldout_questions(path: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(q) for key, qs in data.items() if not key.startswith("_") for q in qs or []]


def main(argv: list[str]) -> int:
    """Measure on the held-out question sets (Danish and English), written for evaluation."""
    root = Path(__file__).resolve().parents[2] / "tests" / "data"
    sets = {
        "da": [*_heldout_questions(root / "knowledge_heldout.yml"),
               *_heldout_questions(root / "knowledge_heldout_round2.yml")],
        "en": _heldout_questions(root / "knowledge_heldout_en.yml"),
    }
    for language, questions in sets.items():
        right, wrong, undecided = accuracy((q, language) for q in questions)
        total = max(1, right + wrong + undecided)
        print(f"{language}: {len(questions)} questions, right {right / total:.3f}, "
              f"wrong {wrong / total:.3f}, undecided {undecided / total:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
