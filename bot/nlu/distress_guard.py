"""A rule-based safety net for distress: thoughts of suicide or self-harm get 112 and Livslinien.

When a citizen writes that they cannot go on, want to die or hurt themselves, the first answer
must be "ring 112 if your life is in danger" and Livslinien's number, never a knowledge answer
or "Mente du ...?". This component runs after the emergency guard and forces the
`sensitive_suicidal_thoughts` intent, whose rule gives that hotline (domain/handover.yml) and
hands over to a person. It also overrides `emergency`: the distress answer starts with 112 too.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.emergency_guard import fold_text, force_intent

DISTRESS_INTENT = "sensitive_suicidal_thoughts"

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
]
_DISTRESS_RE = [re.compile(pattern) for pattern in _DISTRESS]


def looks_like_distress(text: str) -> bool:
    """True when the text speaks of wanting to die or to hurt oneself."""
    folded = fold_text(text)
    return bool(folded) and any(pattern.search(folded) for pattern in _DISTRESS_RE)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class DistressGuard(GraphComponent):
    """Overrides the predicted intent with `sensitive_suicidal_thoughts` on distress."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DistressGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if looks_like_distress(message.get("text") or ""):
                force_intent(message, DISTRESS_INTENT)
        return messages
