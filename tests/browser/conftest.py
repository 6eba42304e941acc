"""A live gateway (against a fake Rasa) and Debian's chromium driven by Playwright; axe-core
for accessibility; screenshots for the README (BR_WRITE_SCREENSHOTS=1 writes them to docs/)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, async_playwright

from bot.ports import free_port
from bot.settings import PROJECT_ROOT, load_settings
from bot.webapp import init_app
from tests.gateway.fake_rasa import FakeRasa

CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]



@asynccontextmanager
async def serve_with(rasa_app: web.Application, monkeypatch: pytest.MonkeyPatch,
                     env: dict[str, str]) -> AsyncIterator[str]:
    """A fake Rasa and the whole web server on a free port; yields the server's URL."""
    rasa = TestServer(rasa_app, host="127.0.0.1")
    await rasa.start_server()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    base = str(rasa.make_url("")).rstrip("/")
    for key, value in {"BR_RASA_URL": base, "BR_ACTION_SERVER_URL": base,
                       "BR_ALLOWED_ORIGINS": url, **env}.items():
        monkeypatch.setenv(key, value)
    gateway = TestServer(init_app(load_settings()), host="127.0.0.1", port=port)
    await gateway.start_server()
    try:
        yield url
    finally:
        await gateway.close()
        await rasa.close()


@dataclass
class LiveGateway:
    url: str
    rasa: FakeRasa


@pytest.fixture
async def live_gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[LiveGateway]:
    fake = FakeRasa()
    async with serve_with(fake.app(), monkeypatch, {"BR_TRANSCRIPT_RETENTION_DAYS": "90"}) as url:
        yield LiveGateway(url=url, rasa=fake)


# Pages open with a Danish browser language unless a test asks for another (issue #18: the
# widget opens in English when the browser's language is not Danish; headless chromium
# says "en-US").
DEFAULT_LOCALE = "da-DK"


class DanishByDefault:
    """The launched browser, with `locale="da-DK"` unless a page or context names one."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    async def new_page(self, **options: Any) -> Page:
        options.setdefault("locale", DEFAULT_LOCALE)
        return await self._browser.new_page(**options)

    async def new_context(self, **options: Any) -> Any:
        options.setdefault("locale", DEFAULT_LOCALE)
        return await self._browser.new_context(**options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser-deps`")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield DanishByDefault(launched)  # type: ignore[misc]
        await launched.close()


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every WCAG 2.1 A/AA violation axe-core finds on the page as it is now."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser-deps` (npm ci)")
    await page.add_script_tag(path=str(AXE))
    result: list[dict[str, Any]] = await page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return result


def screenshot_path(name: str, tmp_path: Path) -> Path:
    """docs/<name> when BR_WRITE_SCREENSHOTS=1 (refreshing the README's pictures), else tmp."""
    if os.environ.get("BR_WRITE_SCREENSHOTS") == "1":
        return PROJECT_ROOT / "docs" / name
    return tmp_path / name
