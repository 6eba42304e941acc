"""Rasa's conversation locks in a SQLite file: several Rasa workers without a lock server.

Rasa serves one conversation's messages one at a time through ticket locks. Its in-memory lock
store only works inside one process, so Rasa refuses more than one Sanic worker with it. The
production profile uses Redis (deploy/endpoints.production.yml); the embedded profile uses this
store, a small table next to the tracker store: every read-modify-write of a lock is one
`BEGIN IMMEDIATE` transaction, so workers never hand out the same ticket twice.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore

DEFAULT_DB = "var/rasa_locks.db"


class SQLiteLockStore(LockStore):
    """`lock_store: {type: bot.rasa_locks.SQLiteLockStore, db: <file>}` in endpoints.yml."""

    def __init__(self, endpoint_config: Any = None, db: str | None = None) -> None:
        kwargs = getattr(endpoint_config, "kwargs", None) or {}
        self.path = str(db or kwargs.get("db") or DEFAULT_DB)
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        with self._transaction() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS locks ("
                               "conversation_id TEXT PRIMARY KEY, data TEXT NOT NULL)")
        super().__init__()

    def _connect(self) -> sqlite3.Connection:
        # One connection per process: Sanic forks its workers after this store is made.
        if self._connection is None or self._pid != os.getpid():
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connect()
        if connection.in_transaction:  # nested in one of ours: already atomic
            yield connection
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        row = self._connect().execute(
            "SELECT data FROM locks WHERE conversation_id = ?", (conversation_id,)).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def delete_lock(self, conversation_id: str) -> None:
        with self._transaction() as connection:
            deleted = connection.execute(
                "DELETE FROM locks WHERE conversation_id = ?", (conversation_id,)).rowcount
        self._log_deletion(conversation_id, bool(deleted))

    def save_lock(self, lock: TicketLock) -> None:
        with self._transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO locks (conversation_id, data) VALUES (?, ?)",
                (lock.conversation_id, lock.dumps()))

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            with self._transaction():
                lock = self.get_or_create_lock(conversation_id)
                ticket = lock.issue_ticket(lock_lifetime)
                self.save_lock(lock)
            return int(ticket)
        except sqlite3.Error as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        with self._transaction():
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._transaction():
            super().cleanup(conversation_id, ticket_number)
