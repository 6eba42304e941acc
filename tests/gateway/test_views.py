"""The chat's HTTP side: session binding, CSRF/Origin, the HTTP fallback, limits, identity."""

from __future__ import annotations

import logging
import os
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
import pytest
from aiohttp.test_utils import TestClient

from bot.chat import texts
from bot.gateway.cookies import COOKIE_NAME, sign_session_id
from bot.identity_claims import verify_identity_claim
from tests.gateway.conftest import (
    BUTTONS,
    FOREIGN_ORIGIN,
    GREETING,
    ORIGIN,
    FakeRasa,
    MakeClient,
    history,
    post_text,
    start_chat,
)


def _cookie_value(client: TestClient) -> str:
    for morsel in client.session.cookie_jar:
        if morsel.key == COOKIE_NAME:
            return morsel.value
    raise AssertionError("no session cookie")


async def test_new_session_sets_a_signed_httponly_samesite_cookie(make_client: MakeClient) -> None:
    client = await make_client()
    response = await client.post("/api/session", headers={"Origin": ORIGIN})
    assert response.status == 200
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert not cookie["secure"]
    session_id, _, signature = cookie.value.rpartition(".")
    assert len(session_id) >= 43 and signature
    body = await response.json()
    assert body["resumed"] is False
    assert "session_id" not in body and session_id not in await response.text()


async def test_cookie_is_secure_when_configured(make_client: MakeClient) -> None:
    client = await make_client({"BR_COOKIE_SECURE": "1"})
    response = await client.post("/api/session", headers={"Origin": ORIGIN})
    assert response.cookies[COOKIE_NAME]["secure"] is True


async def test_the_same_browser_resumes_its_session(make_client: MakeClient) -> None:
    client = await make_client()
    await start_chat(client)
    first = _cookie_value(client)
    body = await start_chat(client)
    assert body["resumed"] is True
    assert _cookie_value(client) == first


async def test_another_browser_cannot_read_or_write_a_session_it_does_not_own(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    owner = await make_client()
    await start_chat(owner)
    assert (await post_text(owner, "owner-msg-0001", "min hemmelige sag")).status == 200
    owner_cookie = _cookie_value(owner)
    session_id = owner_cookie.rpartition(".")[0]

    stranger = await make_client()
    # No cookie: nothing to read, nothing to write.
    response = await stranger.get("/api/messages?after=0")
    assert response.status == 401
    assert (await response.json())["message"] == texts.SESSION_MISSING
    assert (await post_text(stranger, "stranger-0001", "hej")).status == 401

    # The stranger's own session shows nothing of the owner's chat.
    await start_chat(stranger)
    assert await history(stranger) == []

    # Knowing the session id is not enough: a cookie signed with another key is refused.
    forged = sign_session_id("not-the-gateway-key", session_id)
    # Replaces the stranger's own cookie (same host), as a browser's cookie editor would.
    stranger.session.cookie_jar.update_cookies({COOKIE_NAME: forged}, stranger.make_url("/"))
    response = await stranger.get("/api/messages?after=0")
    assert response.status == 401
    tampered = owner_cookie[:-2] + ("AA" if not owner_cookie.endswith("AA") else "BB")
    stranger.session.cookie_jar.update_cookies({COOKIE_NAME: tampered}, stranger.make_url("/"))
    assert (await stranger.get("/api/messages?after=0")).status == 401
    owner_texts = [m["text"] for m in await history(owner)]
    assert owner_texts == ["min hemmelige sag", "Du skrev: min hemmelige sag"]
    assert all(r["sender"] == session_id for r in fake_rasa.received)


@pytest.mark.parametrize("origin", [None, FOREIGN_ORIGIN])
async def test_state_changing_requests_from_a_foreign_or_missing_origin_are_refused(
    make_client: MakeClient, origin: str | None
) -> None:
    client = await make_client()
    await start_chat(client)
    headers = {"Origin": origin} if origin else {}
    response = await client.post(
        "/api/messages", json={"client_id": "csrf-test-01", "text": "hej"}, headers=headers
    )
    assert response.status == 403
    body = await response.json()
    assert body == {"error": "origin_refused", "message": texts.ORIGIN_REFUSED}
    assert await history(client) == []


async def test_allowed_origin_gets_cors_headers_for_an_embedding_website(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    preflight = await client.options(
        "/api/messages",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert preflight.headers["Access-Control-Allow-Credentials"] == "true"
    foreign = await client.options("/api/messages", headers={"Origin": FOREIGN_ORIGIN})
    assert foreign.status == 403
    assert "Access-Control-Allow-Origin" not in foreign.headers


async def test_http_fallback_stores_the_message_and_returns_the_bot_turn(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    response = await post_text(client, "http-msg-0001", "hej")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "accepted"
    assert body["message"]["seq"] == 1 and body["message"]["client_id"] == "http-msg-0001"
    messages = await history(client)
    assert [(m["seq"], m["sender"], m["text"]) for m in messages] == [
        (1, "citizen", "hej"),
        (2, "bot", GREETING),
    ]
    assert messages[1]["buttons"] == BUTTONS
    assert await history(client, after=1) == messages[1:]
    assert fake_rasa.received[0]["message"] == "hej"
    assert fake_rasa.received[0]["metadata"] == {"br_channel": "web", "br_language": "da"}


async def test_resent_http_message_is_stored_and_forwarded_once(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    first = await (await post_text(client, "resend-0001", "hej")).json()
    second = await (await post_text(client, "resend-0001", "hej")).json()
    assert second["duplicate"] is True
    assert second["message"]["seq"] == first["message"]["seq"]
    assert len(fake_rasa.received) == 1
    assert [m["sender"] for m in await history(client)] == ["citizen", "bot"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"client_id": "short", "text": "hej"}, 400),
        ({"client_id": "valid-id-0001", "text": 5}, 400),
        ("not an object", 400),
    ],
)
async def test_malformed_messages_get_a_clean_json_error(
    make_client: MakeClient, body: Any, status: int
) -> None:
    client = await make_client()
    await start_chat(client)
    response = await client.post("/api/messages", json=body, headers={"Origin": ORIGIN})
    assert response.status == status
    assert (await response.json())["message"] == texts.BAD_REQUEST


async def test_too_long_message_is_refused_in_danish_and_not_stored(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client({"BR_MAX_MESSAGE_CHARS": "50"})
    await start_chat(client)
    response = await post_text(client, "long-msg-0001", "x" * 51)
    assert response.status == 400
    body = await response.json()
    assert body["status"] == "rejected"
    assert body["message"] == texts.MESSAGE_TOO_LONG.format(max_chars=50)
    assert "højst skrive 50 tegn" in body["message"]
    assert await history(client) == []
    assert fake_rasa.received == []
    assert (await post_text(client, "long-msg-0002", "x" * 50)).status == 200


async def test_messages_over_the_per_minute_limit_are_refused_in_danish(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client({"BR_MESSAGES_PER_MINUTE": "3"})
    await start_chat(client)
    for n in range(3):
        assert (await post_text(client, f"rate-msg-000{n}", f"besked {n}")).status == 200
    response = await post_text(client, "rate-msg-0009", "en til")
    assert response.status == 429
    assert (await response.json())["message"] == texts.TOO_MANY_MESSAGES
    assert len(fake_rasa.received) == 3


async def test_new_sessions_per_address_are_limited_with_a_danish_reply(
    make_client: MakeClient,
) -> None:
    first = await make_client({"BR_SESSIONS_PER_ADDRESS_PER_HOUR": "2"})
    await start_chat(first)
    await start_chat(await make_client())
    third = await make_client()
    response = await third.post("/api/session", headers={"Origin": ORIGIN})
    assert response.status == 429
    body = await response.json()
    assert body["message"] == texts.TOO_MANY_SESSIONS and "114" in body["message"]
    assert COOKIE_NAME not in response.cookies
    # A browser that already has its session keeps it.
    assert (await start_chat(first))["resumed"] is True


def _identity_token(secret: str, *, jti: str | None = None, sub: str = "person-7f3a") -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode(
        {
            "sub": sub,
            "aud": "borgerraadgiveren",
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(minutes=5)).timestamp()),
            "jti": jti or uuid.uuid4().hex,
        },
        secret,
        algorithm="HS256",
    )


async def test_verified_identity_becomes_gateway_metadata_and_browser_metadata_is_ignored(
    make_client: MakeClient, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "website-shared-secret-for-tests-0123456789"
    client = await make_client({"BR_JWT_SECRET": secret, "BR_IDENTITY_ALLOW_HS256": "1"})
    await start_chat(client)
    response = await client.post(
        "/api/session/identity", json={"token": _identity_token(secret)}, headers={"Origin": ORIGIN}
    )
    assert response.status == 200, await response.text()
    assert (await response.json())["verified"] is True
    await client.post(
        "/api/messages",
        json={
            "client_id": "identity-0001",
            "text": "hvor langt er min sag",
            "metadata": {"br_identity": {"person_ref": "someone-else", "method": "mitid"}},
        },
        headers={"Origin": ORIGIN},
    )
    metadata = fake_rasa.received[-1]["metadata"]
    assert metadata["br_channel"] == "web"
    # A claim signed for this conversation only (bot/identity_claims.py), never plain data.
    identity = verify_identity_claim(
        metadata["br_identity"], conversation_id=fake_rasa.received[-1]["sender"],
        key=os.environ["BR_IDENTITY_CLAIM_KEY"], now=datetime.now(timezone.utc))
    assert (identity.person_ref, identity.method) == ("person-7f3a", "mitid")


async def test_identity_token_cannot_be_replayed_or_forged(make_client: MakeClient) -> None:
    secret = "website-shared-secret-for-tests-0123456789"
    client = await make_client({"BR_JWT_SECRET": secret, "BR_IDENTITY_ALLOW_HS256": "1"})
    await start_chat(client)
    token = _identity_token(secret, jti="single-use-jti")
    ok = await client.post(
        "/api/session/identity", json={"token": token}, headers={"Origin": ORIGIN}
    )
    assert ok.status == 200
    replay = await client.post(
        "/api/session/identity", json={"token": token}, headers={"Origin": ORIGIN}
    )
    assert replay.status == 400
    assert (await replay.json())["message"] == texts.IDENTITY_REFUSED
    forged = await client.post(
        "/api/session/identity",
        json={"token": _identity_token("wrong-secret-wrong-secret-wrong-secret")},
        headers={"Origin": ORIGIN},
    )
    assert forged.status == 400


async def test_expired_identity_is_not_sent_to_rasa(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    secret = "website-shared-secret-for-tests-0123456789"
    client = await make_client({"BR_JWT_SECRET": secret, "BR_IDENTITY_ALLOW_HS256": "1",
                                "BR_VERIFICATION_TTL_MINUTES": "0"})
    await start_chat(client)
    await client.post(
        "/api/session/identity", json={"token": _identity_token(secret)}, headers={"Origin": ORIGIN}
    )
    await post_text(client, "expired-0001", "hej")
    assert "br_identity" not in fake_rasa.received[-1]["metadata"]


async def test_demo_page_embeds_the_widget_under_a_strict_content_security_policy(
    make_client: MakeClient,
) -> None:
    client = await make_client({"BR_TRANSCRIPT_RETENTION_DAYS": "45"})
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    assert ('<script src="/static/widget.js" data-exit-url="https://www.dr.dk/" defer></script>'
            in html)
    assert "45 dage" in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    widget = await client.get("/static/widget.js")
    assert widget.status == 200
    script = await widget.text()
    for html_sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert html_sink not in script


async def test_unexpected_errors_become_clean_json_and_are_logged_masked(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import bot.gateway.conversation as conversation

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("could not handle 010190-1234 / anne@example.dk / 12345678")

    monkeypatch.setattr(conversation, "neutralise_command_text", broken)
    client = await make_client()
    await start_chat(client)
    with caplog.at_level(logging.ERROR, logger="bot.gateway"):
        response = await post_text(client, "boom-msg-0001", "hej")
    assert response.status == 500
    assert await response.json() == {"error": "internal_error", "message": texts.GENERIC_ERROR}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged
    assert "[CPR]" in logged and "[E-MAIL]" in logged and "[TELEFON]" in logged
    assert "010190-1234" not in logged and "anne@example.dk" not in logged
    assert "12345678" not in logged



async def test_every_new_chat_is_registered_as_an_inquiry_with_a_reference(
    make_client: MakeClient,
) -> None:
    from sqlalchemy import select

    from bot.db import make_engine, make_session_factory
    from bot.models.inquiries import Inquiry
    from bot.settings import load_settings

    client = await make_client()
    first = await start_chat(client)
    again = await start_chat(client)

    assert first["reference"].startswith("HV-")
    assert again["reference"] == first["reference"]  # resuming keeps the same inquiry
    engine = make_engine(load_settings().database)
    with make_session_factory(engine)() as session:
        inquiries = session.execute(select(Inquiry)).scalars().all()
    engine.dispose()
    assert [i.reference for i in inquiries] == [first["reference"]]
