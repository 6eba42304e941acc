"""What kind of complaint a citizen means, from a button or their own words.

The complaint form's first question (kind) and, for service complaints, its second (type).
A sentence that already names the kind ("jeg vil klage over en betjent") is read the same way,
so the form can give the route at once (`actions/complaints.py`).
"""

from __future__ import annotations

from bot.formats import fold_danish_letters
from bot.requests.validation import InputRejected

COMPLAINT_KIND_KEYWORDS = (
    # Checked in this order: "betjentens opførsel" must not be read as service. English words
    # too: a kind typed in an English chat (the buttons send the code).
    ("decision", ("henlæg", "henlagt", "afgørelse", "påtaleopgivelse", "opgivet",
                  "lukket min sag", "decision", "dropped", "closed my case")),
    ("conduct", ("opførsel", "betjent", "optræden", "adfærd", "magt", "politimand",
                 "officer", "policeman", "behaviour", "behavior", "conduct", "force")),
    ("service", ("service", "ventetid", "ventede", "behandling", "svar", "kontakt", "information",
                 "waiting", "reply", "answer", "contact")),
)
COMPLAINT_TYPE_KEYWORDS = (
    ("waiting_time", ("vente", "ventetid", "lang tid", "længe")),
    ("rude_treatment", ("uhøflig", "uforskammet", "grov", "nedladende", "behandling")),
    ("wrong_information", ("forkert", "fejl", "misvisende", "information", "oplysning")),
    ("not_contacted", ("ikke kontaktet", "kontakt", "ringede ikke", "vendte ikke", "hørte ikke")),
    ("other", ("andet", "noget andet")),
)


def _by_keywords(
    text: str, table: tuple[tuple[str, tuple[str, ...]], ...], *, otherwise: str
) -> str:
    """The first code whose name or keywords the text holds, also typed without æ/ø/å
    ("afgoerelse"); `otherwise` says what to choose."""
    folded = fold_danish_letters(text or "")
    for code, words in table:
        if code == folded or any(fold_danish_letters(word) in folded for word in words):
            return code
    raise InputRejected(otherwise)


def complaint_kind_named(text: str) -> str | None:
    """The kind a sentence names ("jeg vil klage over en betjent": conduct), else None."""
    try:
        return parse_complaint_kind(text)
    except InputRejected:
        return None


def parse_complaint_kind(text: str) -> str:
    return _by_keywords(text, COMPLAINT_KIND_KEYWORDS, otherwise=(
        "Vælg en af knapperne: en afgørelse i din sag, en betjents opførsel "
        "eller politiets service."
    ))


def parse_complaint_type(text: str) -> str:
    return _by_keywords(text, COMPLAINT_TYPE_KEYWORDS, otherwise=(
        "Vælg den knap, der passer bedst: ventetid, uhøflig behandling, "
        "forkert information, ikke kontaktet eller andet."
    ))
