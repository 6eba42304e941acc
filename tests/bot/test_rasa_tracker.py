"""Our retention and deletion reach Rasa's own tracker store too."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.rasa_tracker import (
    KeyRotationError,
    delete_conversations,
    fernet_from_secret,
    purge_events_before,
    rotate_tracker_key,
    tracker_key_problem,
)


def _tracker_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL, "
            "data TEXT)"
        ))
        rows = [("a", 1_000.0), ("a", 2_000_000_000.0), ("b", 1_000.0), ("c", 2_000_000_000.0)]
        for sender, stamp in rows:
            connection.execute(text("INSERT INTO events (sender_id, timestamp, data) "
                                    "VALUES (:s, :t, 'x')"), {"s": sender, "t": stamp})
    engine.dispose()
    return url


def _senders(url: str) -> list[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        senders = [row[0] for row in connection.execute(text("SELECT sender_id FROM events"))]
    engine.dispose()
    return sorted(senders)


def test_deleting_a_citizen_removes_only_their_conversations(tmp_path: Path) -> None:
    url = _tracker_db(tmp_path)
    assert delete_conversations(url, ["a", "b"]) == 3
    assert _senders(url) == ["c"]


def test_purge_removes_events_older_than_the_cutoff(tmp_path: Path) -> None:
    url = _tracker_db(tmp_path)
    assert purge_events_before(url, datetime(2020, 1, 1, tzinfo=timezone.utc)) == 2
    assert _senders(url) == ["a", "c"]


def test_a_tracker_store_rasa_has_not_created_yet_is_not_an_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert delete_conversations(url, ["a"]) == 0


def _encrypted_events(tmp_path: Path, key: str, count: int) -> str:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    engine = create_engine(url, future=True)
    fernet = fernet_from_secret(key)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)"))
        for number in range(count):
            token = fernet.encrypt(f'{{"event": "user", "n": {number}}}'.encode()).decode()
            connection.execute(text("INSERT INTO events (data) VALUES (:d)"), {"d": token})
    engine.dispose()
    return url


def _tokens(url: str) -> list[str]:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        tokens = [str(r[0]) for r in connection.execute(text("SELECT data FROM events"))]
    engine.dispose()
    return tokens


def test_rotation_re_encrypts_every_event_under_the_new_key_and_can_be_repeated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.rasa_tracker.ROTATION_BATCH", 7)  # several batches
    url = _encrypted_events(tmp_path, "old", 20)
    before = [fernet_from_secret("old").decrypt(t.encode()) for t in _tokens(url)]
    assert tracker_key_problem(url, "new") is not None
    assert rotate_tracker_key(url, "old", "new") == 20
    assert [fernet_from_secret("new").decrypt(t.encode()) for t in _tokens(url)] == before
    assert tracker_key_problem(url, "new") is None
    assert tracker_key_problem(url, "old") is not None
    assert rotate_tracker_key(url, "old", "new") == 0  # an interrupted run just finishes


def test_rotation_changes_nothing_when_an_event_is_under_an_unknown_key(tmp_path: Path) -> None:
    url = _encrypted_events(tmp_path, "old", 3)
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        stranger = fernet_from_secret("someone else").encrypt(b"{}").decode()
        connection.execute(text("INSERT INTO events (data) VALUES (:d)"), {"d": stranger})
    engine.dispose()
    before = _tokens(url)
    with pytest.raises(KeyRotationError, match="1 event"):
        rotate_tracker_key(url, "old", "new")
    assert _tokens(url) == before
