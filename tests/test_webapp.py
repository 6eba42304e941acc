"""The composition root: one application, one database engine and HTTP client for both front
ends, and the gateway and console linked so a handover from Rasa reaches the advisors."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot.console.state import CHANNEL
from bot.db import session_scope
from bot.gateway.citizen_channel import GatewayChannel
from bot.gateway.state import HUB
from bot.models.chat import OWNER_ADVISOR, ChatSession
from bot.settings import load_settings
from bot.web.database import DATABASE
from bot.web.headers import CONTENT_SECURITY_POLICY
from bot.web.http_client import HTTP_CLIENT
from bot.webapp import init_app
from tests.gateway.conftest import (  # noqa: F401  (fixtures)
    FakeRasa,
    MakeClient,
    fake_rasa,
    make_client,
    post_text,
    rasa_server,
    start_chat,
)


def _console(app: web.Application) -> web.Application:
    mounted = [r.get_info() for r in app.router.resources() if "app" in r.get_info()]
    assert [info["prefix"] for info in mounted] == ["/console"]
    console: web.Application = mounted[0]["app"]
    return console


def test_gateway_and_console_share_one_database_and_one_http_client() -> None:
    app = init_app(load_settings())
    console = _console(app)
    assert console[DATABASE] is app[DATABASE]
    assert console[HTTP_CLIENT] is app[HTTP_CLIENT]
    assert isinstance(console[CHANNEL], GatewayChannel)


async def test_pages_of_both_front_ends_carry_the_one_content_security_policy(
    make_client: MakeClient,  # noqa: F811
) -> None:
    client = await make_client()
    demo = await client.get("/")
    login = await client.get("/console/login")
    assert demo.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert login.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


async def test_a_handover_from_rasa_gives_the_chat_to_the_advisors_and_stops_the_bot(
    make_client: MakeClient, fake_rasa: FakeRasa,  # noqa: F811
) -> None:
    client = await make_client()
    app = client.server.app
    fake_rasa.mode = "custom"
    await start_chat(client)
    await post_text(client, "handover-msg-1", "jeg vil tale med et menneske")
    with session_scope(app[DATABASE].session_factory) as session:
        assert session.execute(select(ChatSession.owner)).scalar_one() == OWNER_ADVISOR
    heard: list[Any] = []
    app[HUB].citizen_message_listeners.append(lambda sid, message: _record(heard, message))
    await post_text(client, "handover-msg-2", "er der nogen?")
    assert len(fake_rasa.received) == 1  # the bot no longer answers
    assert [m["text"] for m in heard] == ["er der nogen?"]


async def _record(heard: list[Any], message: Any) -> None:
    heard.append(message)
