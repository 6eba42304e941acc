"""Identity tokens and chat sessions at the gateway's edge, attacked the ways a browser can.

Forged, expired, too long-lived, wrong-audience and re-used identity tokens are refused and
leave the chat unverified; identity a browser puts into a message is dropped; a chat cookie
from another browser, or a forged one, reads and writes nothing.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jwt
import pytest
from aiohttp import WSMsgType

from bot.chat import texts
from bot.gateway.cookies import COOKIE_NAME, sign_session_id
from tests.gateway.conftest import (
    FOREIGN_ORIGIN,
    ORIGIN,
    FakeRasa,
    MakeClient,
    post_text,
    start_chat,
)
from tests.test_identity import (
    BROKER_KEY,
    KID,
    OTHER_KEY,
    public_jwk,
    rs256,
    write_jwks,
)
from tests.test_identity import ISSUER as BROKER_ISSUER

UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
SECRET = "website-shared-secret-for-security-tests-0123456789"
# HS256 is a test-only option (bot/identity.py); these tests attack its checks.
HS256_ALLOWED = {"BR_JWT_SECRET": SECRET, "BR_IDENTITY_ALLOW_HS256": "1"}


def _token(secret: str = SECRET, **changes: Any) -> str:
    now = datetime.now(timezone.utc)
    claims: dict[str, Any] = {
        "sub": "person-7f3a", "aud": "borgerraadgiveren", "jti": uuid.uuid4().hex,
        "iat": int(now.timestamp()), "exp": int((now + timedelta(minutes=5)).timestamp()),
    }
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


def _unsigned(**changes: Any) -> str:
    """`alg: none`: a token anybody can write."""
    good = jwt.decode(_token(**changes), options={"verify_signature": False})
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=")
    body = base64.urlsafe_b64encode(json.dumps(good).encode()).rstrip(b"=")
    return f"{header.decode()}.{body.decode()}."


def _tampered() -> str:
    """A genuine token whose payload was swapped for one naming someone else."""
    header, _, signature = _token().split(".")
    other_payload = _token(sub="someone-else").split(".")[1]
    return f"{header}.{other_payload}.{signature}"


def _now_plus(minutes: float) -> int:
    return int((datetime.now(timezone.utc) + timedelta(minutes=minutes)).timestamp())


BAD_TOKENS = {
    "wrong secret": lambda: _token("another-secret-another-secret-another-secret-0000"),
    "alg none": _unsigned,
    "expired": lambda: _token(iat=_now_plus(-20), exp=_now_plus(-5)),
    "lives too long": lambda: _token(exp=_now_plus(60 * 24)),
    "issued in the future": lambda: _token(iat=_now_plus(30), exp=_now_plus(35)),
    "other audience": lambda: _token(aud="another-service"),
    "no jti": lambda: _token(jti=None),
    "no subject": lambda: _token(sub=None),
    "empty subject": lambda: _token(sub="  "),
    "tampered subject": lambda: _tampered(),
    "garbage": lambda: "not.a.token",
}


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
async def test_bad_identity_tokens_are_refused_and_the_chat_stays_unverified(
    make_client: MakeClient, fake_rasa: FakeRasa, kind: str
) -> None:
    client = await make_client(HS256_ALLOWED)
    await start_chat(client)
    response = await client.post("/api/session/identity", json={"token": BAD_TOKENS[kind]()},
                                 headers={"Origin": ORIGIN})
    assert response.status == 400
    assert await response.json() == {"error": "identity_refused", "message": texts.IDENTITY_REFUSED}
    await post_text(client, "unverified-01", "hvor langt er min sag")
    assert fake_rasa.received[-1]["metadata"] == {"br_channel": "web", "br_language": "da"}
    resumed = await client.post("/api/session", headers={"Origin": ORIGIN})
    assert (await resumed.json())["verified"] is False


async def test_a_token_used_by_one_browser_is_refused_to_another(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    owner = await make_client(HS256_ALLOWED)
    thief = await make_client(browser="thief")
    await start_chat(owner)
    await start_chat(thief)
    token = _token()
    first = await owner.post("/api/session/identity", json={"token": token},
                             headers={"Origin": ORIGIN})
    assert first.status == 200
    stolen = await thief.post("/api/session/identity", json={"token": token},
                              headers={"Origin": ORIGIN})
    assert stolen.status == 400
    await post_text(thief, "thief-000001", "hvor langt er min sag")
    assert "br_identity" not in fake_rasa.received[-1]["metadata"]


async def test_a_brokers_rs256_token_attaches_and_other_keys_issuers_or_hs256_do_not(
    make_client: MakeClient, fake_rasa: FakeRasa, tmp_path: Path
) -> None:
    """The production way: the broker's public keys in a JWKS; HS256 not allowed."""
    jwks = write_jwks(tmp_path / "jwks.json", public_jwk(BROKER_KEY, KID))
    client = await make_client({"BR_IDENTITY_ISSUER": BROKER_ISSUER,
                                "BR_IDENTITY_JWKS_FILE": str(jwks), "BR_JWT_SECRET": SECRET})
    await start_chat(client)
    for refused in (rs256(key=OTHER_KEY), rs256(iss="https://evil.example.test"), _token()):
        response = await client.post("/api/session/identity", json={"token": refused},
                                     headers={"Origin": ORIGIN})
        assert response.status == 400
    await post_text(client, "rs256-refused", "hvor langt er min sag")
    assert "br_identity" not in fake_rasa.received[-1]["metadata"]
    accepted = await client.post("/api/session/identity", json={"token": rs256()},
                                 headers={"Origin": ORIGIN})
    assert accepted.status == 200
    await post_text(client, "rs256-accepted", "hvor langt er min sag")
    assert "br_identity" in fake_rasa.received[-1]["metadata"]


FORGED_METADATA = {
    "metadata": {"br_identity": {"person_ref": "victim-1", "method": "mitid",
                                 "verified_at": datetime.now(timezone.utc).isoformat()}},
    "br_identity": {"person_ref": "victim-1", "method": "mitid"},
    "br_channel": "phone",
    "br_language": "en",  # the language comes from the chat row only (issue #18)
    "sender": "someone-elses-session",
}


async def test_metadata_set_by_the_browser_never_reaches_rasa(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    response = await client.post(
        "/api/messages", json={"client_id": "forged-meta-1", "text": "hej", **FORGED_METADATA},
        headers={"Origin": ORIGIN})
    assert response.status == 200
    socket = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await socket.send_json({"type": "message", "client_id": "forged-meta-2", "text": "hej igen",
                            **FORGED_METADATA})
    while len(fake_rasa.received) < 2:
        frame = await socket.receive(timeout=5)
        assert frame.type == WSMsgType.TEXT
    await socket.close()
    trusted = {"br_channel": "web", "br_language": "da"}
    assert [r["metadata"] for r in fake_rasa.received] == [trusted] * 2
    senders = {r["sender"] for r in fake_rasa.received}
    assert len(senders) == 1 and "someone-elses-session" not in senders


async def test_a_session_id_from_another_browser_or_a_forged_cookie_gets_nothing(
    make_client: MakeClient, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = await make_client()
    await start_chat(victim)
    await post_text(victim, "victim-00001", "mit cpr er 010203-1234")
    victim_cookie = next(c.value for c in victim.session.cookie_jar if c.key == COOKIE_NAME)
    victim_id = victim_cookie.rpartition(".")[0]
    forged_values = {
        "bare session id": victim_id,
        "wrong signature": f"{victim_id}.{'A' * 43}",
        "signed with another key": sign_session_id("not-the-gateway-key", victim_id),
        "empty": "",
        "dot only": ".",
    }
    for label, value in forged_values.items():
        attacker = await make_client(browser=f"attacker-{label}")
        attacker.session.cookie_jar.update_cookies({COOKIE_NAME: value})
        read = await attacker.get("/api/messages?after=0")
        assert read.status == 401, label
        assert "010203" not in await read.text() and "[CPR]" not in await read.text()
        write = await post_text(attacker, "attacker-001", "hej")
        assert write.status == 401, label
        ws = await attacker.get("/api/ws", headers={"Origin": ORIGIN, **UPGRADE})
        assert ws.status == 401, label
        # Starting a session with the forged cookie gives a new chat, never the victim's.
        started = await attacker.post("/api/session", headers={"Origin": ORIGIN})
        assert (await started.json())["resumed"] is False
        mine = await attacker.get("/api/messages?after=0")
        assert (await mine.json())["messages"] == []
    assert {r["sender"] for r in fake_rasa.received} == {victim_id}


async def test_websockets_from_a_foreign_or_missing_origin_are_refused(
    make_client: MakeClient,
) -> None:
    client = await make_client()
    await start_chat(client)
    for headers in ({"Origin": FOREIGN_ORIGIN}, {}, {"Origin": "null"},
                    {"Origin": ORIGIN + ".evil.test"}):
        response = await client.get("/api/ws", headers={**headers, **UPGRADE})
        assert response.status == 403, headers
        assert (await response.json())["error"] == "origin_refused"
