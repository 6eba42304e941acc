"""A fake Rasa REST channel and the real gateway app built by `init_app` against it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import load_settings
from bot.webapp import init_app
from tests.gateway.fake_rasa import BUTTONS, CAPABILITIES, GREETING, FakeRasa

__all__ = ["BUTTONS", "CAPABILITIES", "GREETING", "FakeRasa"]

ORIGIN = "http://chat.test"
FOREIGN_ORIGIN = "http://evil.test"

@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
async def rasa_server(fake_rasa: FakeRasa) -> Any:
    server = TestServer(fake_rasa.app(), host="127.0.0.1")
    await server.start_server()
    yield server
    await server.close()


MakeClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture
async def make_client(
    rasa_server: TestServer, monkeypatch: pytest.MonkeyPatch, aiohttp_client: Any
) -> MakeClient:
    """A gateway client; each call is another browser (its own cookie jar) on the same app."""
    base = str(rasa_server.make_url("")).rstrip("/")
    monkeypatch.setenv("BR_RASA_URL", base)
    monkeypatch.setenv("BR_ACTION_SERVER_URL", base)
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", ORIGIN)
    monkeypatch.setenv("BR_RASA_TIMEOUT_SECONDS", "1")
    apps: dict[str, web.Application] = {}
    clients: dict[str, TestClient] = {}

    async def _make(env: dict[str, str] | None = None, browser: str = "a") -> TestClient:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        if "app" not in apps:
            apps["app"] = init_app(load_settings())
            clients["first"] = await aiohttp_client(apps["app"])
            return clients["first"]
        # Another browser: a new cookie jar against the same running server.
        other = TestClient(clients["first"].server)
        await other.start_server()
        clients[browser + str(len(clients))] = other
        return other

    yield _make
    for name, client in clients.items():
        if name != "first":
            # Only this browser's session: closing the client would stop the shared server.
            await client.session.close()


async def start_chat(client: TestClient) -> dict[str, Any]:
    response = await client.post("/api/session", headers={"Origin": ORIGIN})
    assert response.status == 200, await response.text()
    return dict(await response.json())


async def post_text(client: TestClient, client_id: str, text: str) -> Any:
    return await client.post(
        "/api/messages", json={"client_id": client_id, "text": text}, headers={"Origin": ORIGIN}
    )


async def history(client: TestClient, after: int = 0) -> list[dict[str, Any]]:
    response = await client.get(f"/api/messages?after={after}")
    assert response.status == 200, await response.text()
    return list((await response.json())["messages"])
