"""The Redis bus links gateway replicas, and survives a Redis restart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.gateway.bus import RedisBus
from bot.gateway.hub import ChatHub
from tests.gateway.test_bus import FakeSocket
from tests.production.conftest import RedisProcess, RedisTarget

pytestmark = pytest.mark.production


async def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def _replicas(url: str, prefix: str, count: int) -> list[ChatHub]:
    hubs = [ChatHub(RedisBus(url, prefix)) for _ in range(count)]
    for hub in hubs:
        await hub.bus.start()
    return hubs


@pytest.fixture
async def two_replicas(redis_target: RedisTarget) -> AsyncIterator[list[ChatHub]]:
    hubs = await _replicas(redis_target.url, redis_target.prefix, 2)
    yield hubs
    for hub in hubs:
        await hub.bus.close()


def _attach(hub: ChatHub, session_id: str) -> FakeSocket:
    socket = FakeSocket()
    hub.attach(session_id, socket)  # type: ignore[arg-type]
    return socket


async def test_an_advisor_message_on_replica_a_reaches_the_citizen_on_replica_b(
    two_replicas: list[ChatHub],
) -> None:
    a, b = two_replicas
    on_a, on_b = _attach(a, "s1"), _attach(b, "s1")
    stranger = _attach(b, "s2")
    message: dict[str, Any] = {"type": "message", "sender": "advisor", "text": "Hej, jeg er Ida"}
    await a.send_to_session("s1", message)
    await wait_for(lambda: len(on_b.sent) == 1)
    await asyncio.sleep(0.1)  # time enough for a wrong second copy to arrive
    assert on_a.sent == [message] and on_b.sent == [message]
    assert stranger.sent == []


async def test_order_is_kept_across_replicas(two_replicas: list[ChatHub]) -> None:
    a, b = two_replicas
    on_b = _attach(b, "s1")
    for n in range(50):
        await a.send_to_session("s1", {"n": n})
    await wait_for(lambda: len(on_b.sent) == 50)
    assert [m["n"] for m in on_b.sent] == list(range(50))


async def test_installations_with_other_prefixes_do_not_hear_each_other(
    redis_target: RedisTarget,
) -> None:
    ours = await _replicas(redis_target.url, redis_target.prefix, 1)
    theirs = await _replicas(redis_target.url, redis_target.prefix + "x", 1)
    try:
        on_theirs = _attach(theirs[0], "s1")
        await ours[0].send_to_session("s1", {"n": 1})
        await asyncio.sleep(0.2)
        assert on_theirs.sent == []
    finally:
        for hub in ours + theirs:
            await hub.bus.close()


async def test_live_chats_survive_a_redis_restart(private_redis: RedisProcess) -> None:
    a, b = await _replicas(private_redis.url, "borger", 2)
    try:
        on_a, on_b = _attach(a, "s1"), _attach(b, "s1")
        await a.send_to_session("s1", {"n": 1})
        await wait_for(lambda: len(on_b.sent) == 1)

        private_redis.stop()
        # While Redis is away a replica still serves its own sockets, and nothing raises.
        assert await a.send_to_session("s1", {"n": 2}) == 1
        assert on_a.sent[-1] == {"n": 2}

        private_redis.start()
        assert isinstance(a.bus, RedisBus) and isinstance(b.bus, RedisBus)
        await wait_for(lambda: a.bus.subscribed.is_set() and b.bus.subscribed.is_set(), 10)
        await a.send_to_session("s1", {"n": 3})
        await b.send_to_session("s1", {"n": 4})
        await wait_for(lambda: {"n": 3} in on_b.sent and {"n": 4} in on_a.sent)
        assert on_b.sent.count({"n": 3}) == 1 and on_a.sent.count({"n": 4}) == 1
    finally:
        for hub in (a, b):
            await hub.bus.close()
