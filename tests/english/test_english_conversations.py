"""English conversations through the gateway against the trained model (issue #18).

A knowledge question, case status with verification, a follow-up request and a handover to an
advisor who answers in English: every reply the citizen reads is English.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.cases.demo import demo_logins, load_demo
from bot.db import make_engine, make_session_factory, session_scope
from bot.gateway.conversation import deliver_to_citizen
from bot.handover import context as ctx
from bot.models.chat import SENDER_ADVISOR
from bot.models.handover import Handover
from bot.settings import DatabaseSettings
from tests.reliability.conftest import ORIGIN, history, start_chat
from tests.reliability.processes import RasaStack

pytestmark = pytest.mark.model

_ids = itertools.count(1)
DANISH_MARKERS = ("Jeg ", " du ", "Hvad ", "Skriv ", "Tak.", "sagen", "Ring 114")


async def _english_chat(client: TestClient) -> None:
    await start_chat(client)
    response = await client.post("/api/session/language", json={"language": "en", "chosen": True},
                                 headers={"Origin": ORIGIN})
    assert response.status == 200


async def _say(client: TestClient, text: str) -> list[str]:
    """Send one message; the bot's (and system's) lines of that turn."""
    before = await history(client)
    response = await client.post(
        "/api/messages", json={"client_id": f"english-{next(_ids):06d}", "text": text},
        headers={"Origin": ORIGIN},
    )
    assert response.status == 200, await response.text()
    after = await history(client, after=max((m["seq"] for m in before), default=0))
    return [m["text"] for m in after if m["sender"] != "citizen"]


def _is_english(lines: list[str]) -> bool:
    return bool(lines) and not any(marker in line for line in lines for marker in DANISH_MARKERS)


async def test_a_knowledge_question_in_english(gateway: TestClient) -> None:
    await _english_chat(gateway)
    lines = await _say(gateway, "how can i get a copy of the verdict in my case")
    assert any("copy of the judgment" in line for line in lines), lines
    assert _is_english(lines), lines


async def test_violence_from_a_partner_gets_112_first_then_the_hotline_in_english(
    gateway: TestClient,
) -> None:
    await _english_chat(gateway)
    lines = await _say(gateway, "my boyfriend is hitting me right now")
    assert lines and lines[0].startswith("Call 112"), lines
    assert any("1888" in line for line in lines[1:]), lines
    assert _is_english(lines), lines


async def test_case_status_with_verification_in_english(
    gateway: TestClient, stack: RasaStack
) -> None:
    engine = make_engine(DatabaseSettings(url=stack.database_url))
    load_demo(make_session_factory(engine))
    victim = demo_logins()[0]
    await _english_chat(gateway)
    lines = await _say(gateway, "what is the status of my case")
    assert any("case number" in line for line in lines), lines
    lines = await _say(gateway, victim.journal_number)
    assert any("personal code" in line for line in lines), lines
    lines = await _say(gateway, victim.receipt_code)
    card = "\n".join(lines)
    assert f"Your case {victim.journal_number} is now at this step" in card, card
    # The status card's short text fallback (the widget draws the card itself): English dates.
    assert re.search(r"Apply for compensation by: \w+day \d{1,2} [A-Z][a-z]+ \d{4}\.", card), card
    assert "senest den" not in card and "Din sag" not in card


async def test_a_follow_up_request_in_english(gateway: TestClient) -> None:
    await _english_chat(gateway)
    lines = await _say(gateway, "i feel unsafe and want the police to call me")
    assert any("What is your name?" in line for line in lines), lines
    assert _is_english(lines), lines
    lines = await _say(gateway, "Anne Hansen")
    assert any("Which phone number can we call?" in line for line in lines), lines


async def test_a_handover_to_an_advisor_who_answers_in_english(
    gateway: TestClient, stack: RasaStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _english_chat(gateway)
    lines = await _say(gateway, "i want to talk to a person")
    text = "\n".join(lines)
    assert "citizen advisor" in text, lines
    assert _is_english(lines), lines
    engine = make_engine(DatabaseSettings(url=stack.database_url))
    with session_scope(make_session_factory(engine)) as session:
        handover = session.query(Handover).order_by(Handover.id.desc()).first()
        assert handover is not None
        packet: dict[str, Any] = dict(ctx.loads(str(handover.context_json)))
        session_id = str(handover.session_id)
    assert packet["language"] == "en"
    await deliver_to_citizen(gateway.server.app, session_id, sender=SENDER_ADVISOR,
                             text="Hello, my name is Mette. How can I help you?")
    shown = [m["text"] for m in await history(gateway) if m["sender"] == "advisor"]
    assert shown == ["Hello, my name is Mette. How can I help you?"]
