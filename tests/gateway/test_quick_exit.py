"""The widget's quick exit at the gateway: the browser's chat cookie is forgotten (only from
our own sites), and the exit URL is an operator setting checked at start."""

from __future__ import annotations

import pytest

from bot.gateway.cookies import COOKIE_NAME
from bot.settings import load_settings
from tests.gateway.conftest import (
    FOREIGN_ORIGIN,
    ORIGIN,
    MakeClient,
    history,
    post_text,
    start_chat,
)


async def test_forgetting_ends_this_browsers_way_back_into_the_chat(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "exit-0001", "hej")
    assert await history(client)
    response = await client.post("/api/session/forget", headers={"Origin": ORIGIN})
    assert response.status == 204
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "" and cookie["max-age"] == "0"
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    # The browser drops the expired cookie: this browser has no chat any more.
    assert not [c for c in client.session.cookie_jar if c.key == COOKIE_NAME and c.value]
    assert (await client.get("/api/messages?after=0")).status == 401
    # A new chat starts empty.
    await start_chat(client)
    assert await history(client) == []


async def test_a_foreign_page_cannot_make_a_browser_forget(make_client: MakeClient) -> None:
    client = await make_client()
    await start_chat(client)
    response = await client.post("/api/session/forget", headers={"Origin": FOREIGN_ORIGIN})
    assert response.status == 403
    assert COOKIE_NAME not in response.cookies


def test_the_exit_url_must_be_a_web_address(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().gateway.quick_exit_url == "https://www.dr.dk/"
    monkeypatch.setenv("BR_QUICK_EXIT_URL", "https://www.google.dk/")
    assert load_settings().gateway.quick_exit_url == "https://www.google.dk/"
    monkeypatch.setenv("BR_QUICK_EXIT_URL", "javascript:alert(1)")
    with pytest.raises(ValueError, match="BR_QUICK_EXIT_URL"):
        load_settings()
