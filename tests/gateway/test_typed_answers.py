"""Typed answers to the buttons just shown count as the press; the status card is one line."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from tests.gateway.conftest import (
    ORIGIN,
    FakeRasa,
    MakeClient,
    post_text,
    start_chat,
)
from tests.gateway.fake_rasa import CALLBACK_BUTTONS, STATUS_CARD, STATUS_FALLBACK


async def _history(client: TestClient) -> list[dict[str, Any]]:
    response = await client.get("/api/messages?after=0", headers={"Origin": ORIGIN})
    return list((await response.json())["messages"])


async def test_typed_ja_to_a_yes_no_question_is_the_yes_button(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "typed-0001", "luk")
    await post_text(client, "typed-0002", "ja tak")
    assert fake_rasa.received[-1]["message"] == CALLBACK_BUTTONS[0]["payload"]
    # The citizen's own words stay in the transcript.
    assert [m["text"] for m in await _history(client)][-2] == "ja tak"


async def test_typed_nej_tak_is_the_no_button_and_other_text_stays_text(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "typed-0003", "luk")
    await post_text(client, "typed-0004", "nej tak")
    assert fake_rasa.received[-1]["message"] == "/deny"
    await post_text(client, "typed-0005", "luk")
    await post_text(client, "typed-0006", "hvad koster det")
    assert fake_rasa.received[-1]["message"] == "hvad koster det"


async def test_the_status_card_is_one_message_with_its_buttons(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "typed-0007", "vis status")
    bot = [m for m in await _history(client) if m["sender"] == "bot"]
    assert len(bot) == 1
    assert bot[0]["text"] == STATUS_FALLBACK
    assert bot[0]["card"]["heading"] == STATUS_CARD["heading"]
    # Stored masked like any transcript line.
    assert "12 34 56 78" not in str(bot[0]["card"])
    assert [b["title"] for b in bot[0]["buttons"]] == ["Hvad kan jeg gøre nu?",
                                                       "Tal med en borgerrådgiver"]
    # A follow-up typed as the button's title is the button.
    await post_text(client, "typed-0008", "hvad kan jeg gøre nu?")
    assert fake_rasa.received[-1]["message"] == '/ask_case_status{"case_topic": "next"}'
