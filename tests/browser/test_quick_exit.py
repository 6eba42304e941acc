"""The widget's "Forlad siden" (GOV.UK's "Exit this page" pattern) for a victim who is being
watched: the page is replaced at once by a neutral site, "Back" does not lead to the chat, the
browser's session storage is empty and the chat does not come back when the widget is opened
again."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, expect

from bot.gateway.cookies import COOKIE_NAME
from tests.browser.conftest import LiveGateway
from tests.gateway.fake_rasa import GREETING

pytestmark = pytest.mark.browser


@pytest.fixture
async def neutral_site(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """A neutral page on its own origin, set as BR_QUICK_EXIT_URL (no internet in tests)."""
    async def home(_request: web.Request) -> web.Response:
        return web.Response(text="<!doctype html><title>Nyheder</title><h1>Nyheder</h1>",
                            content_type="text/html")

    app = web.Application()
    app.router.add_get("/", home)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("/"))
    monkeypatch.setenv("BR_QUICK_EXIT_URL", url)
    yield url
    await server.close()


async def _chat_a_little(page: Page, url: str) -> None:
    # Something visited before: "Back" from the neutral site must land here, not on the chat.
    await page.goto(f"{url}/health/live")
    await page.goto(url)
    await page.get_by_role("button", name="Chat med politiet").click()
    box = page.get_by_label("Skriv din besked")
    await box.fill("hej")
    await box.press("Enter")
    await expect(page.get_by_role("log", name="Samtale")).to_contain_text(GREETING)
    assert await page.evaluate("sessionStorage.length") > 0


async def _nothing_to_go_back_to(page: Page, gateway: str, neutral: str) -> None:
    await page.wait_for_url(neutral)
    await page.go_back()
    assert page.url == f"{gateway}/health/live"  # the page before the chat, not the chat
    assert await page.evaluate("sessionStorage.length") == 0
    cookies = await page.context.cookies(gateway)
    assert not [c for c in cookies if c["name"] == COOKIE_NAME and c["value"]]
    # Opening the chat again starts afresh: nothing of the old conversation comes back.
    await page.goto(gateway)
    await page.get_by_role("button", name="Chat med politiet").click()
    await expect(page.get_by_label("Skriv din besked")).to_be_focused()
    await expect(page.locator(".brw-list > li")).to_have_count(0)


async def test_the_exit_button_replaces_the_page_and_forgets_the_chat(
    neutral_site: str, live_gateway: LiveGateway, browser: Browser
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    await _chat_a_little(page, live_gateway.url)
    await page.locator("#brw-panel").get_by_role("button", name="Forlad siden").click()
    await _nothing_to_go_back_to(page, live_gateway.url, neutral_site)
    await context.close()


async def test_escape_three_times_leaves_from_anywhere_on_the_page(
    neutral_site: str, live_gateway: LiveGateway, browser: Browser
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    await _chat_a_little(page, live_gateway.url)
    await page.keyboard.press("Escape")  # the first closes the chat panel ...
    await expect(page.locator("#brw-panel")).to_be_hidden()
    # ... and the exit stays in view beside the launcher.
    dock = page.locator(".brw-dock")
    await expect(dock.get_by_role("button", name="Forlad siden")).to_be_visible()
    await page.keyboard.press("Escape")
    await page.keyboard.press("Escape")
    await _nothing_to_go_back_to(page, live_gateway.url, neutral_site)
    await context.close()


async def test_one_escape_only_closes_the_chat(
    neutral_site: str, live_gateway: LiveGateway, browser: Browser
) -> None:
    page = await browser.new_page()
    await page.goto(live_gateway.url)
    await page.get_by_role("button", name="Chat med politiet").click()
    await page.keyboard.press("Escape")
    await expect(page.locator("#brw-panel")).to_be_hidden()
    await page.wait_for_timeout(300)
    assert page.url.startswith(live_gateway.url)


async def test_the_exit_url_is_the_configured_one_on_the_page(
    neutral_site: str, live_gateway: LiveGateway, browser: Browser
) -> None:
    page = await browser.new_page()
    await page.goto(live_gateway.url)
    script = page.locator("script[src='/static/widget.js']")
    assert await script.get_attribute("data-exit-url") == neutral_site
