"""Rasa's ticket locks in SQLite: two workers (two stores on one file) share them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.rasa_locks import SQLiteLockStore


def test_two_workers_never_get_the_same_ticket(tmp_path: Path) -> None:
    first, second = (SQLiteLockStore(db=str(tmp_path / "locks.db")) for _ in range(2))
    tickets = [store.issue_ticket("chat-1") for store in (first, second, first, second)]
    assert tickets == [0, 1, 2, 3]
    lock = second.get_lock("chat-1")
    assert lock is not None and lock.is_locked(1) and not lock.is_locked(0)


async def test_a_turn_waits_for_the_other_workers_turn_of_the_same_chat(tmp_path: Path) -> None:
    first, second = (SQLiteLockStore(db=str(tmp_path / "locks.db")) for _ in range(2))
    order: list[str] = []

    async def turn(store: SQLiteLockStore, name: str, hold: float) -> None:
        async with store.lock("chat-1", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} out")

    await asyncio.gather(turn(first, "a", 0.1), turn(second, "b", 0))

    assert order == ["a in", "a out", "b in", "b out"]
    assert first.get_lock("chat-1") is None  # cleaned up when no one waits
