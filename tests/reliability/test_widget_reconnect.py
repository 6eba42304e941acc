"""The gateway crashes and comes back while a citizen has the widget open in Chromium:
the widget reconnects by itself, sends what was typed meanwhile, and duplicates nothing."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.browser.conftest import browser  # noqa: F401  (fixture)
from tests.reliability.processes import ManagedProcess, RasaStack

pytestmark = [pytest.mark.model, pytest.mark.browser]

OFFLINE = "Forbindelsen er afbrudt"


async def test_the_widget_reconnects_after_a_gateway_crash_and_loses_nothing(
    stack: RasaStack, gateway_proc: ManagedProcess, browser: Browser  # noqa: F811
) -> None:
    base = gateway_proc.health_url.removesuffix("/health/live")
    page = await browser.new_page()
    await page.goto(base)
    await page.get_by_role("button", name="Chat med politiet").click()
    box = page.get_by_label("Skriv din besked")
    await box.fill("hej")
    await box.press("Enter")
    bot = page.locator(".brw-msg--bot")
    await expect(bot).to_have_count(1, timeout=20_000)

    gateway_proc.kill()
    await expect(page.locator(".brw-status")).to_contain_text(OFFLINE, timeout=10_000)
    await box.fill("hvad er en henlæggelse")
    await box.press("Enter")  # typed while the gateway is down: kept in the widget's outbox
    gateway_proc.start()
    gateway_proc.wait_healthy(60)

    await expect(bot).to_have_count(2, timeout=40_000)
    await expect(page.locator(".brw-status")).not_to_contain_text(OFFLINE)
    citizen = await page.locator(".brw-msg--citizen").all_inner_texts()
    assert [line.count("henlæggelse") for line in citizen] == [0, 1]
    seqs = await page.locator(".brw-list > li").evaluate_all(
        "items => items.map(li => Number(li.dataset.seq))")
    assert seqs == list(range(1, len(seqs) + 1))

    # And the chat simply goes on.
    await box.fill("tak")
    await box.press("Enter")
    await expect(page.locator(".brw-msg--citizen")).to_have_count(3)
    await expect(bot).to_have_count(3, timeout=20_000)
