"""Rasa's conversation store keeps citizen text and slot values encrypted at rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_stores import EncryptedSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  phone:
    type: text
    mappings:
      - type: custom
"""
)


def _store(tmp_path: Path) -> EncryptedSQLTrackerStore:
    return EncryptedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))


async def test_events_round_trip_but_are_unreadable_in_the_database_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_TRACKER_KEY", "k" * 40)
    store = _store(tmp_path)
    tracker = DialogueStateTracker.from_events(
        "citizen-1",
        [UserUttered("mit cpr er 0101901234", {"name": "inform", "confidence": 1.0}),
         SlotSet("phone", "12345678")],
        slots=DOMAIN.slots,
    )
    await store.save(tracker)

    restored = await _store(tmp_path).retrieve("citizen-1")

    assert restored is not None
    assert restored.latest_message is not None
    assert restored.latest_message.text == "mit cpr er 0101901234"
    assert restored.get_slot("phone") == "12345678"
    raw = (tmp_path / "t.db").read_bytes()
    assert b"0101901234" not in raw and b"12345678" not in raw


def test_store_refuses_to_start_without_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BR_TRACKER_KEY", raising=False)
    with pytest.raises(ValueError, match="BR_TRACKER_KEY"):
        _store(tmp_path)
