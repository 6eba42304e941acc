"""Identity tokens from the website (MitID): only genuine, fresh, single-use tokens count."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
import pytest

from bot.db import create_all, make_engine, make_session_factory
from bot.identity import (
    AUDIENCE,
    IdentityTokenError,
    SqlReplayStore,
    identity_from_metadata,
    verify_identity_token,
)
from bot.settings import load_settings

SECRET = "shared-secret-of-website-and-gateway-0123456789"


@pytest.fixture
def replay_store() -> SqlReplayStore:
    engine = make_engine(load_settings().database)
    create_all(engine)
    return SqlReplayStore(make_session_factory(engine))


def _token(secret: str = SECRET, lifetime: timedelta = timedelta(minutes=5),
           issued: datetime | None = None, **overrides: Any) -> str:
    issued = issued or datetime.now(timezone.utc)
    claims: dict[str, Any] = {
        "sub": "person-anne", "aud": AUDIENCE, "iat": issued, "exp": issued + lifetime,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, secret, algorithm="HS256")


def test_a_genuine_token_names_the_person(replay_store: SqlReplayStore) -> None:
    identity = verify_identity_token(_token(), secret=SECRET, replay_store=replay_store)
    assert identity.person_ref == "person-anne" and identity.method == "mitid"
    assert identity_from_metadata({"br_identity": identity.as_metadata()}) == identity


@pytest.mark.parametrize(
    ("token_kwargs", "reason"),
    [
        ({"secret": "someone-elses-secret-0123456789abcdef"}, "forged"),
        ({"aud": "another-service"}, "wrong audience"),
        ({"issued": datetime.now(timezone.utc) - timedelta(minutes=8),
          "lifetime": timedelta(minutes=5)}, "expired"),
        ({"lifetime": timedelta(hours=2)}, "lives too long"),
        ({"jti": None}, "no jti"),
        ({"sub": None}, "no subject"),
    ],
)
def test_bad_tokens_are_rejected(
    replay_store: SqlReplayStore, token_kwargs: dict[str, Any], reason: str
) -> None:
    with pytest.raises(IdentityTokenError):
        verify_identity_token(_token(**token_kwargs), secret=SECRET, replay_store=replay_store)


def test_a_token_cannot_be_used_twice(replay_store: SqlReplayStore) -> None:
    token = _token()
    verify_identity_token(token, secret=SECRET, replay_store=replay_store)
    with pytest.raises(IdentityTokenError, match="already used"):
        verify_identity_token(token, secret=SECRET, replay_store=replay_store)


def test_unsigned_tokens_and_a_missing_secret_are_refused(
    replay_store: SqlReplayStore,
) -> None:
    unsigned = jwt.encode({"sub": "x", "aud": AUDIENCE}, None, algorithm="none")
    with pytest.raises(IdentityTokenError):
        verify_identity_token(unsigned, secret=SECRET, replay_store=replay_store)
    with pytest.raises(IdentityTokenError, match="BR_JWT_SECRET"):
        verify_identity_token(_token(), secret="", replay_store=replay_store)


def test_metadata_identity_must_be_a_well_formed_mitid_identity() -> None:
    assert identity_from_metadata(None) is None
    assert identity_from_metadata({"br_identity": "person-anne"}) is None
    assert identity_from_metadata({"br_identity": {"person_ref": "p", "method": "receipt_code",
                                                   "verified_at": "2026-11-25T10:00:00"}}) is None
    assert identity_from_metadata({"br_identity": {"person_ref": "p", "method": "mitid",
                                                   "verified_at": "yesterday"}}) is None
