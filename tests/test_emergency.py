"""The emergency rule: danger now gets "Ring 112" first, for phrasings the model never saw."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from tests import rasa_agent

trained_agent = rasa_agent.trained_agent  # a Rasa-side fixture (tests/sides.py)

PHRASINGS_FILE = Path(__file__).parent / "data" / "emergency_phrasings.txt"


def _held_out_phrasings() -> list[str]:
    lines = PHRASINGS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_held_out_set_is_large_enough_to_mean_something() -> None:
    assert len(_held_out_phrasings()) >= 40


@pytest.mark.model
async def test_every_held_out_emergency_phrasing_is_classified_as_emergency(
    trained_agent: Any,
) -> None:
    missed = []
    for text in _held_out_phrasings():
        parsed = await trained_agent.parse_message(text)
        if parsed["intent"]["name"] != "emergency":
            missed.append(
                (text, parsed["intent"]["name"], round(parsed["intent"]["confidence"], 2))
            )
    assert missed == []


@pytest.mark.model
@pytest.mark.parametrize(
    "opening",
    ["hej", "hvad kan du hjælpe med", "tak"],
)
async def test_emergency_gets_ring_112_as_the_very_first_reply_in_any_state(
    trained_agent: Any, opening: str
) -> None:
    sender = f"test-{uuid.uuid4().hex}"
    await trained_agent.handle_text(opening, sender_id=sender)
    replies = await trained_agent.handle_text("han slår mig lige nu", sender_id=sender)
    assert replies, "the bot must never be silent on an emergency"
    assert replies[0]["text"].startswith("Ring 112")
    assert any("114" in reply.get("text", "") for reply in replies)
