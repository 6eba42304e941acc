"""Rasa's conversation store keeps citizen text and slot values encrypted at rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_history import WINDOW_EVENTS
from bot.rasa_stores import EncryptedSQLTrackerStore
from bot.rasa_tracker import delete_conversations

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


WINDOW_DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [ask, give_code]
slots:
  phone:
    type: text
    mappings:
      - type: custom
  language:
    type: text
    initial_value: da
    mappings:
      - type: custom
responses:
  utter_answer:
    - text: svar
"""
)


def _turn(number: int) -> list[Any]:
    return [
        UserUttered(f"spørgsmål {number}", {"name": "ask", "confidence": 1.0}),
        ActionExecuted("utter_answer"),
        BotUttered(f"svar {number}"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]


async def _chat(store: EncryptedSQLTrackerStore, sender: str, turns: int) -> None:
    """Turns as Rasa takes them: retrieve, add the turn's events, save."""
    for number in range(turns):
        tracker = await store.retrieve(sender)
        if tracker is None:
            tracker = DialogueStateTracker(sender, WINDOW_DOMAIN.slots)
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            tracker.update(SlotSet("phone", "12345678"))
        for event in _turn(number):
            tracker.update(event)
        await store.save(tracker)


def _window_store(tmp_path: Path) -> EncryptedSQLTrackerStore:
    return EncryptedSQLTrackerStore(domain=WINDOW_DOMAIN, dialect="sqlite",
                                    db=str(tmp_path / "w.db"))


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EncryptedSQLTrackerStore:
    """A store with the window's domain and a tracker key; another one is `_window_store`."""
    monkeypatch.setenv("BR_TRACKER_KEY", "k" * 40)
    return _window_store(tmp_path)


async def test_a_long_chat_is_handed_to_rasa_as_a_bounded_window_with_its_state(
    tmp_path: Path, store: EncryptedSQLTrackerStore
) -> None:
    await _chat(store, "long", 100)

    for reader in (store, _window_store(tmp_path)):  # cached, and another process (cold)
        tracker = await reader.retrieve("long")
        assert tracker is not None
        assert len(tracker.events) <= WINDOW_EVENTS + 10
        # The slot set in the first turn survives the cut; the latest turn is all there.
        assert tracker.get_slot("phone") == "12345678"
        assert tracker.get_slot("language") == "da"
        assert tracker.latest_message is not None
        assert tracker.latest_message.text == "spørgsmål 99"
        assert tracker.latest_action_name == ACTION_LISTEN_NAME

    full = await store.retrieve_full_tracker("long")
    assert full is not None
    # Every event was stored exactly once: nothing lost, nothing written twice.
    assert len(full.events) == 2 + 4 * 100
    texts = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert texts == [f"spørgsmål {n}" for n in range(100)]


async def test_turns_served_by_two_processes_in_turn_store_each_event_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_TRACKER_KEY", "k" * 40)
    first, second = _window_store(tmp_path), _window_store(tmp_path)
    for _ in range(30):  # like two Rasa workers behind one lock store, turns alternate
        await _chat(first, "shared", 1)
        await _chat(second, "shared", 1)

    full = await first.retrieve_full_tracker("shared")
    assert full is not None
    assert len([e for e in full.events if isinstance(e, UserUttered)]) == 60
    assert len(full.events) == 2 + 4 * 60
    cached = await first.retrieve("shared")
    assert cached is not None
    assert cached.latest_message is not None
    assert cached.latest_message.text == "spørgsmål 0"  # each _chat call is the turn number 0


def _connections_made(store: EncryptedSQLTrackerStore) -> list[object]:
    """Every SQLite connection the store opens from now on."""
    made: list[object] = []
    sa.event.listen(store.engine, "connect", lambda connection, _record: made.append(connection))
    return made


async def test_a_sqlite_store_keeps_its_connection_from_turn_to_turn(
    tmp_path: Path, store: EncryptedSQLTrackerStore
) -> None:
    connects = _connections_made(store)
    await _chat(store, "pooled", 5)  # five reads and five saves

    assert len(connects) == 1
    tracker = await _window_store(tmp_path).retrieve("pooled")  # what was saved is there
    assert tracker is not None and tracker.latest_message is not None
    assert tracker.latest_message.text == "spørgsmål 4"


async def test_after_a_fork_the_store_connects_anew_instead_of_sharing_the_parents(
    store: EncryptedSQLTrackerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _chat(store, "forked", 1)
    parents = store.engine.pool.checkedin()
    connects = _connections_made(store)
    monkeypatch.setattr("bot.db.os.getpid", lambda: 999_999_999)  # "the child"

    await _chat(store, "forked", 1)

    assert parents == 1 and len(connects) == 1
    tracker = await store.retrieve("forked")
    assert tracker is not None and tracker.latest_message is not None
    assert len(connects) == 1  # the child's own connection is kept from then on


async def test_deleted_conversation_is_not_served_from_the_cache(
    tmp_path: Path, store: EncryptedSQLTrackerStore
) -> None:
    await _chat(store, "gone", 3)
    assert await store.retrieve("gone") is not None

    assert delete_conversations(f"sqlite:///{tmp_path / 'w.db'}", ["gone"]) == 2 + 4 * 3

    assert await store.retrieve("gone") is None
