"""When the bot is unsure, danger still comes first.

The "Mente du ...?" answer (action_clarify) runs on `nlu_fallback`. If the classifier thought
an emergency was likely, the citizen must see "Ring 112" before any suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.safety.emergency import EMERGENCY_INTENT

FALLBACK_INTENT = "nlu_fallback"
# An emergency this likely is never dropped silently, even when another intent ranks higher.
EMERGENCY_HINT_CONFIDENCE = 0.2


def emergency_is_likely(ranking: Sequence[dict[str, Any]]) -> bool:
    """True when `emergency` is the top real intent or has a confidence worth acting on."""
    real = [item for item in ranking if item.get("name") != FALLBACK_INTENT]
    if real and real[0].get("name") == EMERGENCY_INTENT:
        return True
    return any(
        item.get("name") == EMERGENCY_INTENT
        and float(item.get("confidence") or 0.0) >= EMERGENCY_HINT_CONFIDENCE
        for item in real
    )
