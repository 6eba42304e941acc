"""Identity tokens: the website's proof that a citizen logged in with MitID.

The website signs a short-lived JWT (HS256, secret `BR_JWT_SECRET`, shared only by the website
and our gateway) naming the person with an opaque `sub`. The gateway calls
`verify_identity_token` once, keeps the result in its server-side session and attaches it as
`metadata.br_identity` to every message it sends to Rasa; actions read only that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

import jwt
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.clock import as_utc, utcnow
from bot.db import session_scope
from bot.models.cases import UsedIdentityToken

AUDIENCE = "borgerraadgiveren"
ALGORITHM = "HS256"
MAX_TOKEN_LIFETIME = timedelta(minutes=10)
# Clock difference we tolerate between the website and us.
CLOCK_LEEWAY = timedelta(seconds=30)
METADATA_KEY = "br_identity"
METHOD_MITID = "mitid"
METHOD_RECEIPT_CODE = "receipt_code"


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


def verify_identity_token(
    token: str,
    *,
    secret: str,
    replay_store: ReplayStore,
    audience: str = AUDIENCE,
    max_lifetime: timedelta = MAX_TOKEN_LIFETIME,
) -> VerifiedIdentity:
    """Check signature, audience, expiry, lifetime and single use; return who it names."""
    if not secret:
        raise IdentityTokenError("BR_JWT_SECRET is not set; refusing every identity token")
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=audience,
            leeway=CLOCK_LEEWAY,
            options={"require": ["sub", "exp", "iat", "jti", "aud"]},
        )
    except jwt.PyJWTError as exc:
        raise IdentityTokenError(f"identity token rejected: {exc.__class__.__name__}") from exc

    issued_at = datetime.fromtimestamp(int(claims["iat"]), timezone.utc)
    expires_at = datetime.fromtimestamp(int(claims["exp"]), timezone.utc)
    if expires_at - issued_at > max_lifetime:
        raise IdentityTokenError("identity token lives longer than allowed")
    if issued_at > utcnow() + CLOCK_LEEWAY:
        raise IdentityTokenError("identity token issued in the future")
    person_ref, jti = str(claims["sub"]).strip(), str(claims["jti"]).strip()
    if not person_ref or not jti:
        raise IdentityTokenError("identity token has an empty sub or jti")
    if not replay_store.claim(jti, expires_at):
        raise IdentityTokenError("identity token was already used")
    return VerifiedIdentity(person_ref, METHOD_MITID, utcnow())


def identity_from_metadata(metadata: dict[str, Any] | None) -> VerifiedIdentity | None:
    """The gateway's `br_identity` of a message, if well formed (MitID only)."""
    raw = (metadata or {}).get(METADATA_KEY)
    if not isinstance(raw, dict):
        return None
    person_ref, method = raw.get("person_ref"), raw.get("method")
    verified_at = raw.get("verified_at")
    if not isinstance(person_ref, str) or not person_ref or method != METHOD_MITID:
        return None
    try:
        at = as_utc(datetime.fromisoformat(str(verified_at)))
    except ValueError:
        return None
    return VerifiedIdentity(person_ref, METHOD_MITID, at)
