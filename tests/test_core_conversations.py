"""The basic Danish conversations of the foundation, against the trained model."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests import rasa_agent

trained_agent = rasa_agent.trained_agent  # a Rasa-side fixture (tests/sides.py)

pytestmark = pytest.mark.model


async def _reply_texts(agent: Any, text: str, sender: str | None = None) -> list[str]:
    replies = await agent.handle_text(text, sender_id=sender or f"test-{uuid.uuid4().hex}")
    return [reply.get("text", "") for reply in replies]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hejsa", "greet"),
        ("godmorgen", "greet"),
        ("farvel og tak for nu", "goodbye"),
        ("tusind tak for hjælpen", "thank"),
        ("hvad kan du egentlig hjælpe mig med", "ask_capabilities"),
        pytest.param(
            "hvem vinder mesterskabet i håndbold", "out_of_scope",
            # Known regression of the merged model (English examples + n-gram vote, 2026-12-01):
            # read as kb_vold_i_naere_relationer. Needs out-of-scope training data and a retrain.
            marks=pytest.mark.xfail(reason="sports question misread as a knowledge topic",
                                    strict=False),
        ),
        ("kan jeg få lov at tale med et rigtigt menneske", "request_human"),
    ],
)
async def test_everyday_phrasings_are_understood(
    trained_agent: Any, text: str, intent: str
) -> None:
    parsed = await trained_agent.parse_message(text)
    assert parsed["intent"]["name"] == intent


async def test_greeting_introduces_the_bot_in_danish(trained_agent: Any) -> None:
    texts = await _reply_texts(trained_agent, "hej")
    assert texts and "borgerrådgiver" in texts[0]


async def test_out_of_scope_is_polite_says_what_it_can_do_and_offers_a_person(
    trained_agent: Any,
) -> None:
    replies = await trained_agent.handle_text(
        "kan du anbefale en god restaurant", sender_id=f"test-{uuid.uuid4().hex}"
    )
    assert "desværre" in replies[0]["text"]
    titles = [button["title"] for button in replies[0].get("buttons", [])]
    assert "Tal med en borgerrådgiver" in titles
