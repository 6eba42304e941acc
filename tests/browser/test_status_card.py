"""The case-status card in the widget, in Debian's chromium: one message, readable at 320 px
and 1280 px, no axe-core violations. BR_WRITE_SCREENSHOTS=1 refreshes docs/status-card.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import LiveGateway, axe_violations, screenshot_path
from tests.gateway.fake_rasa import STATUS_CARD

pytestmark = pytest.mark.browser


async def _show_card(browser: Browser, url: str, width: int) -> tuple[Page, object]:
    # The page's CSP forbids inline scripts; only the test's axe injection needs the bypass.
    context = await browser.new_context(bypass_csp=True,
                                        viewport={"width": width, "height": 900})
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_role("button", name="Chat med politiet").click()
    box = page.get_by_label("Skriv din besked")
    await box.fill("vis status")
    await box.press("Enter")
    await expect(page.locator(".brw-card")).to_have_count(1)
    return page, context


@pytest.mark.parametrize("width", [320, 1280])
async def test_the_status_card_is_one_readable_message(
    browser: Browser, live_gateway: LiveGateway, width: int
) -> None:
    page, context = await _show_card(browser, live_gateway.url, width)
    card = page.locator(".brw-card")
    await expect(card.get_by_role("heading", name=STATUS_CARD["heading"])).to_be_visible()
    await expect(card.locator("[aria-current='step']")).to_contain_text("Efterforskning")
    await expect(card).to_contain_text("tirsdag den 5. januar 2027")
    # One bot message for the whole status, and its buttons below it.
    await expect(page.locator(".brw-msg--bot")).to_have_count(1)
    await expect(page.get_by_role("button", name="Hvad kan jeg gøre nu?")).to_be_visible()
    assert await page.evaluate("() => document.documentElement.scrollWidth") <= width
    panel = await page.locator("#brw-panel").bounding_box()
    drawn = await card.bounding_box()
    assert panel is not None and drawn is not None
    assert drawn["x"] >= panel["x"] and drawn["x"] + drawn["width"] <= panel["x"] + panel["width"]
    assert await axe_violations(page) == []
    await context.close()  # type: ignore[attr-defined]


async def test_screenshot_of_the_status_card_for_the_readme(
    browser: Browser, live_gateway: LiveGateway, tmp_path: Path
) -> None:
    target = screenshot_path("status-card.png", tmp_path)
    page, context = await _show_card(browser, live_gateway.url, 900)
    await page.locator(".brw-msg--card").evaluate("e => e.scrollIntoView({block: 'start'})")
    await page.locator("#brw-panel").screenshot(path=str(target))
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    await context.close()  # type: ignore[attr-defined]
