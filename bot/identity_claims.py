"""The identity claim the gateway attaches to a message for Rasa, signed for the action server.

Rasa passes message metadata through untouched, so a `br_identity` that were plain data could
be written by anyone who reaches Rasa or the action server. The gateway therefore sends a
compact JWT (HS256 under `BR_IDENTITY_CLAIM_KEY`, a key only the gateway and the action server
hold) that binds the person to one conversation for a short time. The action server believes
nothing else: an unsigned, forged, expired or other-conversation claim is no identity.

Re-sending the same claim within its conversation before it expires is what the gateway does
on every turn, so it is not a replay in any harmful sense: it says only what the conversation
has already proven (SECURITY.md, "Identity behind the gateway").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt

from bot.bearer import MIN_TOKEN_CHARS
from bot.identity import METADATA_KEY, METHOD_MITID, VerifiedIdentity

CLAIM_ISSUER = "borgerraadgiveren-gateway"
CLAIM_AUDIENCE = "borgerraadgiveren-actions"
CLAIM_ALGORITHM = "HS256"
# One turn (Rasa's answer, the gateway's 15 s timeout) with room to spare; not a session.
CLAIM_LIFETIME = timedelta(minutes=2)
# Clock difference tolerated between the gateway's and the action server's machines.
CLAIM_LEEWAY = timedelta(seconds=10)


class IdentityClaimError(ValueError):
    """The claim proves nothing; `reason` is a short word for the audit log and operators."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ClaimCheck:
    """What the action server found on a message: an identity, a refusal, or no claim."""

    identity: VerifiedIdentity | None = None
    refused: str | None = None


def _require_key(key: str) -> None:
    if len(key) < MIN_TOKEN_CHARS:
        raise IdentityClaimError("no_key")


def sign_identity_claim(
    identity: VerifiedIdentity, *, conversation_id: str, key: str, now: datetime
) -> str:
    """The claim for one message of `conversation_id` (the Rasa sender id)."""
    _require_key(key)
    return jwt.encode(
        {
            "iss": CLAIM_ISSUER,
            "aud": CLAIM_AUDIENCE,
            "sub": identity.person_ref,
            "cid": conversation_id,
            "method": identity.method,
            "vat": int(identity.verified_at.timestamp()),
            "iat": int(now.timestamp()),
            "exp": int((now + CLAIM_LIFETIME).timestamp()),
        },
        key,
        algorithm=CLAIM_ALGORITHM,
    )


def verify_identity_claim(
    claim: Any, *, conversation_id: str, key: str, now: datetime
) -> VerifiedIdentity:
    """The identity `claim` proves for `conversation_id` at `now`; IdentityClaimError if none."""
    _require_key(key)
    if not isinstance(claim, str) or not claim:
        raise IdentityClaimError("unsigned")
    try:
        claims: dict[str, Any] = jwt.decode(
            claim,
            key,
            algorithms=[CLAIM_ALGORITHM],
            audience=CLAIM_AUDIENCE,
            issuer=CLAIM_ISSUER,
            options={"require": ["sub", "cid", "method", "vat", "iat", "exp"],
                     "verify_exp": False},
        )
    except jwt.PyJWTError as exc:
        raise IdentityClaimError("bad_signature" if isinstance(
            exc, jwt.InvalidSignatureError) else "malformed") from exc
    # Expiry against the caller's `now` (the time Rasa received the message, for history).
    if now > datetime.fromtimestamp(int(claims["exp"]), timezone.utc) + CLAIM_LEEWAY:
        raise IdentityClaimError("expired")
    if int(claims["exp"]) - int(claims["iat"]) > CLAIM_LIFETIME.total_seconds():
        raise IdentityClaimError("too_long_lived")
    if claims["cid"] != conversation_id:
        raise IdentityClaimError("other_conversation")
    person_ref = claims["sub"]
    if claims["method"] != METHOD_MITID or not isinstance(person_ref, str) or not person_ref:
        raise IdentityClaimError("malformed")
    verified_at = datetime.fromtimestamp(int(claims["vat"]), timezone.utc)
    return VerifiedIdentity(person_ref, METHOD_MITID, verified_at)


def check_message_claim(
    metadata: Any, *, conversation_id: str, key: str, now: datetime
) -> ClaimCheck:
    """Look at a message's metadata: no `br_identity` at all is no claim, not a refusal."""
    if not isinstance(metadata, dict) or METADATA_KEY not in metadata:
        return ClaimCheck()
    try:
        identity = verify_identity_claim(
            metadata[METADATA_KEY], conversation_id=conversation_id, key=key, now=now
        )
    except IdentityClaimError as exc:
        return ClaimCheck(refused=exc.reason)
    return ClaimCheck(identity=identity)
