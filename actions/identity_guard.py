"""The action server's check of the gateway's signed identity claim (bot/identity_claims.py).

Every refused claim (unsigned, forged, expired, from another conversation) is treated as no
identity at all, the ordinary "not verified" path, and leaves one audit event: someone who
could reach Rasa or the action server tried to speak for a citizen.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.exc import SQLAlchemyError

from actions.db import session_factory
from bot.clock import utcnow
from bot.db import session_scope
from bot.identity import METADATA_KEY, VerifiedIdentity
from bot.identity_claims import check_message_claim
from bot.models.audit import record_audit
from bot.settings import load_settings

log = logging.getLogger(__name__)

# The audit column's width (bot/models/audit.py).
MAX_ACTOR_CHARS = 128
# One audit event per refused claim, although several actions of a turn look at it.
_AUDITED: OrderedDict[tuple[str, str], None] = OrderedDict()
_AUDITED_MAX = 2048


def _audit_refusal(conversation_id: str, claim: Any, reason: str) -> None:
    marker = (conversation_id, str(claim)[-86:])
    if marker in _AUDITED:
        return
    _AUDITED[marker] = None
    while len(_AUDITED) > _AUDITED_MAX:
        _AUDITED.popitem(last=False)
    log.warning("Identity claim refused (%s)", reason)
    try:
        with session_scope(session_factory()) as session:
            record_audit(
                session,
                actor_type="conversation",
                actor_id=conversation_id[:MAX_ACTOR_CHARS],
                action="identity_claim_refused",
                subject_type="conversation",
                subject_id=conversation_id[:MAX_ACTOR_CHARS],
                detail=f"reason={reason}",
            )
    except SQLAlchemyError:
        log.exception("Could not audit a refused identity claim")


def _checked(metadata: Any, conversation_id: str, at: datetime) -> VerifiedIdentity | None:
    check = check_message_claim(metadata, conversation_id=conversation_id,
                                key=load_settings().identity.claim_key, now=at)
    if check.refused is not None:
        _audit_refusal(conversation_id, metadata.get(METADATA_KEY), check.refused)
    return check.identity


def trusted_identity_of(tracker: Tracker) -> VerifiedIdentity | None:
    """The MitID identity the gateway vouched for on the latest message, if any."""
    metadata = tracker.latest_message.get("metadata")
    return _checked(metadata, tracker.sender_id, utcnow())


def events_with_verified_identity(tracker: Tracker) -> list[dict[str, Any]]:
    """The tracker's events with each message's `br_identity` replaced by what it proved.

    For readers of the history (the handover packet): a claim counts if it was valid when
    Rasa received the message; anything else is removed, so no reader can trust it.
    """
    events: list[dict[str, Any]] = []
    for event in tracker.events:
        metadata = event.get("metadata")
        if not isinstance(metadata, Mapping) or METADATA_KEY not in metadata:
            events.append(event)
            continue
        at = datetime.fromtimestamp(float(event.get("timestamp") or 0), timezone.utc)
        identity = _checked(dict(metadata), tracker.sender_id, at)
        cleaned = {k: v for k, v in metadata.items() if k != METADATA_KEY}
        if identity is not None:
            cleaned[METADATA_KEY] = identity.as_metadata()
        events.append({**event, "metadata": cleaned})
    return events

