"""Every console route and API needs an advisor login, and every POST the session's CSRF token.

The routes are enumerated from the console's own router, so a route added later is covered
without touching this file.
"""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.console import auth
from bot.console.routes import PUBLIC_ROUTES
from bot.settings import load_settings
from tests.console.conftest import Console, login, mount_console

PLACEHOLDER = re.compile(r"\{[^}]+\}")


def console_routes() -> list[tuple[str, str, str]]:
    """(method, path under /console, route name) of every non-public route."""
    _root, app = mount_console(load_settings())
    routes = []
    for route in app.router.routes():
        resource = route.resource
        name = resource.name if resource is not None else None
        if name in PUBLIC_ROUTES or route.method == "HEAD" or resource is None:
            continue
        path = PLACEHOLDER.sub("1", resource.canonical)
        routes.append((route.method, "/console" + path, str(name)))
    return sorted(routes)


ROUTES = console_routes()
POST_ROUTES = [r for r in ROUTES if r[0] == "POST"]


def test_the_enumeration_finds_the_console_pages_and_forms() -> None:
    names = {name for _, _, name in ROUTES}
    assert {"queue", "handover", "claim", "send", "supervisor", "live", "logout"} <= names
    assert len(POST_ROUTES) >= 8


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
async def test_every_console_route_refuses_a_visitor_without_login(
    console: Console, method: str, path: str, name: str
) -> None:
    response = await console.client.request(method, path, allow_redirects=False,
                                            headers={"Origin": str(console.client.make_url(""))})
    assert response.status in (302, 401, 403), (name, response.status)
    if response.status == 302:
        assert response.headers["Location"] == "/console/login"
    body = await response.text()
    assert "csrf" not in body.lower() and "handover" not in body.lower()


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
async def test_a_forged_or_expired_session_cookie_is_no_login(
    console: Console, method: str, path: str, name: str
) -> None:
    console.client.session.cookie_jar.update_cookies({auth.SESSION_COOKIE: "forged-token"})
    response = await console.client.request(method, path, allow_redirects=False)
    assert response.status in (302, 401, 403), (name, response.status)


@pytest.mark.parametrize(("method", "path", "name"), POST_ROUTES)
async def test_every_console_form_needs_the_sessions_csrf_token(
    console: Console, method: str, path: str, name: str
) -> None:
    csrf = await login(console.client, "anna")
    for form in ({}, {"csrf_token": ""}, {"csrf_token": csrf[:-1] + "x"},
                 {"csrf_token": "other-" + csrf}):
        response = await console.client.post(path, data=form, allow_redirects=False)
        assert response.status == 403, (name, form, response.status)
    # Another advisor's token does not work either.
    other = TestClient(console.client.server)
    await other.start_server()
    try:
        other_csrf = await login(other, "bo")
    finally:
        await other.session.close()
    response = await console.client.post(path, data={"csrf_token": other_csrf},
                                         allow_redirects=False)
    assert response.status == 403


async def test_login_form_needs_its_own_csrf_cookie(console: Console) -> None:
    response = await console.client.post(
        "/console/login", data={"csrf_token": "x", "username": "anna", "password": "y"},
        allow_redirects=False,
    )
    assert response.status == 403


async def test_console_cookies_are_httponly_samesite_strict_and_secure_when_configured(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = await console.client.get("/console/login")
    for cookie in page.cookies.values():
        assert cookie["httponly"] is True and cookie["samesite"] == "Strict"
    monkeypatch.setenv("BR_COOKIE_SECURE", "1")
    secure_app, _console = mount_console(load_settings())
    client = TestClient(TestServer(secure_app))
    await client.start_server()
    try:
        response = await client.get("/console/login")
        cookie = response.cookies[auth.LOGIN_CSRF_COOKIE]
        assert cookie["secure"] is True and cookie["httponly"] is True
        assert cookie["samesite"] == "Strict"
    finally:
        await client.close()


async def test_console_websocket_refuses_a_foreign_origin_even_when_logged_in(
    console: Console,
) -> None:
    await login(console.client, "anna")
    for origin in ("http://evil.test", None):
        headers = {"Origin": origin} if origin else {}
        response = await console.client.get(
            "/console/ws", headers={**headers, "Connection": "Upgrade", "Upgrade": "websocket",
                                    "Sec-WebSocket-Version": "13",
                                    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
        assert response.status == 403
