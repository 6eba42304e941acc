"""The advisor's handover packet believes only identity claims the gateway signed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handover as actions
from actions.identity_guard import events_with_verified_identity
from tests.actions.claims import signed_identity
from tests.actions.test_handover import handovers, open_all_day


def _tracker(sender: str, metadata: dict[str, Any], at: datetime) -> Tracker:
    latest = {"text": "jeg vil tale med et menneske",
              "intent": {"name": "request_human", "confidence": 0.9}, "metadata": metadata}
    events = [{"event": "user", "text": latest["text"], "timestamp": at.timestamp(),
               "metadata": metadata, "parse_data": {"intent": latest["intent"]}}]
    return Tracker(sender, {}, latest, events, False, None, {}, "action_listen")


def test_a_claim_counts_if_it_was_valid_when_rasa_received_the_message() -> None:
    sent_at = datetime.now(timezone.utc) - timedelta(hours=1)
    genuine = signed_identity("person-anne", "conv-1", now=sent_at)
    events = events_with_verified_identity(_tracker("conv-1", genuine, sent_at))
    assert events[0]["metadata"]["br_identity"]["person_ref"] == "person-anne"
    # The same claim on a message received later, or in another chat, counts for nothing.
    late = events_with_verified_identity(
        _tracker("conv-1", genuine, sent_at + timedelta(minutes=10)))
    other = events_with_verified_identity(_tracker("conv-2", genuine, sent_at))
    assert "br_identity" not in late[0]["metadata"] and "br_identity" not in other[0]["metadata"]


@pytest.mark.parametrize("genuine", [True, False], ids=["signed", "forged"])
async def test_the_handover_packet_shows_mitid_only_for_a_signed_claim(
    monkeypatch: pytest.MonkeyPatch, genuine: bool
) -> None:
    open_all_day(monkeypatch)
    now = datetime.now(timezone.utc)
    metadata = signed_identity("person-anne", "conv-h") if genuine else {
        "br_identity": {"person_ref": "person-anne", "method": "mitid",
                        "verified_at": now.isoformat()}}
    await actions.ActionHandover().run(
        CollectingDispatcher(), _tracker("conv-h", metadata, now), {})
    (stored,) = handovers()
    identity = json.loads(stored.context_json)["identity"]
    assert identity["verified"] is genuine
    assert stored.person_ref == ("person-anne" if genuine else None)
