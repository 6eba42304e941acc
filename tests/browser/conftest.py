"""A live gateway (against the fake Rasa) and Debian's chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, async_playwright

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



@dataclass
class LiveGateway:
    url: str
    rasa: FakeRasa


@pytest.fixture
async def live_gateway(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[LiveGateway]:
    fake = FakeRasa()
    rasa = TestServer(fake.app(), host="127.0.0.1")
    await rasa.start_server()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    base = str(rasa.make_url("")).rstrip("/")
    monkeypatch.setenv("BR_RASA_URL", base)
    monkeypatch.setenv("BR_ACTION_SERVER_URL", base)
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", url)
    monkeypatch.setenv("BR_TRANSCRIPT_RETENTION_DAYS", "90")
    gateway = TestServer(init_app(load_settings()), host="127.0.0.1", port=port)
    await gateway.start_server()
    yield LiveGateway(url=url, rasa=fake)
    await gateway.close()
    await rasa.close()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make browser-deps`")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        await launched.close()
