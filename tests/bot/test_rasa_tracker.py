"""Our retention and deletion reach Rasa's own tracker store too."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.rasa_tracker import delete_conversations, purge_events_before


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
