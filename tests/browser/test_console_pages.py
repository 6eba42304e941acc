"""Every console page in Debian's chromium: axe-core finds no WCAG 2.1 A/AA violation, on Det
Fælles Designsystem served from our own origin under the strict CSP; and the README's
screenshots of the queue, a case packet and the dashboard.

`BR_WRITE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser -k screenshot` refreshes the
PNGs in docs/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.browser import console_server
from tests.browser.conftest import axe_violations, screenshot_path
from tests.browser.console_data import PASSWORD, Seeded, seed_console
from tests.browser.console_server import LiveConsole

live_console = console_server.live_console  # the fixture (tests/browser/console_server.py)
pytestmark = pytest.mark.browser

MAX_PNG_BYTES = 200_000


async def logged_in(browser: Browser, url: str, username: str, *,
                    bypass_csp: bool = False) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900},
                                        bypass_csp=bypass_csp, locale="da-DK")
    page = await context.new_page()
    await page.goto(f"{url}/console/login")
    await page.get_by_label("Brugernavn").fill(username)
    await page.get_by_label("Adgangskode").fill(PASSWORD)
    await page.get_by_role("button", name="Log ind").click()
    await expect(page.get_by_role("heading", name="Venter på en rådgiver")).to_be_visible()
    return context, page


def advisor_pages(seeded: Seeded) -> dict[str, str]:
    return {
        "kø": "/console/",
        "mine samtaler": f"/console/handovers/{seeded.mine[0]}",
        "sagspakke i køen": f"/console/handovers/{seeded.waiting[0]}",
        "opringning": f"/console/callbacks/{seeded.callback}",
        "henvendelser": "/console/inquiries",
        "henvendelse": f"/console/inquiries/{seeded.inquiry}",
        "opfølgning": "/console/followups",
        "bestil en betjent": "/console/bookings",
    }


SUPERVISOR_PAGES = {
    "overblik": "/console/supervisor",
    "klager": "/console/complaints",
    "dashboard": "/console/dashboard",
}


async def test_every_console_page_passes_axe_with_the_design_system_loaded(
    browser: Browser, live_console: LiveConsole
) -> None:
    seeded = seed_console()
    found: dict[str, list[dict[str, object]]] = {}
    # Only axe's own injection needs the CSP bypass; the pages' assets come from 'self'.
    login = await (await browser.new_context(bypass_csp=True)).new_page()
    await login.goto(f"{live_console.url}/console/login")
    found["log ind"] = await axe_violations(login)

    for username, pages in ((seeded.advisor, advisor_pages(seeded)),
                            (seeded.supervisor, SUPERVISOR_PAGES)):
        context, page = await logged_in(browser, live_console.url, username, bypass_csp=True)
        for name, path in pages.items():
            await page.goto(live_console.url + path)
            # DKFDS really styles the page (IBM Plex Sans from /dkfds), it is not unstyled.
            font = await page.evaluate("getComputedStyle(document.body).fontFamily")
            assert "IBM Plex Sans" in font, (name, font)
            found[name] = await axe_violations(page)
        await context.close()

    context, page = await logged_in(browser, live_console.url, seeded.advisor, bypass_csp=True)
    await page.goto(f"{live_console.url}/console/handovers/{seeded.mine[0]}")
    await page.keyboard.press("?")
    await expect(page.get_by_role("dialog", name="Tastaturgenveje")).to_be_visible()
    found["tastaturgenveje"] = await axe_violations(page)
    await page.keyboard.press("Escape")
    await page.keyboard.press("Alt+A")
    close_dialog = page.get_by_role("dialog", name=f"Afslut samtale #{seeded.mine[0]}")
    await expect(close_dialog).to_be_visible()
    found["afslut-dialog"] = await axe_violations(page)
    await context.close()
    assert {name: v for name, v in found.items() if v} == {}


async def test_the_case_packet_speaks_danish_without_codes_or_iso_dates(
    browser: Browser, live_console: LiveConsole
) -> None:
    seeded = seed_console()
    context, page = await logged_in(browser, live_console.url, seeded.advisor)
    await page.goto(f"{live_console.url}/console/handovers/{seeded.mine[0]}")
    panel = page.locator(f"#chat-{seeded.mine[0]}")
    text = await panel.inner_text()
    for code in ("retsmoede", "active", "next_hearing", "witness", "receipt_code", "kb_",
                 "request_human", "T09:30", "[KODE]"):
        assert code not in text, code
    await expect(panel.locator(".question")).to_have_text(
        "skal jeg sige noget i retten? jeg er nervøs")
    await expect(panel.locator(".case-steps [aria-current=step]")).to_contain_text("Retsmøde")
    await expect(panel.locator(".case-steps .step-done")).to_have_count(4)
    await expect(panel.locator(".deadlines")).to_contain_text("Næste retsmøde:")
    await expect(panel.locator(".deadlines")).to_contain_text("kl. 9.30")
    await expect(panel.locator(".deadlines .badge")).to_have_text("om 14 dage", use_inner_text=True)
    await expect(panel.get_by_text("Verificeret med kvitteringskode")).to_be_visible()
    await expect(panel.locator(".party-role")).to_have_text("Vidne")
    await expect(panel.locator("details summary").first).to_be_visible()
    await context.close()


def _small_png(path: Path) -> None:
    """A 256-colour PNG: screenshots of flat UI lose nothing visible and stay small."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < MAX_PNG_BYTES, len(data)


async def test_screenshots_of_queue_case_packet_and_dashboard(
    browser: Browser, live_console: LiveConsole, tmp_path: Path
) -> None:
    seeded = seed_console()
    context, page = await logged_in(browser, live_console.url, seeded.supervisor)
    await page.goto(f"{live_console.url}/console/")
    await expect(page.locator("#queue-body tr")).to_have_count(3)
    target = screenshot_path("console-queue.png", tmp_path)
    await page.screenshot(path=str(target))
    _small_png(target)

    await page.goto(f"{live_console.url}/console/dashboard")
    target = screenshot_path("console-dashboard.png", tmp_path)
    await page.screenshot(path=str(target), full_page=True,
                          clip={"x": 0, "y": 0, "width": 1280, "height": 1150})
    _small_png(target)
    await context.close()

    context, page = await logged_in(browser, live_console.url, seeded.advisor)
    await page.goto(f"{live_console.url}/console/handovers/{seeded.mine[0]}")
    await expect(page.locator(".case-steps")).to_be_visible()
    target = screenshot_path("console-case-packet.png", tmp_path)
    await page.screenshot(path=str(target), full_page=True)
    _small_png(target)
    await context.close()
