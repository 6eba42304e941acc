"""Fixtures of the fault tests: the real Rasa stack, and the gateway in-process against it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import load_settings
from bot.webapp import init_app
from tests.gateway.conftest import fake_rasa, make_client, rasa_server  # noqa: F401
from tests.reliability.processes import (
    ManagedProcess,
    RasaStack,
    gateway_process,
    point_environment_at,
    shared_rasa_stack,
)

ORIGIN = "http://chat.test"


@pytest.fixture(scope="session")
def rasa_stack(request: pytest.FixtureRequest) -> RasaStack:
    return shared_rasa_stack(request)


@pytest.fixture
def stack(rasa_stack: RasaStack, monkeypatch: pytest.MonkeyPatch) -> RasaStack:
    """The running stack, with this test's environment pointed at its database and servers."""
    point_environment_at(rasa_stack, monkeypatch, origin=ORIGIN,
                         rasa_timeout_seconds=20)
    return rasa_stack


@pytest.fixture
async def gateway(stack: RasaStack) -> AsyncIterator[TestClient]:
    """The real gateway app (`init_app`) in this process, talking to the real Rasa."""
    server = TestServer(init_app(load_settings()), host="127.0.0.1")
    client = TestClient(server)
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def gateway_proc(stack: RasaStack) -> Iterator[ManagedProcess]:
    """The gateway as its own process against the stack, with this test's secrets."""
    process = gateway_process(stack, {"BR_SECRET_KEY": os.environ["BR_SECRET_KEY"],
                                      "BR_JWT_SECRET": os.environ["BR_JWT_SECRET"]})
    process.start()
    process.wait_healthy(60)
    yield process
    process.stop()


async def start_chat(client: TestClient) -> dict[str, Any]:
    response = await client.post("/api/session", headers={"Origin": ORIGIN})
    assert response.status == 200, await response.text()
    return dict(await response.json())


async def say(client: TestClient, client_id: str, text: str) -> Any:
    """One citizen message over the HTTP fallback; returns the JSON answer."""
    response = await client.post(
        "/api/messages", json={"client_id": client_id, "text": text}, headers={"Origin": ORIGIN}
    )
    body = await response.json()
    assert response.status in (200, 400, 429, 503), body
    return body


async def history(client: TestClient, after: int = 0) -> list[dict[str, Any]]:
    response = await client.get(f"/api/messages?after={after}")
    assert response.status == 200, await response.text()
    return list((await response.json())["messages"])
