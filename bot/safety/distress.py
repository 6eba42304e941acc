"""When a message speaks of suicide or self-harm: the distress guard's rules, without Rasa.

When a citizen writes that they cannot go on, want to die or hurt themselves, the first answer
must be "ring 112 if your life is in danger" and Livslinien's number, never a knowledge answer
or "Mente du ...?". The NLU component (bot/nlu/distress_guard.py) forces the
`sensitive_suicidal_thoughts` intent when `looks_like_distress`; the knowledge tools (validator,
benchmark) use the same rules.
"""

from __future__ import annotations

import re

from bot.safety import english
from bot.safety.emergency import EMERGENCY_INTENT, fold_text

DISTRESS_INTENT = "sensitive_suicidal_thoughts"
# Both answers open with "Ring 112 nu": a third person's suicide attempt may get either.
ANSWERED_WITH_112_FIRST = frozenset({EMERGENCY_INTENT, DISTRESS_INTENT})

_NOT = r"(?:ikke|ik)"
_MORE = r"(?:mere|mer|laengere)"
_DIE = r"(?:doe|do|d)"  # "dø" folds to "doe"; misspellings drop the vowel

# Matched on folded text (æ->ae, ø->oe, å->aa). Each names the writer's (or a close person's)
# wish to die or to hurt themselves; plain questions about the police are not matched.
_DISTRESS = [
    r"selvmord",
    r"\b(?:tage|tager|tog) (?:mit|mit eget) liv\b",
    r"\b(?:tage|tager|tog) livet af (?:mig|sig)\b",
    r"\bslaa (?:mig|sig) selv ihjel\b",
    r"\b(?:slaar|skaerer|skader|braender|cutter|skaere|skade|braende|cutte) (?:paa |i )?mig selv\b",
    r"\bskaaret (?:mig|i mig selv)\b",
    r"\b(?:skade|skader|skaere|skaerer|goer noget ved|gor noget ved|goere noget ved"
    r"|gore noget ved) (?:paa |i )?mig selv\b",
    rf"\b(?:vil|ville|har lyst til at|lyst til at|bare) (?:bare )?{_DIE}\b",
    r"\b(?:hvis jeg|gid jeg|bare jeg|jeg bare) var (?:doed|dod)\b",
    rf"\b{_NOT} (?:leve|vaere her|vaere her paa jorden) {_MORE}\b",
    rf"\b(?:vil|gider|lyst til at) {_NOT} leve\b",
    rf"\b(?:{_NOT}|ingen) lyst til at (?:leve|vaere her|vaere til)\b",
    rf"\b{_NOT} (?:vaere til|vaere i live|vaere her)\b",
    r"\ben ende paa (?:det hele|livet|mit liv)\b",
    r"\bforsvinde for altid\b|\baldrig (?:at )?vaagne\b",
    rf"\b(?:taenker|taenke|tanker) (?:\w+ )?(?:paa|om) at {_DIE}\b",
    rf"\b(?:vil|kan|orker|magter) {_NOT} {_MORE}\s*(?:$|[.!,]|og\b)",
    rf"\bmagter {_NOT} (?:{_MORE}|livet|at leve)\b",
    r"\b(?:bedre|nemmere) uden mig\b|\ber en byrde\b",
    r"\b(?:vaek fra|traet af|faerdig med) livet\b",
    r"\b(?:holde|holder) det ikke ud\b|\bikke holde det ud\b",
    r"\bikke (?:vaagne|leve) (?:i morgen|igen)\b|\bvil ikke vaagne\b",
    r"\b(?:ingen grund til at leve|ikke vaerd at leve|intet at leve for)\b",
    rf"\bkan {_NOT} (?:{_MORE}|klare {_MORE}|holde det ud|holde ud)\s*(?:$|[.!,]|og\b|jeg\b)",
    rf"\borker {_NOT} (?:{_MORE}|at leve|livet)\b",
    r"\b(?:ende|afslutte|slutte) (?:mit liv|livet|det hele)\b",
    r"\boverdosis\b|\btaget alle (?:mine )?piller\b|\bhaenge mig\b",
    r"\bjeg vil (?:springe|hoppe) (?:ud )?(?:foran|fra)\b",
    r"\bafskedsbrev\b",
    r"\bingen (?:ville|vil) savne mig\b",
    # v4 (after batch 3 of tests/data/distress_phrasings.txt)
    rf"\b{_NOT} (?:at )?(?:vaere til|vaere i live|leve)\b.*\b{_MORE}\b|\b{_NOT} at vaere til\b",
    r"\b(?:stoppe|slutte|ende|forsvinde) for altid\b",
    r"\b(?:koere|kore|koerer|korer) (?:\w+ )?ind i .{0,40}\bmed vilje\b",
    r"\bpiller\b.*\b(?:tage|sluge) (?:dem )?alle\b",
    rf"\bkan {_NOT} {_MORE} med\b",
    r"\b(?:tage|tager|tog) (?:mit|sit) (?:eget )?liv\b",
    # "slå mig ihjel" without "selv" only with the writer as subject ("han vil ..." is a threat).
    r"\bjeg (?:\w+ ){0,4}at slaa mig ihjel\b|\bjeg vil (?:bare )?slaa mig ihjel\b",
    r"\b(?:ingen|ikke|ikke nogen) (?:se )?(?:mening|meningen) med (?:at leve|livet)\b",
    r"\bmeningen med livet\b.*\bikke\b|\bikke\b.*\bmeningen med livet\b",
    r"\bskrevet farvel\b",
    r"\b(?:give op paa|opgive) livet\b",
    r"\bhvis jeg ikke (?:fandtes|eksisterede|var her)\b",
    r"\b(?:oensker|onsker|gid|bare) (?:at )?jeg var (?:doed|dod)\b",
    r"\bjeg vil (?:bare )?forsvinde\b",
    r"\bog (?:doe|do)\s*(?:$|[.!])",
    # v5 (after batch 4)
    r"\b(?:springe|hoppe|kaste mig) (?:ud )?(?:foran|fra|ned fra|ud over)\b",
    rf"\bgider (?:\w+ )?(?:at )?leve {_MORE}\b",
    r"\b(?:tage|tager|sluge|sluger) alle (?:de|mine)\b.*\bpiller\b",
    r"\bmig selv (?:fortraed|til blods)\b|\bkradser mig selv\b",
    r"\b(?:vaere vaek|er vaek|vaek) for altid\b",
    r"\b(?:intet|ingenting|ikke noget|ikke mere)\b.*\bat leve for\b",
    r"\b(?:vil|og) (?:bare )?forsvinde\s*(?:$|[.!])|\bsige farvel til alle\b",
    r"\bkanten af (?:taget|broen|altanen)\b",
    r"\b(?:drukne|kvaele) mig\b",
    r"\bikke (?:vil )?vaagne (?:op )?(?:igen|i morgen)\b",
    # v6 (after batch 5)
    r"\btage (?:mig|sig) af dage\b|\bfri for mig\b",
    rf"\b{_NOT} (?:eksistere|findes) {_MORE}\b",
    r"\bjeg skal (?:doe|do)\b",
    r"\bfor evigt\b.*\b(?:vaek|sove|forsvinde)\b|\b(?:vaek|sove|forsvinde)\b.*\bfor evigt\b",
    rf"\b(?:vil|gider) (?:bare )?{_NOT} (?:leve|vaere her)\b",
    r"\bvil (?:\w+ )?skaere (?:i )?mig\b|\bskaere i (?:mine|min) (?:arme|arm|haandled|ben)\b",
    r"\btraet af at leve\b|\bholde ud at leve\b",
    r"\b(?:koere|kore) ud over\b",
    r"\b(?:sparet|gemt|samlet) (?:\w+ ){0,2}(?:sove)?piller\b",
    r"\blivet (?:giver|har) (?:ingen|ikke nogen|ikke) mening\b",
    r"\btil det (?:bloeder|bloder)\b",
]
_DISTRESS_RE = [re.compile(pattern) for pattern in _DISTRESS + english.DISTRESS]


def looks_like_distress(text: str) -> bool:
    """True when the text speaks of wanting to die or to hurt oneself."""
    folded = fold_text(text)
    return bool(folded) and any(pattern.search(folded) for pattern in _DISTRESS_RE)
