"""The scrypt hash format shared by advisor passwords and receipt codes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import bot.hashing
from bot.hashing import (
    SCHEME,
    check_hashes_padded,
    dummy_hash,
    hash_secret,
    is_hash,
    secret_matches,
)


def test_a_hash_carries_its_parameters_and_a_fresh_salt() -> None:
    first, second = hash_secret("et langt kodeord"), hash_secret("et langt kodeord")
    assert first != second
    scheme, n, r, p, _salt, _digest = first.split("$")
    assert (scheme, n, r, p) == (SCHEME, str(2**14), "8", "1")


def test_only_the_same_secret_matches() -> None:
    stored = hash_secret("et langt kodeord")
    assert secret_matches("et langt kodeord", stored)
    assert not secret_matches("et andet kodeord", stored)


def test_a_known_salt_gives_a_known_hash() -> None:
    assert hash_secret("K7QM4TZP", salt=b"0" * 16) == hash_secret("K7QM4TZP", salt=b"0" * 16)


@pytest.mark.parametrize(
    "stored", ["garbage", "", "md5$1$2$3$abc$def", "scrypt$3$8$1$AAAA$AAAA", "scrypt$x$8$1$a$b"]
)
def test_a_malformed_hash_never_matches(stored: str) -> None:
    assert not secret_matches("anything", stored)


def test_the_dummy_hash_matches_nothing_a_person_types() -> None:
    assert dummy_hash() == dummy_hash()
    assert not secret_matches("", dummy_hash())
    assert not secret_matches("AAAAAAAA", dummy_hash())


@pytest.mark.parametrize(("text", "ours"), [
    (hash_secret("x"), True), ("scrypt$16384$8$1$c2FsdA==$ZGlnZXN0", True),
    ("scrypt$16384$8$1$salt", False), ("bcrypt$1$2$3$4$5", False), ("scrypt$$8$1$a$b", False),
])
def test_a_hash_from_an_export_is_recognised_by_its_format(text: str, ours: bool) -> None:
    assert is_hash(text) is ours


HASH_SECONDS = 0.05


def _slow_check(calls: list[str]) -> Callable[[str], bool]:
    def check(stored: str) -> bool:
        calls.append(stored)
        assert threading.current_thread() is not threading.main_thread()
        time.sleep(HASH_SECONDS)
        return stored == "right"
    return check


@pytest.mark.parametrize("stored", [[], ["wrong"], ["wrong", "right"]])
async def test_a_padded_check_takes_as_long_as_the_asked_hashes_but_computes_only_the_real_ones(
    stored: list[str],
) -> None:
    calls: list[str] = []
    started = time.monotonic()
    results = await check_hashes_padded(_slow_check(calls), stored, as_long_as=4)
    elapsed = time.monotonic() - started
    assert results == [value == "right" for value in stored]
    assert len(calls) == max(1, len(stored))  # nothing stored: one dummy hash, for the timing
    assert elapsed >= 4 * HASH_SECONDS * 0.95


async def test_a_padded_check_of_more_hashes_than_asked_checks_them_all() -> None:
    calls: list[str] = []
    stored = ["a", "b", "c", "right", "d"]
    results = await check_hashes_padded(_slow_check(calls), stored, as_long_as=4)
    assert calls == stored and results == [False, False, False, True, False]


async def test_waiting_for_a_free_thread_does_not_lengthen_the_pause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the hashes' own time is multiplied, so one party and three stay alike under load."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
    busy = loop.run_in_executor(None, time.sleep, 0.5)  # the only thread is taken
    pauses: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded_sleep(seconds: float) -> None:
        pauses.append(seconds)
        await real_sleep(seconds)

    monkeypatch.setattr(asyncio, "sleep", recorded_sleep)
    await check_hashes_padded(_slow_check([]), ["wrong"], as_long_as=4)
    await busy
    assert len(pauses) == 1
    assert 3 * HASH_SECONDS * 0.95 <= pauses[0] < 3 * HASH_SECONDS + 0.2  # not 3 x 0.55 s


async def test_the_dummy_hash_is_made_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Made on the loop, its one slow hash stalled every other chat of the process once."""
    threads: list[threading.Thread] = []
    real_scrypt = bot.hashing._scrypt

    def recorded_scrypt(*args: Any) -> bytes:
        threads.append(threading.current_thread())
        return real_scrypt(*args)

    monkeypatch.setattr(bot.hashing, "_scrypt", recorded_scrypt)
    bot.hashing.dummy_hash.cache_clear()
    assert await check_hashes_padded(lambda stored: False, [], as_long_as=2) == []
    assert len(threads) == 1  # the dummy, made for this first check
    assert threads[0] is not threading.main_thread()
