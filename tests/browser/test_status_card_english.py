"""The case-status card in an English chat, drawn by the widget in Debian's chromium (issue #18).

The card is the real one of bot/cases/card.py for an English chat; its headings come with it,
so the widget draws no Danish around English facts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from playwright.async_api import Browser, expect

from bot.cases.card import StatusCard, card_fallback_text, victim_status_card
from bot.cases.status import CaseFile
from bot.settings import PROJECT_ROOT
from tests.browser.conftest import serve_with
from tests.cases.sample_case import CASE, DECISIONS, EVENTS, TODAY

pytestmark = pytest.mark.browser


def _english_card() -> StatusCard:
    return victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=PROJECT_ROOT / "knowledge", language="en")


async def _rasa(request: web.Request) -> web.Response:
    """Rasa's REST channel answering every message with the English card (as the action does)."""
    body = await request.json()
    card = _english_card()
    fallback = card_fallback_text(card)
    return web.json_response([
        {"recipient_id": body["sender"], "text": fallback, "buttons": card["buttons"]},
        {"recipient_id": body["sender"], "custom": {"status_card": card, "fallback": fallback}},
    ])


@pytest.fixture
async def english_card_gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    rasa = web.Application()
    rasa.router.add_post("/webhooks/rest/webhook", _rasa)
    async with serve_with(rasa, monkeypatch, {}) as url:
        yield url


async def test_the_english_card_has_english_headings(
    browser: Browser, english_card_gateway: str
) -> None:
    context = await browser.new_context(locale="en-GB")
    page = await context.new_page()
    await page.goto(english_card_gateway)
    await page.get_by_role("button", name="Chat with the police").click()
    box = page.get_by_label("Write your message")
    await box.fill("what is the status of my case")
    await box.press("Enter")
    card = page.locator(".brw-card")
    await expect(card).to_have_count(1)
    for heading in ("This is where your case is now", "What it means", "Dates and deadlines",
                    "Contact"):
        await expect(card.get_by_role("heading", name=heading)).to_be_visible()
    await expect(card.get_by_role("list", name="The steps of the case")).to_be_visible()
    await expect(card.locator("[aria-current='step']")).to_contain_text("(the case is here now)")
    await expect(card).to_contain_text("Your contact person is police officer Mette Holm.")
    drawn = await card.inner_text()
    # The widget's own Danish headings (for cards stored before they carried labels) stay out.
    for danish in ("Her er din sag nu", "Sagens trin", "Hvad det betyder", "Datoer og frister",
                   "Kontakt", "afsluttet", "her er sagen nu", "kan komme senere"):
        assert danish not in drawn
    await context.close()
