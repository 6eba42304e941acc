"""Identity claims as the gateway signs them (bot/identity_claims.py), for action tests."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any

from bot.identity import METADATA_KEY, METHOD_MITID, VerifiedIdentity
from bot.identity_claims import sign_identity_claim


def signed_identity(
    person_ref: str, conversation_id: str, *, key: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Message metadata with the gateway's claim; the key defaults to this test's."""
    now = now or datetime.now(timezone.utc)
    claim = sign_identity_claim(
        VerifiedIdentity(person_ref, METHOD_MITID, now),
        conversation_id=conversation_id,
        key=key or os.environ["BR_IDENTITY_CLAIM_KEY"],
        now=now,
    )
    return {METADATA_KEY: claim}
