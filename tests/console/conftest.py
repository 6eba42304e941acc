"""The console app built by its factory against a test database, a fake Rasa and a recording
citizen channel (the gateway's hub is not needed to test the console)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.console.app import init_console
from bot.console.auth import create_account
from bot.console.state import CHANNEL
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.handover.channel import ChannelButton
from bot.settings import Settings, load_settings
from bot.web.database import Database
from bot.web.http_client import HttpClient

PASSWORD = "korrekt-hest-batteri"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class RecordingChannel:
    delivered: list[tuple[str, str, str, list[ChannelButton]]] = field(default_factory=list)
    owners: list[tuple[str, str]] = field(default_factory=list)
    typing_hints: list[tuple[str, bool]] = field(default_factory=list)

    async def deliver(self, session_id: str, *, sender: str, text: str,
                      buttons: Sequence[ChannelButton] = ()) -> None:
        self.delivered.append((session_id, sender, text, list(buttons)))

    async def set_owner(self, session_id: str, owner: str) -> None:
        self.owners.append((session_id, owner))

    async def typing(self, session_id: str, *, on: bool) -> None:
        self.typing_hints.append((session_id, on))


@dataclass
class FakeRasa:
    appended: list[tuple[str, str, list[dict[str, Any]]]] = field(default_factory=list)


@pytest.fixture
async def fake_rasa(aiohttp_server: Callable[..., Awaitable[TestServer]],
                    monkeypatch: pytest.MonkeyPatch) -> FakeRasa:
    record = FakeRasa()

    async def append_events(request: web.Request) -> web.Response:
        if request.query.get("token") != "rasa-test-token":
            return web.json_response({"error": "unauthorized"}, status=401)
        record.appended.append((request.match_info["sender"], request.query["token"],
                                await request.json()))
        return web.json_response({"sender_id": request.match_info["sender"]})

    async def tracker(request: web.Request) -> web.Response:
        return web.json_response({"events": [], "slots": {}})

    app = web.Application()
    app.router.add_post("/conversations/{sender}/tracker/events", append_events)
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    server = await aiohttp_server(app)
    monkeypatch.setenv("BR_RASA_URL", str(server.make_url("")).rstrip("/"))
    monkeypatch.setenv("BR_RASA_TOKEN", "rasa-test-token")
    return record


@pytest.fixture
def accounts() -> dict[str, int]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    ids = {}
    with session_scope(make_session_factory(engine)) as session:
        for name, role in (("anna", "advisor"), ("bo", "advisor"), ("sara", "supervisor")):
            ids[name] = int(create_account(session, username=name, password=PASSWORD, role=role,
                                           display_name=name.title()).id)
    engine.dispose()
    return ids


def mount_console(settings: Settings) -> tuple[web.Application, web.Application]:
    """(root, console): the console at /console with the shared resources it is lent in
    `bot.webapp`, opened by the root application, but without the gateway."""
    database = Database(settings.database)
    http_client = HttpClient(settings.rasa.request_timeout_seconds)
    console = init_console(settings, database, http_client, watch=False)
    root = web.Application()
    root.cleanup_ctx.append(database.lifecycle)
    root.cleanup_ctx.append(http_client.lifecycle)
    root.add_subapp("/console", console)
    return root, console


@dataclass
class Console:
    client: TestClient
    channel: RecordingChannel
    app: web.Application


@pytest.fixture
async def console(aiohttp_client: Callable[..., Awaitable[TestClient]], fake_rasa: FakeRasa,
                  accounts: dict[str, int]) -> Console:
    root, app = mount_console(load_settings())
    channel = RecordingChannel()
    app[CHANNEL] = channel
    client = await aiohttp_client(root)
    return Console(client, channel, app)


async def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; return the session's CSRF token."""
    page = await client.get("/console/login")
    token = CSRF_INPUT.search(await page.text())
    assert token is not None
    response = await client.post("/console/login", data={"csrf_token": token.group(1),
                                                 "username": username, "password": password},
                                 allow_redirects=False)
    assert response.status == 302, await response.text()
    queue = await client.get("/console/")
    match = CSRF_META.search(await queue.text())
    assert match is not None
    return match.group(1)
