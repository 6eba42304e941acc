"""XSS: citizen text with HTML, scripts, `javascript:` links, SVG and Markdown tricks is shown
as text, in the citizen's widget and in the advisor console, checked in real Chromium.

The pages' Content-Security-Policy would stop inline scripts anyway; the browser contexts
here bypass it, so a payload that got into the DOM as markup would really run and set
`window.__xss`, and the test would see it.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from playwright.async_api import Browser, Page, expect

from bot.console.auth import create_account
from bot.db import make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.handover import repository
from bot.models.chat import ChatSession
from bot.models.handover import STATUS_WAITING
from bot.settings import load_settings
from tests.browser.conftest import LiveGateway

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '<svg onload="window.__xss = 3"><circle r=9 /></svg>',
    "[klik her](javascript:window.__xss=4)",
    "![](x onerror=window.__xss=5)",
    '<a href="javascript:window.__xss=6">link</a>',
    "javascript:window.__xss=7",
    '"><iframe src="javascript:window.__xss=8"></iframe>',
    "<b onmouseover=window.__xss=9>fed</b> &lt;i&gt;",
]
PASSWORD = "korrekt-hest-batteri-xss"
# The console's own DKFDS icons are <svg class="icon-svg">; any other svg is a payload.
DANGEROUS = ("script, img, svg:not(.icon-svg), iframe, object, embed, b, i, [onload], [onerror], "
             "[onmouseover]")


async def _no_markup_ran(page: Page, container: str) -> None:
    assert await page.evaluate("() => window.__xss") is None
    assert await page.locator(container).locator(DANGEROUS).count() == 0
    hrefs = await page.locator(container).locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("https://", "http://", "/", "#", "mailto:")) for h in hrefs), hrefs


async def _citizen_says_everything(page: Page, url: str) -> None:
    await page.goto(url)
    await page.get_by_role("button", name="Chat med politiet").click()
    box = page.get_by_label("Skriv din besked")
    for payload in PAYLOADS:
        await box.fill(payload)
        await box.press("Enter")
        await expect(page.locator(".brw-msg--bot").last).to_contain_text(payload[:12])
    await expect(page.locator(".brw-msg--bot")).to_have_count(len(PAYLOADS))


async def test_citizen_and_bot_text_with_markup_is_text_in_the_widget(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    context = await browser.new_context(bypass_csp=True)
    page = await context.new_page()
    await _citizen_says_everything(page, live_gateway.url)
    citizen = await page.locator(".brw-msg--citizen").all_inner_texts()
    bot = await page.locator(".brw-msg--bot").all_inner_texts()
    for payload in PAYLOADS:
        assert any(payload in line for line in citizen), payload
        # The fake Rasa echoes it, so the bot's Markdown rendering is attacked too.
        assert any(payload in line for line in bot), payload
    await page.reload()  # the history from the server renders the same way
    await expect(page.locator(".brw-msg--bot")).to_have_count(len(PAYLOADS))
    await _no_markup_ran(page, ".brw-log")
    await context.close()


def _seed_handover_and_advisor() -> tuple[str, int]:
    engine = make_engine(load_settings().database)
    factory = make_session_factory(engine)
    with session_scope(factory) as session:
        session_id = str(session.query(ChatSession.id).one()[0])
        create_account(session, username="xss-advisor", password=PASSWORD, role="advisor",
                       display_name='<img src=x onerror="window.__xss=99">')
        events = [{"event": "user", "text": p, "timestamp": 1_700_000_000 + n,
                   "parse_data": {"intent": {"name": "request_human"}}}
                  for n, p in enumerate(PAYLOADS)]
        packet = ctx.build_context(reason="citizen_request", events=events, slots={},
                                   case=None, now=datetime.now(timezone.utc))
        handover = repository.create_handover(session, session_id=session_id, context=packet,
                                              status=STATUS_WAITING,
                                              now=datetime.now(timezone.utc))
        handover_id = int(handover.id)
    engine.dispose()
    return session_id, handover_id


async def test_citizen_markup_is_text_in_the_advisor_console_pages_and_live_feed(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    citizen_context = await browser.new_context(bypass_csp=True)
    citizen = await citizen_context.new_page()
    await _citizen_says_everything(citizen, live_gateway.url)
    _, handover_id = _seed_handover_and_advisor()

    advisor_context = await browser.new_context(bypass_csp=True)
    advisor = await advisor_context.new_page()
    await advisor.goto(live_gateway.url + "/console/login")
    await advisor.fill("input[name=username]", "xss-advisor")
    await advisor.fill("input[name=password]", PASSWORD)
    await advisor.get_by_role("button", name="Log ind").click()
    await expect(advisor.get_by_role("button", name="Tag samtalen")).to_be_visible()
    await _no_markup_ran(advisor, "body")  # the queue shows the open question

    await advisor.get_by_role("button", name="Tag samtalen").click()
    await advisor.wait_for_url(f"**/console/handovers/{handover_id}")
    body = await advisor.locator("body").inner_text()
    for payload in PAYLOADS:
        assert payload in body, payload
    await _no_markup_ran(advisor, "body")

    # Live: the citizen writes on, the advisor's page adds it with console.js.
    live_payload = '<img src=x onerror="window.__xss = 42"> live'
    box = citizen.get_by_label("Skriv din besked")
    await box.fill(live_payload)
    await box.press("Enter")
    await expect(advisor.locator("body")).to_contain_text(live_payload)
    await _no_markup_ran(advisor, "body")
    await _no_markup_ran(citizen, ".brw-log")
    await advisor_context.close()
    await citizen_context.close()
