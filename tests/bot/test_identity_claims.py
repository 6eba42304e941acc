"""The gateway's per-turn identity claim: valid only as signed, for its conversation, briefly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
import pytest

from bot.identity import VerifiedIdentity
from bot.identity_claims import (
    CLAIM_LIFETIME,
    IdentityClaimError,
    check_message_claim,
    sign_identity_claim,
    verify_identity_claim,
)

KEY = "gateway-and-actions-claim-key-0123456789"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
ANNE = VerifiedIdentity("person-anne", "mitid", NOW - timedelta(minutes=3))


def _claim(**changes: object) -> str:
    values = jwt.decode(sign_identity_claim(ANNE, conversation_id="conv-a", key=KEY, now=NOW),
                        options={"verify_signature": False})
    values.update(changes)
    return jwt.encode(values, KEY, algorithm="HS256")


def test_a_claim_proves_the_person_in_its_own_conversation() -> None:
    claim = sign_identity_claim(ANNE, conversation_id="conv-a", key=KEY, now=NOW)
    later = NOW + timedelta(seconds=30)
    assert verify_identity_claim(claim, conversation_id="conv-a", key=KEY, now=later) == ANNE


@pytest.mark.parametrize(
    ("claim", "conversation", "at", "reason"),
    [
        (lambda: sign_identity_claim(ANNE, conversation_id="conv-a", key=KEY, now=NOW),
         "conv-b", NOW, "other_conversation"),
        (lambda: sign_identity_claim(ANNE, conversation_id="conv-a", key=KEY, now=NOW),
         "conv-a", NOW + CLAIM_LIFETIME + timedelta(seconds=11), "expired"),
        (lambda: sign_identity_claim(ANNE, conversation_id="conv-a",
                                     key="someone-elses-key-0123456789abcdefgh", now=NOW),
         "conv-a", NOW, "bad_signature"),
        (lambda: {"person_ref": "person-anne", "method": "mitid",
                  "verified_at": NOW.isoformat()}, "conv-a", NOW, "unsigned"),
        (lambda: _claim(exp=int((NOW + timedelta(days=1)).timestamp())), "conv-a", NOW,
         "too_long_lived"),
        (lambda: _claim(method="receipt_code"), "conv-a", NOW, "malformed"),
        (lambda: "not.a.claim", "conv-a", NOW, "malformed"),
        (lambda: jwt.encode({"sub": "person-anne", "cid": "conv-a"}, None, algorithm="none"),
         "conv-a", NOW, "malformed"),
    ],
    ids=["other conversation", "expired", "forged", "unsigned", "too long lived",
         "not mitid", "garbage", "alg none"],
)
def test_anything_but_a_fresh_claim_for_this_conversation_is_refused(
    claim: object, conversation: str, at: datetime, reason: str
) -> None:
    with pytest.raises(IdentityClaimError) as refused:
        verify_identity_claim(claim(), conversation_id=conversation, key=KEY, now=at)  # type: ignore[operator]
    assert refused.value.reason == reason


def test_without_a_key_nothing_is_signed_or_believed() -> None:
    claim = sign_identity_claim(ANNE, conversation_id="conv-a", key=KEY, now=NOW)
    with pytest.raises(IdentityClaimError, match="no_key"):
        verify_identity_claim(claim, conversation_id="conv-a", key="", now=NOW)
    with pytest.raises(IdentityClaimError, match="no_key"):
        sign_identity_claim(ANNE, conversation_id="conv-a", key="short", now=NOW)


def test_a_message_without_br_identity_is_no_claim_and_no_refusal() -> None:
    assert check_message_claim({"br_channel": "web"}, conversation_id="c", key=KEY, now=NOW) \
        .refused is None
    refused = check_message_claim({"br_identity": {"person_ref": "x"}}, conversation_id="c",
                                  key=KEY, now=NOW)
    assert refused.identity is None and refused.refused == "unsigned"
