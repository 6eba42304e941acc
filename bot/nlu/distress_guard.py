"""A rule-based safety net for distress: thoughts of suicide or self-harm get 112 and Livslinien.

When a citizen writes that they cannot go on, want to die or hurt themselves, the first answer
must be "ring 112 if your life is in danger" and Livslinien's number, never a knowledge answer
or "Mente du ...?". This component runs after the emergency guard and forces the
`sensitive_suicidal_thoughts` intent, whose rule gives that hotline (domain/handover.yml) and
hands over to a person. It also overrides `emergency`: the distress answer starts with 112 too.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.emergency_guard import RuleGuard
from bot.safety.distress import DISTRESS_INTENT, looks_like_distress


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DistressGuard(RuleGuard):
    """Overrides the predicted intent with `sensitive_suicidal_thoughts` on distress."""

    intent = DISTRESS_INTENT
    matches = staticmethod(looks_like_distress)
