"""Login, cookies, CSRF, logout and roles of the advisor console."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.console import auth
from bot.db import make_engine, make_session_factory, session_scope
from bot.models.accounts import AdvisorAccount
from bot.settings import load_settings
from tests.console.conftest import CSRF_INPUT, PASSWORD, Console, login


def test_passwords_are_salted_scrypt_hashes() -> None:
    first, second = auth.hash_password("et langt kodeord"), auth.hash_password("et langt kodeord")
    assert first.startswith("scrypt$16384$8$1$") and first != second  # per-user salt
    assert auth.verify_password("et langt kodeord", first)
    assert not auth.verify_password("et andet kodeord", first)
    assert not auth.verify_password("et langt kodeord", "garbage")


def test_account_creation_refuses_short_passwords_and_unknown_roles(
    accounts: dict[str, int],
) -> None:
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        with pytest.raises(auth.AuthError):
            auth.create_account(session, username="kim", password="kort", role="advisor")
        with pytest.raises(auth.AuthError):
            auth.create_account(session, username="kim", password=PASSWORD, role="admin")
        with pytest.raises(auth.AuthError):
            auth.create_account(session, username="anna", password=PASSWORD, role="advisor")
        stored = session.execute(select(AdvisorAccount).where(AdvisorAccount.username == "anna"))
        assert PASSWORD not in str(stored.scalar_one().password_hash)


async def test_pages_need_a_login(console: Console) -> None:
    response = await console.client.get("/console/", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == "/console/login"
    post = await console.client.post("/console/handovers/1/claim", data={"csrf_token": "x"})
    assert post.status == 401


async def test_session_cookie_is_httponly_and_samesite_strict(console: Console) -> None:
    page = await console.client.get("/console/login")
    token = CSRF_INPUT.search(await page.text())
    assert token is not None
    response = await console.client.post(
        "/console/login", allow_redirects=False,
        data={"csrf_token": token.group(1), "username": "anna", "password": PASSWORD},
    )
    cookie = response.cookies[auth.SESSION_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/console"
    assert not cookie["secure"]  # BR_COOKIE_SECURE is off in tests
    page = await console.client.get("/console/")
    assert page.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


async def test_secure_flag_when_configured(aiohttp_client, fake_rasa, accounts,  # type: ignore[no-untyped-def]
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.console.conftest import mount_console

    monkeypatch.setenv("BR_COOKIE_SECURE", "1")
    root, _console = mount_console(load_settings())
    client = await aiohttp_client(root)
    page = await client.get("/console/login")
    assert "Secure" in page.headers["Set-Cookie"]


async def test_wrong_password_and_missing_login_csrf_are_refused(console: Console) -> None:
    page = await console.client.get("/console/login")
    token = CSRF_INPUT.search(await page.text())
    assert token is not None
    wrong = await console.client.post(
        "/console/login", data={"csrf_token": token.group(1), "username": "anna",
                                "password": "forkert-kodeord"}, allow_redirects=False,
    )
    assert wrong.status == 401
    forged = await console.client.post(
        "/console/login", data={"csrf_token": "forged", "username": "anna",
                                "password": PASSWORD}, allow_redirects=False,
    )
    assert forged.status == 403


async def test_every_post_needs_the_session_csrf_token(console: Console) -> None:
    csrf = await login(console.client, "anna")
    missing = await console.client.post("/console/logout", data={}, allow_redirects=False)
    assert missing.status == 403
    wrong = await console.client.post("/console/logout", data={"csrf_token": csrf + "x"},
                                      allow_redirects=False)
    assert wrong.status == 403
    ok = await console.client.post("/console/logout", data={"csrf_token": csrf},
                                   allow_redirects=False)
    assert ok.status == 302


async def test_logout_ends_the_session_on_the_server(console: Console) -> None:
    csrf = await login(console.client, "anna")
    cookie = console.client.session.cookie_jar.filter_cookies(
        console.client.make_url("/console/"))[auth.SESSION_COOKIE].value
    await console.client.post("/console/logout", data={"csrf_token": csrf})
    # Replaying the old cookie after logout does not get in.
    replay = await console.client.get("/console/", allow_redirects=False,
                                      cookies={auth.SESSION_COOKIE: cookie})
    assert replay.status == 302


async def test_only_supervisors_see_the_overview(console: Console) -> None:
    await login(console.client, "anna")
    assert (await console.client.get("/console/supervisor")).status == 403
    console.client.session.cookie_jar.clear()
    await login(console.client, "sara")
    response = await console.client.get("/console/supervisor")
    assert response.status == 200
    assert "Revisionslog" in await response.text()
