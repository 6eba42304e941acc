"""An unsure classification that leans towards danger still counts as a likely emergency."""

from __future__ import annotations

import pytest

from bot.knowledge.safety import emergency_is_likely


def _ranking(*pairs: tuple[str, float]) -> list[dict[str, object]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


@pytest.mark.parametrize(
    ("ranking", "likely"),
    [
        (_ranking(("nlu_fallback", 0.55), ("emergency", 0.3)), True),
        (_ranking(("sensitive_threats", 0.5), ("emergency", 0.21)), True),
        (_ranking(("kb_anmeldelse", 0.6), ("emergency", 0.1)), False),
        (_ranking(("nlu_fallback", 0.55), ("greet", 0.4)), False),
        ([], False),
    ],
)
def test_emergency_is_likely(ranking: list[dict[str, object]], likely: bool) -> None:
    assert emergency_is_likely(ranking) is likely
