"""The chat widget on the demo page, driven in Debian's chromium against the fake Rasa.

Set BR_WRITE_SCREENSHOTS=1 to refresh docs/widget.png for the README.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, WebSocketRoute, expect

from tests.browser.conftest import AXE, LiveGateway, axe_violations, screenshot_path
from tests.gateway.fake_rasa import GREETING

pytestmark = pytest.mark.browser

CAPABILITIES_START = "Jeg kan svare på spørgsmål om din sag."


async def _open_chat(page: Page, url: str) -> None:
    await page.goto(url)
    await page.get_by_role("button", name="Chat med politiet").click()
    await expect(page.get_by_label("Skriv din besked")).to_be_focused()


async def _say(page: Page, text: str) -> None:
    box = page.get_by_label("Skriv din besked")
    await box.fill(text)
    await box.press("Enter")


def _log(page: Page) -> Any:
    return page.get_by_role("log", name="Samtale")


async def test_a_full_conversation_with_buttons_links_typing_and_transcript(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    page = await browser.new_page()
    await _open_chat(page, live_gateway.url)
    await expect(page.locator("#brw-privacy")).to_contain_text("Vi gemmer samtalen i 90 dage")

    live_gateway.rasa.delay = 0.8
    await _say(page, "hej")
    await expect(page.get_by_role("status").filter(has_text="skriver")).to_have_text(
        "Borgerrådgiveren skriver …"
    )
    await expect(_log(page)).to_contain_text(GREETING)
    await expect(page.locator(".brw-typing")).to_be_hidden()
    live_gateway.rasa.delay = 0

    await page.get_by_role("button", name="Hvad kan du hjælpe med?").click()
    await expect(_log(page)).to_contain_text(CAPABILITIES_START)
    assert live_gateway.rasa.received[-1]["message"] == "/ask_capabilities"
    await expect(page.get_by_role("group", name="Svarmuligheder")).to_have_count(0)
    link = _log(page).get_by_role("link", name="https://politi.dk/ (åbner i et nyt vindue)")
    assert await link.get_attribute("href") == "https://politi.dk/"
    assert await link.get_attribute("target") == "_blank"
    assert await link.get_attribute("rel") == "noopener noreferrer"

    await _say(page, "vis link")
    last = page.locator(".brw-msg--bot").last
    await expect(last).to_contain_text("<img src=x onerror=alert(1)>")
    await expect(last).to_contain_text("[klik her](javascript:alert(1))")
    await expect(last.locator("a")).to_have_count(1)
    assert await last.locator("a").get_attribute("href") == "https://politi.dk/"
    assert await page.locator(".brw-log img").count() == 0

    items = page.locator(".brw-list > li")
    await expect(items).to_have_count(6)
    assert [await item.get_attribute("data-seq") for item in await items.all()] == [
        str(n) for n in range(1, 7)
    ]

    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="Hent samtalen").click()
    download = await download_info.value
    transcript = Path(str(await download.path())).read_text(encoding="utf-8")
    assert download.suggested_filename.startswith("samtale-politiet-")
    assert "Du: hej" in transcript and f"Borgerrådgiveren: {GREETING}" in transcript
    assert "Du: Hvad kan du hjælpe med?" in transcript

    mail = await page.get_by_role("link", name="Send samtalen til din e-mail").get_attribute(
        "href"
    )
    assert mail is not None and mail.startswith("mailto:?subject=")
    assert "Du: hej" in urllib.parse.unquote(mail)


async def test_reload_mid_conversation_keeps_history_without_duplicates(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    page = await browser.new_page()
    await _open_chat(page, live_gateway.url)
    await _say(page, "hej")
    await expect(_log(page)).to_contain_text(GREETING)

    # Reload while the bot is still answering: the answer must arrive once, after the reload.
    live_gateway.rasa.delay = 1.0
    await _say(page, "min sag")
    await expect(page.locator(".brw-msg--citizen[data-seq='3']")).to_have_count(1)
    await page.reload()

    await expect(_log(page)).to_contain_text("Du skrev: min sag")
    items = page.locator(".brw-list > li")
    await expect(items).to_have_count(4)
    texts = await items.all_inner_texts()
    assert sum("min sag" in t for t in texts) == 2  # the question and the bot's echo
    assert [r["message"] for r in live_gateway.rasa.received] == ["hej", "min sag"]

    live_gateway.rasa.delay = 0
    await _say(page, "tak")
    await expect(_log(page)).to_contain_text("Du skrev: tak")
    await expect(items).to_have_count(6)


async def test_without_websockets_the_widget_falls_back_to_http(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    page = await browser.new_page()
    # Something between browser and gateway accepts the WebSocket and drops it at once.
    await page.route_web_socket("**/api/ws", lambda socket: socket.close())
    await _open_chat(page, live_gateway.url)
    await expect(page.locator(".brw-status")).to_have_text(
        "Vi bruger en langsommere forbindelse. Chatten virker stadig.", timeout=15_000
    )
    await _say(page, "hej")
    await expect(_log(page)).to_contain_text(GREETING)
    await page.get_by_role("button", name="Hvad kan du hjælpe med?").click()
    await expect(_log(page)).to_contain_text(CAPABILITIES_START)
    await expect(page.locator(".brw-list > li")).to_have_count(4)
    assert [r["message"] for r in live_gateway.rasa.received] == ["hej", "/ask_capabilities"]


async def test_a_line_that_came_late_is_fetched_after_a_reconnect(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    """With several gateways a line made on the other one (through Redis) can arrive after a
    newer line made here; if the connection drops in between, the line must still come."""
    page = await browser.new_page()
    sockets: list[WebSocketRoute] = []

    def route(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        sockets.append(socket)
        first = len(sockets) == 1

        def to_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if first and frame.get("type") == "turn" and GREETING in str(frame):
                return  # the bot's answer to "hej" never reaches this connection
            socket.send(message)

        server.on_message(to_page)

    await page.route_web_socket("**/api/ws", route)
    await _open_chat(page, live_gateway.url)
    await _say(page, "hej")
    await _say(page, "tak")
    await expect(_log(page)).to_contain_text("Du skrev: tak")  # a newer line than the answer
    await expect(_log(page)).not_to_contain_text(GREETING)

    await sockets[0].close()  # the connection drops; the widget reconnects by itself
    await expect(_log(page)).to_contain_text(GREETING, timeout=15_000)
    texts = await page.locator(".brw-list > li").all_inner_texts()
    assert [GREETING in t for t in texts] == [False, True, False, False]  # in its place
    assert sum("Du skrev: tak" in t for t in texts) == 1


async def _focused_name(page: Page) -> str:
    return str(
        await page.evaluate(
            "() => document.activeElement.getAttribute('aria-label')"
            " || document.activeElement.textContent.trim()"
        )
    )


async def _focus_is_visible(page: Page) -> bool:
    style = await page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    outline_style, outline_width, shadow = style
    return (outline_style != "none" and outline_width != "0px") or shadow != "none"


async def test_the_chat_is_fully_usable_by_keyboard_with_visible_focus(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    page = await browser.new_page()
    await page.goto(live_gateway.url)
    for _ in range(15):
        await page.keyboard.press("Tab")
        if await _focused_name(page) == "Chat med politiet":
            break
    assert await _focused_name(page) == "Chat med politiet"
    assert await _focus_is_visible(page)

    await page.keyboard.press("Enter")
    await expect(page.get_by_label("Skriv din besked")).to_be_focused()
    await page.keyboard.type("hej")
    await page.keyboard.press("Enter")
    await expect(_log(page)).to_contain_text(GREETING)

    # The quick replies sit just before the text box.
    await page.keyboard.press("Shift+Tab")
    assert await _focused_name(page) == "Tal med en borgerrådgiver"
    await page.keyboard.press("Shift+Tab")
    assert await _focused_name(page) == "Hvad kan du hjælpe med?"
    assert await _focus_is_visible(page)
    await page.keyboard.press("Enter")
    await expect(_log(page)).to_contain_text(CAPABILITIES_START)
    await expect(page.get_by_label("Skriv din besked")).to_be_focused()

    await page.keyboard.press("Tab")
    assert await _focused_name(page) == "Send"
    assert await _focus_is_visible(page)
    await page.keyboard.press("Tab")
    assert await _focused_name(page) == "Hent samtalen"

    await page.keyboard.press("Escape")
    await expect(page.locator("#brw-panel")).to_be_hidden()
    assert await _focused_name(page) == "Chat med politiet"


async def test_the_widget_works_at_320_px_width(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    context = await browser.new_context(viewport={"width": 320, "height": 640})
    page = await context.new_page()
    await _open_chat(page, live_gateway.url)
    await _say(page, "hej")
    await expect(_log(page)).to_contain_text(GREETING)

    assert await page.evaluate("() => document.documentElement.scrollWidth") <= 320
    for locator in [
        page.locator("#brw-panel"),
        page.get_by_role("button", name="Send"),
        page.get_by_role("button", name="Tal med en borgerrådgiver"),
        page.get_by_role("button", name="Luk chatten"),
    ]:
        box = await locator.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    await page.get_by_role("button", name="Tal med en borgerrådgiver").click()
    await expect(page.locator(".brw-msg--bot")).to_have_count(2)
    await context.close()


async def _serious_axe_violations(page: Page) -> list[dict[str, Any]]:
    return [v for v in await axe_violations(page) if v["impact"] in ("serious", "critical")]


async def test_axe_finds_no_serious_accessibility_violations(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser-deps` (npm ci)")
    # The page's CSP forbids inline scripts; only the test's axe injection needs the bypass.
    context = await browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 768})
    page = await context.new_page()
    await page.goto(live_gateway.url)
    assert await _serious_axe_violations(page) == []

    await page.get_by_role("button", name="Chat med politiet").click()
    await _say(page, "hej")
    await expect(page.get_by_role("button", name="Hvad kan du hjælpe med?")).to_be_visible()
    await _say(page, "x" * 2001)  # a refused message shows the Danish notice style too
    await expect(page.locator(".brw-msg--notice")).to_have_count(1)
    assert await _serious_axe_violations(page) == []

    await context.close()


async def test_screenshot_of_the_widget_for_the_readme(
    browser: Browser, live_gateway: LiveGateway, tmp_path: Path
) -> None:
    target = screenshot_path("widget.png", tmp_path)
    context = await browser.new_context(viewport={"width": 900, "height": 700})
    page = await context.new_page()
    await _open_chat(page, live_gateway.url)
    await _say(page, "hej")
    await expect(page.get_by_role("button", name="Hvad kan du hjælpe med?")).to_be_visible()
    await page.get_by_label("Skriv din besked").fill("Hvor langt er min sag?")
    await page.locator("#brw-panel").screenshot(path=str(target))
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < 150_000
    await context.close()


async def test_the_notices_say_it_is_a_chatbot_and_make_room_after_the_first_message(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    page = await browser.new_page()
    await _open_chat(page, live_gateway.url)
    intro = page.locator(".brw-intro")
    await expect(intro).to_contain_text("chatbot")
    await expect(intro).to_contain_text("automatisk")
    await expect(intro).to_contain_text("Jeg vil tale med en person")
    await expect(page.locator(".brw-urgent")).to_have_text(
        "Er det akut? Ring 112. Vil du tale med politiet? Ring 114.")
    before = await page.locator(".brw-log").bounding_box()

    await _say(page, "hej")
    await expect(_log(page)).to_contain_text(GREETING)
    await expect(intro).to_be_hidden()
    await expect(page.locator("#brw-privacy")).to_be_hidden()
    await expect(page.locator(".brw-urgent")).to_have_text("Akut? Ring 112.")  # 112 stays
    after = await page.locator(".brw-log").bounding_box()
    assert before is not None and after is not None and after["height"] > before["height"]

    about = page.get_by_role("button", name="Om chatten")
    await expect(about).to_have_attribute("aria-expanded", "false")
    await about.click()
    await expect(intro).to_be_visible()
    await expect(about).to_have_attribute("aria-expanded", "true")


async def test_a_long_answer_wraps_inside_the_panel_and_scrolls(
    browser: Browser, live_gateway: LiveGateway
) -> None:
    context = await browser.new_context(viewport={"width": 390, "height": 700})
    page = await context.new_page()
    await _open_chat(page, live_gateway.url)
    long_answer = " ".join(["Frister og datoer i din sag: retsmødet er tirsdag."] * 28)
    await _say(page, long_answer + " https://politi.dk/" + "x" * 300)
    await expect(page.locator(".brw-msg--bot")).to_have_count(1)
    log_box = page.locator(".brw-log")
    sizes = await log_box.evaluate(
        "l => [l.scrollWidth, l.clientWidth, l.scrollHeight, l.clientHeight]")
    scroll_width, client_width, scroll_height, client_height = sizes
    assert scroll_width <= client_width  # nothing sticks out sideways
    assert scroll_height > client_height  # the log scrolls instead of growing the panel
    panel = await page.locator("#brw-panel").bounding_box()
    assert panel is not None and panel["y"] >= 0 and panel["y"] + panel["height"] <= 700
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await context.close()
