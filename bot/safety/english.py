"""English patterns for the emergency and distress guards (issue #18): the same safety in English.

Matched on the same folded, lower-case text as the Danish patterns. Danish words that look like
English ones are avoided on purpose: "fire" is Danish for four, so a fire needs "on fire",
"a fire" or "fire in"; "hit" alone is left out ("hit" is Danish slang too).
"""

from __future__ import annotations

_NOT = r"(?:not|n't|nt|dont|don't|do not)"
_MORE = r"(?:anymore|any more|any longer)"

# Danger happening now, as in bot/nlu/emergency_guard.py.
ACUTE = [
    r"\bright now\b",
    r"\bhappening (?:now|right now)\b",
    r"\bas we speak\b",
    r"\b(?:is|are|it's|its) on fire\b",
    r"\b(?:there is|there's|theres) (?:a )?fire\b",
    r"\bfire in (?:the|my|our)\b",
    r"\b(?:house|car|flat|apartment|building|school) is burning\b",
    r"\bset (?:\w+ )?on fire\b",
    r"\b(?:shots|shooting|shot|shoot|gunshots?|gunfire)\b",
    r"\b(?:gun|pistol|rifle|bomb|explosives?|machete)\b",
    r"\b(?:with|has|had|holding|pulled|carrying|waving) (?:a |an )?knife\b",
    r"\bknife\b.*\b(?:threat\w*|outside|inside|help|stab\w*)\b",
    r"\bstabbed\b|\bstabbing\b",
    r"\bbleeding\b",
    r"\bunconscious\b|\blifeless\b|\bnot breathing\b|\b(?:isn't|isnt|stopped) breathing\b",
    r"\bdrowning\b",
    r"\b(?:going to|gonna|will|wants to|trying to|threatens to) kill (?:me|us|her|him|them)\b",
    r"\bkill (?:himself|herself|themselves)\b",
    r"\bkidnap|\babduct",
    r"^(?:help|help me|please help|help us)[ !]*!+$",
    r"\bhelp help\b",
    r"\bsend (?:the police|police|help|an ambulance|someone)\b",
    r"\b(?:is|are) (?:breaking|trying to break|trying to get) in",
    r"\bbreaking into\b",
    r"\bsomeone is (?:in|inside) (?:my|our) (?:house|home|flat|apartment)\b",
    r"\b(?:is|are|keeps) (?:hitting|beating|attacking|choking|strangling|kicking|punching)"
    r" (?:me|us|her|him|them|my|a|someone)\b",
    r"\b(?:am|are|is|im|i'm|we're) being (?:attacked|beaten|robbed|stabbed|threatened|chased"
    r"|followed)\b",
    r"\b(?:i am|i'm|im|we are|we're|she is|she's|he is|he's|they are|someone is) in danger\b",
    r"\b(?:run over|hit by a car|badly (?:hurt|injured)|seriously (?:hurt|injured))\b",
    r"\b(?:screaming|shouting|crying) for help\b",
    # v2 (after the English batch of tests/data/emergency_phrasings.txt)
    r"\bkick(?:ing|s)? (?:in|down) (?:the|my|our|a) (?:\w+ )?door\b",
    r"\b(?:fighting|fight) with (?:knives|a knife|guns|a gun)\b|\bknife fight\b",
]

# Signs the English text is about the past or a general question (as _PAST in Danish).
PAST = (
    r"|\byesterday\b|\blast (?:night|week|month|year|weekend)\b"
    r"|\b\w+ (?:days|weeks|months|years) ago\b|\bhow (?:do|can) i report\b"
    r"|\bwhat (?:do|should) i do if\b|\bif i\b|\bsometimes\b|\boften\b|\bfor years\b"
)

# "it is not happening right now": the citizen says it is NOT happening now.
NOT_NOW = r"|\b(?:not|isn't|isnt) (?:\w+ )?(?:right now|now)\b"

# A citizen's own thoughts of suicide or self-harm, as in bot/nlu/distress_guard.py.
DISTRESS = [
    r"\bsuicid",
    r"\bkill(?:ing)? myself\b",
    r"\b(?:end|ending) (?:my life|it all|everything)\b",
    r"\b(?:want|wanna|going|ready) to die\b",
    r"\bi (?:just )?want to disappear\b",
    rf"\b{_NOT} want to (?:live|be alive|be here|exist|wake up)\b",
    r"\b(?:hurt|hurting|cut|cutting|harm|harming) myself\b",
    r"\bself[- ]?harm",
    r"\b(?:no reason|nothing) (?:left )?to live for\b|\bno reason to live\b",
    r"\b(?:better off|be better) without me\b|\bi am a burden\b|\bi'm a burden\b",
    rf"\bcan'?t (?:go on|take it|cope|do this)(?: {_MORE})?\s*(?:$|[.!,]|and\b)",
    r"\bwish i (?:was|were) dead\b",
    r"\btake my (?:own )?life\b",
    r"\boverdose\b|\b(?:took|take|taking|swallow) all (?:my|the|of my) pills\b",
    r"\bjump (?:off|in front of|from)\b",
    r"\bsuicide note\b|\bgoodbye letter\b",
    r"\bno one (?:would|will) miss me\b|\bnobody (?:would|will) miss me\b",
    r"\btired of (?:living|life|being alive)\b",
    r"\blife (?:is|has) (?:no|not) (?:worth|meaning|point)\b|\bno point (?:in )?living\b",
    # v2 (after the English batch of tests/data/distress_phrasings.txt)
    r"\b(?:going to|gonna|will|want to) end it (?:tonight|today|now|soon)\b",
]
