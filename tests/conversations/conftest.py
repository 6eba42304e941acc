"""The conversation suite's stack: the trained model in a real Rasa server, the real action
server (both shared with the fault tests, `tests/reliability/processes.py`), the demo cases in
their database, and the gateway app in this process; each dialogue is one new browser."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.cases.demo import DemoLogin, demo_logins, load_demo
from bot.db import short_lived_database
from bot.dialogue.client import GatewayChat
from bot.settings import load_settings
from bot.webapp import init_app
from tests.reliability.processes import (
    RasaStack,
    point_environment_at,
    shared_rasa_stack,
)

ORIGIN = "http://chat.test"
_LOADED: set[str] = set()


@pytest.fixture(scope="session")
def rasa_stack(request: pytest.FixtureRequest) -> RasaStack:
    return shared_rasa_stack(request)


@pytest.fixture
def stack(rasa_stack: RasaStack, monkeypatch: pytest.MonkeyPatch) -> RasaStack:
    point_environment_at(rasa_stack, monkeypatch, origin=ORIGIN,
                         rasa_timeout_seconds=30)
    # Every dialogue is a new browser on the same address.
    monkeypatch.setenv("BR_SESSIONS_PER_ADDRESS_PER_HOUR", "100000")
    if rasa_stack.database_url not in _LOADED:
        with short_lived_database(load_settings().database) as sessions:
            load_demo(sessions)
        _LOADED.add(rasa_stack.database_url)
    return rasa_stack


@pytest.fixture
def logins(stack: RasaStack) -> dict[str, DemoLogin]:
    victim, witness = demo_logins()[:2]
    return {"victim": victim, "witness": witness}


@pytest.fixture
async def chat(stack: RasaStack) -> AsyncIterator[GatewayChat]:
    """A new browser on the real gateway (`init_app`), with its own cookie session."""
    client = TestClient(TestServer(init_app(load_settings()), host="127.0.0.1"))
    await client.start_server()
    conversation = GatewayChat(client, origin=ORIGIN)
    await conversation.start()
    yield conversation
    await client.close()
