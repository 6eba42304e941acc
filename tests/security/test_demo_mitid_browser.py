"""The demo page's "Log ind med MitID (demo)" in Chromium, against the real Rasa stack.

The newcomer's path end to end: the button mints a token with the machine's demo key, the
gateway verifies it like a broker's token, and the chat then shows the demo citizen's own case
(the action server believes the gateway's signed claim). Runs under the page's strict CSP:
no inline script, and any CSP violation fails the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, expect

from bot.cases.demo import demo_cases
from bot.identity_demo import demo_person_ref
from bot.ports import free_port
from bot.settings import load_settings
from bot.webapp import init_app
from tests.reliability.processes import RasaStack
from tests.security.test_identity_behind_the_gateway import cases  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture
async def live_url(
    cases: RasaStack, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> AsyncIterator[str]:
    """The real gateway on a real port, talking to the real Rasa and action server."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", url)
    server = TestServer(init_app(load_settings()), host="127.0.0.1", port=port)
    await server.start_server()
    yield url
    await server.close()


async def test_the_demo_mitid_button_logs_in_and_the_chat_shows_the_own_case(
    browser: Browser, live_url: str
) -> None:
    person = demo_person_ref()
    journal = next(d.case.journal_number for d in demo_cases()
                   if any(p.person_ref == person for p in d.case.parties))
    page = await browser.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    await page.goto(live_url)

    await page.get_by_role("button", name="Log ind med MitID (demo)").click()
    await expect(page.locator("#mitid-demo-status")).to_contain_text(
        "Tak. Vi har bekræftet, hvem du er.")

    await page.get_by_role("button", name="Chat med politiet").click()
    box = page.get_by_label("Skriv din besked")
    await box.fill("hvor langt er min sag")
    await box.press("Enter")
    log = page.get_by_role("log", name="Samtale")
    await expect(log).to_contain_text(f"Din sag {journal}", timeout=30_000)
    await expect(log).to_contain_text("Her er din sag nu")
    assert violations == []
