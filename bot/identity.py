"""Identity tokens: the website's proof that a citizen logged in with MitID.

The website hands over a short-lived JWT naming the person with an opaque `sub`: the MitID
broker's ID token or the website's own, signed with a private key (RS256/ES256) whose public
half we read from the issuer's JWKS (bot/jwks.py, docs/INTEGRATION.md). The gateway calls
`verify_identity_token` once, keeps the result in its server-side session and attaches it,
signed for one conversation and a short time, to every message it sends to Rasa
(bot/identity_claims.py); the actions believe only that signed claim.

HS256 under a shared secret (`BR_JWT_SECRET`) lets either side mint identities for the other,
so it is accepted only with BR_IDENTITY_ALLOW_HS256=1, for tests, and never in production.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

import jwt
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.clock import utcnow
from bot.db import session_scope
from bot.models.cases import UsedIdentityToken

AUDIENCE = "borgerraadgiveren"
HS256 = "HS256"
ASYMMETRIC_ALGORITHMS = ("RS256", "ES256")
REQUIRED_CLAIMS = ["sub", "exp", "iat", "jti", "aud"]
MAX_TOKEN_LIFETIME = timedelta(minutes=10)
# Clock difference we tolerate between the website and us.
CLOCK_LEEWAY = timedelta(seconds=30)
METADATA_KEY = "br_identity"
METHOD_MITID = "mitid"
METHOD_RECEIPT_CODE = "receipt_code"
# The replay store's column (bot/models/cases.py: UsedIdentityToken.jti).
MAX_JTI_CHARS = 128


class IdentityTokenError(ValueError):
    """The token must not be trusted; the message is for operators' logs, never citizens."""


@dataclass(frozen=True)
class VerifiedIdentity:
    person_ref: str
    method: str
    verified_at: datetime

    def as_metadata(self) -> dict[str, str]:
        """The `br_identity` metadata the gateway attaches to each message."""
        return {
            "person_ref": self.person_ref,
            "method": self.method,
            "verified_at": self.verified_at.isoformat(),
        }


class ReplayStore(Protocol):
    def claim(self, jti: str, expires_at: datetime) -> bool:
        """Remember `jti`; False when it was seen before (the token is being replayed)."""
        ...


class SqlReplayStore:
    """Used token ids in our database, so a replay is caught by every gateway process."""

    def __init__(self, session_factory: sessionmaker) -> None:
        self._sessions = session_factory

    def claim(self, jti: str, expires_at: datetime) -> bool:
        try:
            with session_scope(self._sessions) as session:
                session.execute(
                    delete(UsedIdentityToken).where(
                        UsedIdentityToken.expires_at < utcnow() - CLOCK_LEEWAY
                    )
                )
                session.add(UsedIdentityToken(jti=jti, expires_at=expires_at))
        except IntegrityError:
            return False
        return True


class KeySource(Protocol):
    def key_for(self, kid: str | None, algorithm: str) -> jwt.PyJWK | None:
        """The issuer's public key with this `kid` for `algorithm`, if it has one."""
        ...


@dataclass(frozen=True)
class TokenPolicy:
    """Whose tokens we accept: trusted issuers with their keys, and the audience we are."""

    issuers: Mapping[str, KeySource]
    audience: str = AUDIENCE
    # Non-empty only when HS256 is explicitly allowed (tests, embedded profile).
    hs256_secret: str = ""
    max_lifetime: timedelta = MAX_TOKEN_LIFETIME


def _decode(token: str, policy: TokenPolicy) -> dict[str, Any]:
    """Signature, issuer and audience checked with the key the token's issuer publishes."""
    try:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        if algorithm == HS256:
            if not policy.hs256_secret:
                raise IdentityTokenError("HS256 identity tokens are not allowed here")
            return dict(jwt.decode(token, policy.hs256_secret, algorithms=[HS256],
                                   audience=policy.audience, leeway=CLOCK_LEEWAY,
                                   options={"require": REQUIRED_CLAIMS}))
        if algorithm not in ASYMMETRIC_ALGORITHMS:
            raise IdentityTokenError(f"identity token algorithm {algorithm!r} refused")
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        source = policy.issuers.get(issuer) if isinstance(issuer, str) else None
        if source is None:
            raise IdentityTokenError("identity token from an issuer we do not trust")
        kid = header.get("kid")
        key = source.key_for(kid if isinstance(kid, str) else None, str(algorithm))
        if key is None:
            raise IdentityTokenError("identity token signed with a key its issuer does not list")
        return dict(jwt.decode(token, key.key, algorithms=[str(algorithm)],
                               audience=policy.audience, issuer=issuer, leeway=CLOCK_LEEWAY,
                               options={"require": [*REQUIRED_CLAIMS, "iss"]}))
    except jwt.PyJWTError as exc:
        raise IdentityTokenError(f"identity token rejected: {exc.__class__.__name__}") from exc


def verify_identity_token(
    token: str, *, policy: TokenPolicy, replay_store: ReplayStore
) -> VerifiedIdentity:
    """Check signature, issuer, audience, expiry, lifetime and single use; return who it names."""
    claims = _decode(token, policy)
    issued_at = datetime.fromtimestamp(int(claims["iat"]), timezone.utc)
    expires_at = datetime.fromtimestamp(int(claims["exp"]), timezone.utc)
    if expires_at - issued_at > policy.max_lifetime:
        raise IdentityTokenError("identity token lives longer than allowed")
    if issued_at > utcnow() + CLOCK_LEEWAY:
        raise IdentityTokenError("identity token issued in the future")
    person_ref, jti = str(claims["sub"]).strip(), str(claims["jti"]).strip()
    if not person_ref or not jti:
        raise IdentityTokenError("identity token has an empty sub or jti")
    if len(jti) > MAX_JTI_CHARS:
        raise IdentityTokenError("identity token has an overlong jti")
    if not replay_store.claim(jti, expires_at):
        raise IdentityTokenError("identity token was already used")
    return VerifiedIdentity(person_ref, METHOD_MITID, utcnow())
