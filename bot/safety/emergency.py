"""When a message names danger happening now: the emergency guard's rules, without Rasa.

Sending "Ring 112" too late is the worst error this bot can make, so the statistical classifier
is not trusted alone: `looks_like_emergency` names acute danger (fire, weapons, shots, bleeding,
someone not breathing, someone else attempting suicide, "lige nu"). Plain questions about past
or habitual events ("jeg blev slået i går, hvordan anmelder jeg det?") do not match. The NLU
component (bot/nlu/emergency_guard.py) and the knowledge tools (validator, benchmark) use these
same rules. A citizen's own thoughts of suicide or self-harm are distress (bot/safety/distress.py).
"""

from __future__ import annotations

import re

from bot.formats import fold_danish_letters
from bot.safety import english

EMERGENCY_INTENT = "emergency"


def fold_text(text: str) -> str:
    """Lower-case and fold æ/ø/å spellings so "hjaelp", "hjælp" and "hjelp" match alike."""
    return re.sub(r"\s+", " ", fold_danish_letters(text)).strip()


# Each pattern names danger happening now; matched on folded text (æ->ae, ø->oe, å->aa).
_ACUTE = [
    r"\blige nu\b",
    r"\bi gang\b.*\b(indbrud|roeveri|slagsmaal|overfald)",
    r"\b(indbrud|roeveri|slagsmaal|overfald)\w* (er )?i gang\b",
    r"\bdet braender\b",
    r"\b(huset|bilen|lejligheden|opgangen|skolen) braender\b",
    r"\b(ild|brand) i\b",
    r"\bsat ild\b",
    r"\b(skud|skyderi|skyder|skudt)\b",
    r"\b(pistol|gevaer|vaaben|bombe)\b",
    r"\b(truer|truet|vifter|staar|kommer) .*\bkniv\b|\bkniv\b.*\b(truer|truet|stikker)\b",
    r"\bstukket\b",
    r"\bbloeder\b",
    r"\bbevidstloes\b|\blivloes\b",
    r"\btraekker ikke vejret\b|\bikke traekker vejret\b",
    r"\bdrukne",
    r"\bslaa (mig|os|hende|ham|dem) ihjel\b",
    r"\b(tage|tager) (sit|sit eget) liv\b",
    r"\bkidnap",
    r"^(hjaelp|hjelp|hjaelp mig)[ !]*!+$",
    r"\bhjaelp hjaelp\b",
    r"\bsend (politiet|en patrulje|hjaelp)\b",
    r"\bved at (bryde|slaa|stjaele|tage|draebe|voldtage)\b",
    r"\b(slaar|taesker|banker|overfalder|sparker|kvaeler) (loes paa )?"
    r"(mig|os|hende|ham|dem|en|min|mit|sin)\b",
    r"\bbliver (overfaldet|slaaet|banket|truet|roevet|forfulgt)\b",
    r"\b(foelger|forfoelger) efter mig\b",
    r"\b(er|der er) (i )?fare\b",
    r"\b(koert ned|paakoert|kvaestede?|kommet til skade|tilskadekomne)\b",
    r"\bkoert (\w+ ){1,2}ned\b",
    r"\b(skriger|raaber) om hjaelp\b",
    r"\bkomme ind ad (vinduet|doeren)\b",
    r"\bhar ramt (en|nogen|folk)\b",
]
_ACUTE_RE = [re.compile(pattern) for pattern in _ACUTE + english.ACUTE]

# Signs the citizen is asking about something that has already happened.
_PAST = re.compile(
    r"\bi (gaar|forgaars|sidste uge|sidste maaned|sidste aar)\b"
    r"|\bfor \w+ (dage|uger|maaneder|aar) siden\b"
    r"|\bsidste (uge|maaned|aar|weekend)\b|\bhvordan anmelder\b|\bhvad goer jeg hvis\b|\bhvis jeg\b"
    # Habitual violence ("han slår mig nogle gange") is a question for help, not a call in progress.
    r"|\b(nogle gange|tit|ofte|af og til|engang imellem|i (flere|mange) aar|i aarevis)\b"
    + english.PAST
)

# "det sker ikke lige nu": the citizen says it is NOT happening now.
_NOT_NOW = re.compile(r"\b(?:ikke|ik) (?:\w+ )?lige nu\b" + english.NOT_NOW)
_NOW = re.compile(r"\blige nu\b|\bright now\b")


def looks_like_emergency(text: str) -> bool:
    """True when the text names acute danger and does not clearly talk about the past."""
    folded = _NOT_NOW.sub(" ", fold_text(text))
    if not folded.strip():
        return False
    if _PAST.search(folded) and not _NOW.search(folded):
        return False
    return any(pattern.search(folded) for pattern in _ACUTE_RE)
