"""After "Ring 112": the one knowledge entry whose help follows the emergency answer, if any.

A citizen who writes "min kæreste slår mig" or "en fyr følger efter mig hver dag" gets the
emergency answer first (112, then 114). Such a message is also a disclosure of violence in a
close relationship or of stalking, so the bot then gives that entry's answer (Lev Uden Vold's
1888, tilhold, the stalking logbook). Only these entries may follow 112, never anything else.

The rule is deterministic and uses only the parsed message, so the action
(actions/emergency_help.py) and the benchmark (bot/knowledge/evaluate.py) call the same
function on the same input:

1. words on the folded text: a close relation (min kæreste, min mand, min far, ...) who hits,
   threatens or is violent -> `vold_i_naere_relationer`; following, "forfølger", stalking, or
   watching / turning up again and again -> `stalking`;
2. otherwise the intent ranking: the highest-ranked follow-up intent whose confidence is at
   least FOLLOW_UP_CONFIDENCE. When the emergency guard forced the intent, every other
   confidence is 0 (bot/nlu/emergency_guard.py), so only the words can choose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.safety.emergency import fold_text

DOMESTIC_VIOLENCE = "vold_i_naere_relationer"
STALKING = "stalking"
# The only entries that may follow the emergency answer, by the intents that point to them.
FOLLOW_UP_BY_INTENT: Mapping[str, str] = {
    f"kb_{DOMESTIC_VIOLENCE}": DOMESTIC_VIOLENCE,
    # The sensitive-topic handover for the same disclosure names the same hotline (1888).
    "sensitive_close_relationship_violence": DOMESTIC_VIOLENCE,
    f"kb_{STALKING}": STALKING,
}
FOLLOW_UP_ENTRIES = frozenset(FOLLOW_UP_BY_INTENT.values())
# The classifier's own belief must be clear before a topic is added after 112.
FOLLOW_UP_CONFIDENCE = 0.2

# Matched on folded text (æ->ae, ø->oe, å->aa), Danish and English side by side.
_OWNER = r"(?:min|mit|mine|vores|hendes|hans|sin|sit|my|our|her|his)"
_RELATION = (
    r"(?:kaereste|kaeresten|kareste|kerste|mand|kone|hustru|samlever|partner|eks|ex"
    r"|eksmand|exmand|ekskone|exkone|eks-?kaereste|ex-?kaereste|aegtefaelle|aegtemand"
    r"|far|mor|stedfar|stedmor|papfar|bonusfar|bror|soester|soen|datter|svigersoen"
    r"|boyfriend|girlfriend|husband|wife|ex-?boyfriend|ex-?girlfriend|ex-?husband|ex-?wife"
    r"|dad|father|mum|mom|mother|stepdad|stepfather|brother|son|daughter)"
)
# The doer's own partner as the one harmed: "han slår sin kone", "he is beating his wife".
_OWN_PARTNER = (
    r"(?:sin|sit|hans|hendes|his|her|their) (?:\w+ )?(?:kaereste|kaeresten|kareste|mand|kone"
    r"|hustru|samlever|partner|aegtefaelle|boyfriend|girlfriend|husband|wife)"
)
# Done by the relation to a person: "slår mig", "truer med", "er voldelig". An object is
# required, so "min søn bliver slået", "min far har slået hovedet" and "my dad is choking"
# do not count.
_VERB = (
    r"(?:slaar|slar|slog|slaaet|slaet|banker|bankede|taesker|taeskede|taever|sparker"
    r"|sparkede|kvaeler|kvalte|kvalt|skubber|skubbede|truer|truede|truet|mishandler"
    r"|mishandlede|hits?|hitting|beats?|beating|punch(?:es|ed|ing)?|kicks?|kicked|kicking"
    r"|chokes?|choked|choking|strangl\w*|threaten\w*|abus(?:es|ed|ing)|hurts)"
)
_OBJECT = (
    r"(?:mig|os|hende|ham|dem|min|mit|mine|vores|sin|sit|sine|boernene|bornene|med"
    r"|me|us|her|him|them|my|our|the kids|the children|to)"
)
_HARMS = (
    rf"(?:{_VERB} (?:loes paa |on )?{_OBJECT}|(?:er|var|bliver) voldelig"
    r"|(?:is|was|gets) (?:violent|abusive))"
)
_PASSIVE = r"(?:bliver|blev|blevet|blive|is being|was|been|gets|got)"
_HARMED = (
    r"(?:slaaet|slaet|banket|taesket|sparket|kvalt|skubbet|truet|mishandlet|overfaldet"
    r"|hit|beaten|kicked|punched|choked|threatened|abused|attacked)"
)
_DOMESTIC_VIOLENCE = [
    # "min kæreste slår mig", "min far har slået min mor", "my husband keeps hitting me"
    re.compile(
        rf"\b{_OWNER} (?:\w+ )?{_RELATION}\b(?: (?!{_PASSIVE}\b)[\w'-]+){{0,3}} {_HARMS}\b"
    ),
    # "han slår sin kone", "he is beating his wife" (not "en mand slår min kone": a stranger)
    re.compile(rf"\b{_VERB} (?:loes paa |on )?{_OWN_PARTNER}\b"),
    # "jeg er blevet slået af min mand", "i was hit by my boyfriend"
    re.compile(rf"\b{_HARMED} (?:\w+ )?(?:af|by) {_OWNER} (?:\w+ )?{_RELATION}\b"),
    re.compile(
        r"\b(?:partnervold|familievold|kaerestevold|vold i (?:hjemmet|familien|naere relationer)"
        r"|vold (?:der)?hjemme|domestic (?:violence|abuse))\b"
    ),
]
_REPEATEDLY = (
    r"(?:hele tiden|igen og igen|hver dag|naesten hver dag|hver aften|hver morgen|hver nat"
    r"|hver uge|altid|overalt|alle steder|konstant|bliver ved|dag efter dag|all the time"
    r"|every day|every night|again and again|everywhere|keeps?|constantly)"
)
_PRESENT = (
    r"(?:holder (?:oe|o)je med|overv(?:aa|a)ger|dukker (?:\w+ )?op|watch(?:es|ing)? (?:me|my)"
    r"|(?:turn|show)(?:s|ing)? up)"
)
_STALKING = [
    re.compile(r"\bstalk\w*|\bforf(?:oe|o)lg\w*|\bforfulgt\b"),
    # "en fyr følger efter mig", "someone is following me"
    re.compile(
        r"\b(?:foelger|folger|fulgte|fulgt) (?:\w+ )?efter (?:mig|os)\b"
        r"|\b(?:following|followed|follows) (?:me|us)\b"
    ),
    # Watching and turning up count only when it happens again and again.
    re.compile(
        rf"\b{_PRESENT}\b.*\b{_REPEATEDLY}\b|\b{_REPEATEDLY}\b.*\b{_PRESENT}\b"
    ),
]


def _named_in(folded: str) -> str | None:
    if any(pattern.search(folded) for pattern in _DOMESTIC_VIOLENCE):
        return DOMESTIC_VIOLENCE
    if any(pattern.search(folded) for pattern in _STALKING):
        return STALKING
    return None


def _ranked_first(ranking: Sequence[Mapping[str, Any]]) -> str | None:
    for item in ranking:
        entry = FOLLOW_UP_BY_INTENT.get(str(item.get("name")))
        if entry and float(item.get("confidence") or 0.0) >= FOLLOW_UP_CONFIDENCE:
            return entry
    return None


def emergency_follow_up(text: str, ranking: Sequence[Mapping[str, Any]]) -> str | None:
    """The entry id whose help follows the emergency answer to `text`, or None.

    `ranking` is the parsed message's `intent_ranking` (names and confidences).
    """
    return _named_in(fold_text(text)) or _ranked_first(ranking)
