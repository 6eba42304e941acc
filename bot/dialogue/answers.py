"""Reading short typed answers: "stop", "nej tak", "ja", "fire", "jeg har ikke ...", codes.

Shared by the gateway (a typed answer to the buttons it just showed) and the action server
(leaving or correcting a form). Everything is matched on folded text (æ->ae, ø->oe, å->aa), so
"glem det", "Glem det!" and "GLEM DET" are the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.formats import fold_danish_letters


def fold(text: str) -> str:
    """Lower case, æ/ø/å folded, punctuation dropped, single spaces."""
    folded = fold_danish_letters(text or "")
    folded = re.sub(r"[^\w\s-]", " ", folded)
    return " ".join(folded.split())


YES = frozenset({"ja", "ja tak", "jo", "jep", "ok", "okay", "oki", "gerne", "ja gerne",
                 "ja meget gerne", "ja please", "ja det vil jeg gerne", "det vil jeg gerne",
                 "yes", "ja tak gerne", "meget gerne", "javel",
                 # English (issue #18)
                 "yes please", "yeah", "yep", "sure", "ok thanks", "yes thanks", "yes thank you"})
NO = frozenset({"nej", "nej tak", "nix", "nope", "ellers tak", "nej ellers tak", "ikke nu",
                "nej ikke nu", "nej det behoever jeg ikke", "det behoever jeg ikke", "no",
                # English (issue #18)
                "no thanks", "no thank you", "not now", "nah", "no need"})

# Leaving whatever the bot is asking for. Matched at the start of the message.
# "glem det, jeg vil hellere vide noget om erstatning": enough words after the exit to be a
# question of its own (the forms answer it; the intent classifier reads it on its own).
MIN_WORDS_OF_A_QUESTION = 3
_EXIT = re.compile(
    r"^(?:stop|stop det|stop nu|stopp|afbryd|annuller|annuler|fortryd|glem det|glem alt|"
    r"glem det igen|drop det|lad vaere|lad os stoppe|jeg vil ikke mere|jeg gider ikke|"
    r"jeg vil stoppe|ikke mere|nej tak|nej ellers tak|nej|"
    r"cancel|forget it|never mind|nevermind|quit|no thanks|no thank you|no)\b"
)
# "det har jeg ikke", "jeg har ikke min kvittering", "jeg kan ikke finde den", "ved ikke".
_DONT_HAVE = re.compile(
    r"\b(?:(?:jeg )?har (?:jeg )?ikke|det har jeg ikke|kan ikke finde|har mistet|"
    r"har smidt|har ingen|ved ikke|aner ikke|kender ikke|"
    r"(?:i )?(?:don t|dont|do not) (?:have|know)|can t find|cannot find|(?:i )?lost)\b"
)
# "nej, mit nummer er 20 30 40 50": the rest is the new value.
_CORRECTION = re.compile(
    r"^(?:nej|undskyld|ups|hov|rettelse|det var forkert)?\W*(?:det er |det var )?"
    r"(?:mit|min|det rigtige|det korrekte|den rigtige)\s+(?P<what>[a-z]+)\s+(?:er|var)\s+"
    r"(?P<value>.+)$"
)
_QUESTION_START = re.compile(
    r"^(?:hvad|hvordan|hvornaar|hvor|hvem|hvorfor|hvilke|hvilken|hvilket|kan|maa|skal|er|"
    r"har|faar|goer|bliver|vil|findes|hjaelp til|"
    r"what|how|when|where|who|why|which|can|could|do|does|is|are|will|should)\b"
)
# A receipt code or another code typed alone: letters and digits, maybe split in two.
_CODE_LIKE = re.compile(r"^[A-Za-z0-9]{2,8}(?:[\s-][A-Za-z0-9]{2,8})?$")
RATING_WORDS = {"en": 1, "et": 1, "een": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
                "daarlig": 1, "meget daarlig": 1, "middel": 3, "god": 4, "godt": 4,
                "rigtig god": 5, "rigtig godt": 5, "meget godt": 5, "super": 5,
                # English (issue #18)
                "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "bad": 1, "very bad": 1,
                "good": 4, "very good": 5, "great": 5, "excellent": 5}


def is_yes(text: str) -> bool:
    return fold(text) in YES


def is_no(text: str) -> bool:
    return fold(text) in NO


def exit_phrase(text: str) -> str | None:
    """The exit words at the start ("stop", "glem det", "nej tak"), or None."""
    match = _EXIT.match(fold(text))
    return match.group(0) if match else None


def text_after_exit(text: str) -> str:
    """What follows the exit words: "glem det, hvad er erstatning?" -> "hvad er erstatning"."""
    folded = fold(text)
    match = _EXIT.match(folded)
    return folded[match.end():].strip() if match else folded


def says_dont_have(text: str) -> bool:
    return _DONT_HAVE.search(fold(text)) is not None


def looks_like_question(text: str) -> bool:
    raw = (text or "").strip()
    return raw.endswith("?") or _QUESTION_START.match(fold(raw)) is not None


def looks_like_code(text: str) -> bool:
    """One short block of letters and digits with at least one digit, e.g. "DDDD-4444"."""
    raw = (text or "").strip()
    return bool(_CODE_LIKE.match(raw)) and any(c.isdigit() for c in raw) and any(
        c.isalpha() for c in raw)


@dataclass(frozen=True)
class Correction:
    what: str   # the word the citizen used: "nummer", "telefonnummer", "navn", ...
    value: str  # the new value, as typed


def correction(text: str) -> Correction | None:
    """"nej, mit nummer er 20 30 40 50" -> Correction("nummer", "20 30 40 50")."""
    folded_match = _CORRECTION.match(fold(text))
    if folded_match is None:
        return None
    # The value as typed (case and letters kept): the same number of words from the end.
    words = (text or "").split()
    count = len(folded_match.group("value").split())
    return Correction(folded_match.group("what"), " ".join(words[-count:]).rstrip(".!"))


def rating_from_text(text: str) -> int | None:
    """1-5 from "4", "fire", "4 stjerner", "rigtig god"; None when it is not one rating."""
    folded = fold(text)
    digits = re.findall(r"(?<!\d)[1-5](?!\d)", folded)
    if len(digits) == 1 and len(folded.split()) <= 4:
        return int(digits[0])
    if folded in RATING_WORDS:
        return RATING_WORDS[folded]
    words = [w for w in folded.split() if w in RATING_WORDS and len(w) > 2]
    if len(words) == 1 and len(folded.split()) <= 3:
        return RATING_WORDS[words[0]]
    return None


def _is_yes_button(button: Mapping[str, Any]) -> bool:
    return fold(str(button.get("title", ""))).startswith("ja")


def _is_no_button(button: Mapping[str, Any]) -> bool:
    title = str(button.get("title", ""))
    return exit_phrase(title) is not None or button.get("payload") == "/deny"


def offered_button_for(text: str, buttons: Sequence[Mapping[str, Any]]
                       ) -> Mapping[str, Any] | None:
    """The offered button a typed answer means, or None when it is not clearly one of them.

    The title typed out, "ja"/"nej" for a yes/no choice, a number (or its word) for numbered
    buttons, or the first word of exactly one title ("formiddag").
    """
    if not buttons or looks_like_code(text):
        return None
    folded = fold(text)
    if not folded:
        return None
    for button in buttons:
        if fold(str(button.get("title", ""))) == folded:
            return button
    if folded in YES:
        yes = [b for b in buttons if _is_yes_button(b)]
        if not yes and len(buttons) == 1 and not _is_no_button(buttons[0]):
            yes = list(buttons)  # one offer ("Giv en karakter"): "ja" takes it
        return yes[0] if len(yes) == 1 else None
    if folded in NO:
        no = [b for b in buttons if _is_no_button(b)]
        return no[0] if len(no) == 1 else None
    titles = [fold(str(b.get("title", ""))) for b in buttons]
    if all(t.isdigit() for t in titles):
        rating = rating_from_text(text)
        matches = [b for b, t in zip(buttons, titles, strict=True)
                   if rating is not None and t == str(rating)]
        return matches[0] if matches else None
    first_words = [b for b, t in zip(buttons, titles, strict=True)
                   if t.split()[:1] == folded.split()[:1]
                   and len(folded.split()) == 1 and len(folded) >= 3]
    return first_words[0] if len(first_words) == 1 else None
