"""A simulated clock for `bot.hashing`, so timing-attack tests do not depend on the machine.

Wall-clock ratios flaked when the other test stream loaded both cores (a thread's three hashes
took 0.61 s beside a pause computed from one 0.26 s hash). What hides an unknown case is
arithmetic: real hashes plus a pause as long as the missing ones. Here every real scrypt still
runs, but costs exactly `HASH_SECONDS` of simulated time, and the pause advances the same
clock, so equal cost shows as equal simulated time.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

import bot.hashing

HASH_SECONDS = 0.05


class HashClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.hashes = 0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)

    def elapsed_since(self, started: float) -> float:
        return round(self.now - started, 9)


@pytest.fixture
def hash_clock(monkeypatch: pytest.MonkeyPatch) -> HashClock:
    bot.hashing.dummy_hash()  # made once per process; its own hash is not a check's cost
    clock = HashClock()
    real_scrypt = bot.hashing._scrypt

    def timed_scrypt(*args: object) -> bytes:
        digest = real_scrypt(*args)  # type: ignore[arg-type]
        clock.now += HASH_SECONDS
        clock.hashes += 1
        return digest

    monkeypatch.setattr(bot.hashing, "_scrypt", timed_scrypt)
    monkeypatch.setattr(bot.hashing, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(bot.hashing, "asyncio",
                        SimpleNamespace(to_thread=asyncio.to_thread, sleep=clock.sleep))
    return clock
