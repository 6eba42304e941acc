"""Identity tokens from the website (MitID): only genuine, fresh, single-use tokens count.

Genuine means signed (RS256/ES256) by a key that the configured issuer lists in its JWKS;
HS256 under a shared secret only when explicitly allowed, and never in production.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from bot.db import create_all, make_engine, make_session_factory
from bot.identity import (
    AUDIENCE,
    IdentityTokenError,
    SqlReplayStore,
    TokenPolicy,
    verify_identity_token,
)
from bot.identity_demo import DEMO_KID, demo_jwks, demo_person_ref, mint_demo_token
from bot.identity_keys import identity_policy
from bot.settings import DEMO_IDENTITY_ISSUER, Settings, load_settings, profile_problems

ISSUER = "https://broker.example.test"
KID = "broker-key-2026"
SECRET = "shared-secret-of-website-and-gateway-0123456789"
BROKER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())


def public_jwk(private: Any, kid: str) -> dict[str, Any]:
    algorithm = jwt.algorithms.RSAAlgorithm if isinstance(private, rsa.RSAPrivateKey) else (
        jwt.algorithms.ECAlgorithm)
    return {**algorithm.to_jwk(private.public_key(), as_dict=True), "kid": kid, "use": "sig"}


def write_jwks(path: Path, *keys: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"keys": list(keys)}), encoding="utf-8")
    return path


def claims(issued: datetime | None = None, lifetime: timedelta = timedelta(minutes=5),
           **overrides: Any) -> dict[str, Any]:
    issued = issued or datetime.now(timezone.utc)
    values: dict[str, Any] = {
        "iss": ISSUER, "sub": "person-anne", "aud": AUDIENCE, "iat": issued,
        "exp": issued + lifetime, "jti": uuid.uuid4().hex,
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def rs256(key: Any = BROKER_KEY, kid: str | None = KID, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key, algorithm="RS256",
                      headers={"kid": kid} if kid else None)


def hs256(secret: str = SECRET, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), secret, algorithm="HS256")


@pytest.fixture
def replay_store() -> SqlReplayStore:
    engine = make_engine(load_settings().database)
    create_all(engine)
    return SqlReplayStore(make_session_factory(engine))


@pytest.fixture
def broker_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The gateway configured for a broker that publishes its JWKS as a file."""
    jwks = write_jwks(tmp_path / "jwks.json", public_jwk(BROKER_KEY, KID),
                      public_jwk(EC_KEY, "ec-key"))
    monkeypatch.setenv("BR_IDENTITY_ISSUER", ISSUER)
    monkeypatch.setenv("BR_IDENTITY_JWKS_FILE", str(jwks))
    return load_settings()


def test_an_rs256_token_from_the_issuers_jwks_names_the_person(
    broker_settings: Settings, replay_store: SqlReplayStore
) -> None:
    identity = verify_identity_token(
        rs256(), policy=identity_policy(broker_settings), replay_store=replay_store)
    assert identity.person_ref == "person-anne" and identity.method == "mitid"


def test_an_es256_token_from_the_same_jwks_verifies_too(
    broker_settings: Settings, replay_store: SqlReplayStore
) -> None:
    token = jwt.encode(claims(), EC_KEY, algorithm="ES256", headers={"kid": "ec-key"})
    identity = verify_identity_token(
        token, policy=identity_policy(broker_settings), replay_store=replay_store)
    assert identity.person_ref == "person-anne"


BAD_TOKENS = {
    "signed by another key under the broker's kid": lambda: rs256(key=OTHER_KEY),
    "signed by another key without a kid": lambda: rs256(key=OTHER_KEY, kid=None),
    "a kid the broker does not list": lambda: rs256(kid="made-up"),
    "wrong issuer": lambda: rs256(iss="https://evil.example.test"),
    "no issuer": lambda: rs256(iss=None),
    "wrong audience": lambda: rs256(aud="another-service"),
    "expired": lambda: rs256(issued=datetime.now(timezone.utc) - timedelta(minutes=8)),
    "lives too long": lambda: rs256(lifetime=timedelta(hours=2)),
    "issued in the future": lambda: rs256(issued=datetime.now(timezone.utc)
                                          + timedelta(minutes=5)),
    "no jti": lambda: rs256(jti=None),
    "overlong jti": lambda: rs256(jti="j" * 200),
    "no subject": lambda: rs256(sub=None),
    "HS256 while not allowed": lambda: hs256(),
    "alg none": lambda: jwt.encode(claims(), None, algorithm="none"),
    # Algorithm confusion: the broker's public key used as an HMAC secret.
    "HS256 keyed with the public key": lambda: _hs256_with_public_key(),
    "ES256 header on an RSA key": lambda: _swap_alg(rs256(), "ES256"),
}


def _hs256_with_public_key() -> str:
    from cryptography.hazmat.primitives import serialization

    pem = BROKER_KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    # PyJWT refuses to sign with a PEM as an HMAC key, so build the token by hand.
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode())
    payload = b64(json.dumps(jwt.decode(rs256(), options={"verify_signature": False})).encode())
    signature = hmac.new(pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


def _swap_alg(token: str, algorithm: str) -> str:
    import base64

    _, payload, signature = token.split(".")
    header = base64.urlsafe_b64encode(
        json.dumps({"alg": algorithm, "kid": KID}).encode()).rstrip(b"=").decode()
    return f"{header}.{payload}.{signature}"


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_rejected(
    broker_settings: Settings, replay_store: SqlReplayStore, kind: str
) -> None:
    with pytest.raises(IdentityTokenError):
        verify_identity_token(BAD_TOKENS[kind](), policy=identity_policy(broker_settings),
                              replay_store=replay_store)


def test_a_token_cannot_be_used_twice(
    broker_settings: Settings, replay_store: SqlReplayStore
) -> None:
    token = rs256()
    policy = identity_policy(broker_settings)
    verify_identity_token(token, policy=policy, replay_store=replay_store)
    with pytest.raises(IdentityTokenError, match="already used"):
        verify_identity_token(token, policy=policy, replay_store=replay_store)


def test_hs256_counts_only_when_explicitly_allowed_and_never_in_production(
    monkeypatch: pytest.MonkeyPatch, replay_store: SqlReplayStore
) -> None:
    monkeypatch.setenv("BR_JWT_SECRET", SECRET)
    with pytest.raises(IdentityTokenError, match="HS256"):
        verify_identity_token(hs256(), policy=identity_policy(load_settings()),
                              replay_store=replay_store)
    monkeypatch.setenv("BR_IDENTITY_ALLOW_HS256", "1")
    allowed = load_settings()
    identity = verify_identity_token(hs256(), policy=identity_policy(allowed),
                                     replay_store=replay_store)
    assert identity.person_ref == "person-anne"
    with pytest.raises(IdentityTokenError):
        verify_identity_token(hs256(secret="someone-elses-secret-0123456789abcdef"),
                              policy=identity_policy(allowed), replay_store=replay_store)
    production = replace(allowed, profile="production")
    with pytest.raises(IdentityTokenError, match="HS256"):
        verify_identity_token(hs256(), policy=identity_policy(production),
                              replay_store=replay_store)
    assert any("BR_IDENTITY_ALLOW_HS256" in p for p in profile_problems(production))


def test_the_demo_key_counts_in_the_embedded_profile_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replay_store: SqlReplayStore
) -> None:
    embedded = load_settings()
    token = mint_demo_token(embedded, demo_person_ref())
    assert jwt.get_unverified_header(token)["alg"] == "ES256"
    identity = verify_identity_token(token, policy=identity_policy(embedded),
                                     replay_store=replay_store)
    assert identity.person_ref == demo_person_ref()

    # Production: not as the demo issuer, and not even when an operator lists the demo key
    # in a real issuer's JWKS.
    demo_public = demo_jwks(embedded.var_dir)["keys"][0]
    jwks = write_jwks(tmp_path / "jwks.json", demo_public, public_jwk(BROKER_KEY, KID))
    monkeypatch.setenv("BR_IDENTITY_ISSUER", ISSUER)
    monkeypatch.setenv("BR_IDENTITY_JWKS_FILE", str(jwks))
    production = replace(load_settings(), profile="production")
    from bot.identity_demo import demo_private_key

    demo_key = demo_private_key(embedded.var_dir)
    as_demo_issuer = mint_demo_token(embedded, demo_person_ref())
    as_broker = jwt.encode(claims(), demo_key, algorithm="ES256", headers={"kid": DEMO_KID})
    for forged in (as_demo_issuer, as_broker):
        with pytest.raises(IdentityTokenError):
            verify_identity_token(forged, policy=identity_policy(production),
                                  replay_store=replay_store)
    # The broker's own key still works in the same production configuration.
    assert verify_identity_token(rs256(), policy=identity_policy(production),
                                 replay_store=replay_store).person_ref == "person-anne"
    with pytest.raises(PermissionError):
        mint_demo_token(production, demo_person_ref())
    demo_issuer = replace(production, identity=replace(production.identity,
                                                       issuer=DEMO_IDENTITY_ISSUER))
    assert any("demo MitID issuer" in p for p in profile_problems(demo_issuer))


def test_no_issuer_configured_means_no_asymmetric_token_counts(
    replay_store: SqlReplayStore,
) -> None:
    with pytest.raises(IdentityTokenError, match="issuer"):
        verify_identity_token(rs256(), policy=TokenPolicy(issuers={}), replay_store=replay_store)
