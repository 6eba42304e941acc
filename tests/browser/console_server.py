"""The whole web server with the handover's fake Rasa, for the console's browser tests.

Kept out of tests/browser/conftest.py because the fake runs our Rasa actions in-process
(rasa_sdk): importing it there would move every browser and security test to the Rasa side
(tests/sides.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from tests.browser.conftest import serve_with
from tests.browser.handover_rasa import RASA_TOKEN, HandoverFakeRasa, reset_action_caches


@dataclass
class LiveConsole:
    url: str
    rasa: HandoverFakeRasa


@pytest.fixture
async def live_console(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[LiveConsole]:
    """The whole web server (chat and console) with the handover's fake Rasa, open all hours."""
    fake = HandoverFakeRasa()
    reset_action_caches()
    async with serve_with(fake.app(), monkeypatch, {
        "BR_RASA_TOKEN": RASA_TOKEN, "BR_OFFICE_HOURS": "mon-sun 00:00-24:00",
        "BR_CLOSED_ON_CHRISTMAS_EVE": "0", "BR_CLOSED_ON_CONSTITUTION_DAY": "0",
    }) as url:
        yield LiveConsole(url, fake)
    reset_action_caches()
