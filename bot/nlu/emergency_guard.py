"""A rule-based safety net that forces the `emergency` intent for unmistakable danger.

Sending "Ring 112" too late is the worst error this bot can make, so the statistical classifier
is not trusted alone: this component runs after DIET and before the FallbackClassifier and
overrides the intent when the text names acute danger (fire, weapons, shots, bleeding, someone
not breathing, someone else attempting suicide, "lige nu"). Plain questions about past or
habitual events ("jeg blev slået i går, hvordan anmelder jeg det?") are left to the classifier.
A citizen's own thoughts of suicide or self-harm are distress (bot/nlu/distress_guard.py).
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.stateless import StatelessComponent
from bot.safety.emergency import EMERGENCY_INTENT, looks_like_emergency


class RuleGuard(StatelessComponent):
    """Forces `intent` whenever `matches(text)`: a safety net the trained model cannot undo.

    Subclasses only name the intent and the rule; registered after DIET in `config.yml`.
    """

    intent = ""

    @staticmethod
    def matches(text: str) -> bool:
        raise NotImplementedError

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.matches(message.get("text") or ""):
                force_intent(message, self.intent)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyGuard(RuleGuard):
    """Overrides the predicted intent with `emergency` when `looks_like_emergency`."""

    intent = EMERGENCY_INTENT
    matches = staticmethod(looks_like_emergency)


def force_intent(message: Message, intent: str) -> None:
    """Make `intent` the certain answer, whatever the classifier ranked first.

    Full confidence and zero for the rest: otherwise the FallbackClassifier after us would call
    a close second intent "ambiguous" and answer with a clarification.
    """
    forced = {"name": intent, "confidence": 1.0}
    ranking = [forced] + [
        {**r, "confidence": 0.0}
        for r in (message.get("intent_ranking") or [])
        if r.get("name") != intent
    ]
    message.set("intent", forced, add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
