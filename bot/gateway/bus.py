"""The bus between gateway replicas: an event published on one replica reaches all the others.

The hub publishes "deliver this to chat session X" here, and every replica delivers it to its
own sockets of that session; so an advisor on replica A talks live with a citizen on replica B.
Two implementations with the same contract:

- `InProcessBus` (embedded profile): replicas in one process share an `InProcessBroker`; with
  one gateway process there is one replica and nobody else to tell.
- `RedisBus` (production profile): Redis pub/sub, one channel per topic under a key prefix.
  It reconnects on its own after a Redis restart; events published while Redis is away are
  not replayed (pub/sub keeps nothing), and the browser fetches what it missed by its seq on
  its next reconnect, as it does after any network break.

Contract: `publish` reaches the subscribers of every OTHER replica, in publication order per
publishing replica; it never raises for a broken connection (a chat turn must not fail
because the bus is down). The publishing replica delivers to its own sockets itself, so a
replica keeps working, alone, while Redis restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from bot.settings import Settings

log = logging.getLogger(__name__)

BusEvent = dict[str, Any]
BusHandler = Callable[[BusEvent], Awaitable[None]]


class Bus(ABC):
    """Publish/subscribe between the replicas of the gateway."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[BusHandler]] = defaultdict(list)

    def subscribe(self, topic: str, handler: BusHandler) -> None:
        """Call `handler` for each event other replicas publish on `topic` (before `start`)."""
        self._handlers[topic].append(handler)

    @abstractmethod
    async def start(self) -> None:
        """Connect; called once when the gateway starts."""

    @abstractmethod
    async def close(self) -> None:
        """Disconnect; called once when the gateway stops."""

    @abstractmethod
    async def publish(self, topic: str, event: BusEvent) -> None:
        """Send `event` to the other replicas' subscribers of `topic`."""

    async def _dispatch(self, topic: str, event: BusEvent) -> None:
        for handler in list(self._handlers.get(topic, ())):
            try:
                await handler(event)
            except Exception:  # one broken subscriber must not stop the others or the bus
                log.exception("bus: subscriber of %r failed", topic)


class InProcessBroker:
    """Joins the `InProcessBus`es of several replicas that live in one process."""

    def __init__(self) -> None:
        self.members: list[InProcessBus] = []


class InProcessBus(Bus):
    def __init__(self, broker: InProcessBroker | None = None) -> None:
        super().__init__()
        self._broker = broker or InProcessBroker()
        self._broker.members.append(self)

    async def start(self) -> None:
        return None  # nothing to connect to: the broker is in this process

    async def publish(self, topic: str, event: BusEvent) -> None:
        for member in list(self._broker.members):
            if member is not self:
                await member._dispatch(topic, event)

    async def close(self) -> None:
        with contextlib.suppress(ValueError):
            self._broker.members.remove(self)


class RedisBus(Bus):
    """Redis pub/sub; every replica subscribes to every topic's channel."""

    # After a failed publish, skip publishing for this long instead of making every chat
    # turn wait for a connect timeout while Redis is away.
    PUBLISH_PAUSE_SECONDS = 1.0
    RECONNECT_MAX_SECONDS = 2.0

    def __init__(self, url: str, key_prefix: str) -> None:
        super().__init__()
        self._url = url
        self._prefix = key_prefix
        # Our own events come back from Redis too; the origin tells them apart.
        self.origin = secrets.token_hex(8)
        self._client: aioredis.Redis | None = None
        self._listener: asyncio.Task[None] | None = None
        self._publish_paused_until = 0.0
        self.subscribed = asyncio.Event()
        self.publish_failures = 0

    def channel(self, topic: str) -> str:
        return f"{self._prefix}:bus:{topic}"

    def _redis(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.Redis.from_url(
                self._url, socket_connect_timeout=1.0, socket_timeout=5.0,
                health_check_interval=10,
                # Fail fast, as redis-py 4 did: redis-py >= 5 (the gateway's environment) would
                # otherwise retry with back-off inside a chat turn, and reconnect the listener
                # silently, so `subscribed` would not show an outage.
                retry=Retry(NoBackoff(), 0),
            )
        return self._client

    async def start(self, wait_seconds: float = 5.0) -> None:
        """Start listening; wait a little for the first subscription, but start without it."""
        self._listener = asyncio.get_running_loop().create_task(self._listen())
        try:
            await asyncio.wait_for(self.subscribed.wait(), wait_seconds)
        except asyncio.TimeoutError:
            log.warning("bus: Redis not reachable yet; replicas are not linked until it is")

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        if self._client is not None:
            await self._client.close(close_connection_pool=True)

    async def publish(self, topic: str, event: BusEvent) -> None:
        if time.monotonic() < self._publish_paused_until:
            self.publish_failures += 1
            return
        data = json.dumps({"origin": self.origin, "event": event}, ensure_ascii=False)
        try:
            await self._redis().publish(self.channel(topic), data)
        except (RedisError, OSError, asyncio.TimeoutError) as exc:
            self.publish_failures += 1
            self._publish_paused_until = time.monotonic() + self.PUBLISH_PAUSE_SECONDS
            # Redis is away: not linked until the listener hears from it again.
            self.subscribed.clear()
            log.warning("bus: publish failed (%s); other replicas miss this event",
                        type(exc).__name__)

    async def _listen(self) -> None:
        topics = {self.channel(topic): topic for topic in self._handlers}
        delay = 0.1
        while True:
            pubsub = self._redis().pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(*topics)
                self.subscribed.set()
                self._publish_paused_until = 0.0
                delay = 0.1
                while True:
                    message = await pubsub.get_message(timeout=1.0)
                    if not self.subscribed.is_set():  # a publish failed; the link works again
                        self.subscribed.set()
                        self._publish_paused_until = 0.0
                    if message is not None:
                        await self._receive(topics, message)
            except (RedisError, OSError, asyncio.TimeoutError) as exc:
                if self.subscribed.is_set():
                    log.warning("bus: lost Redis (%s); reconnecting", type(exc).__name__)
                self.subscribed.clear()
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.RECONNECT_MAX_SECONDS)
            finally:
                with contextlib.suppress(RedisError, OSError, asyncio.TimeoutError):
                    await pubsub.close()

    async def _receive(self, topics: dict[str, str], message: dict[str, Any]) -> None:
        channel = message.get("channel")
        if isinstance(channel, bytes):
            channel = channel.decode()
        topic = topics.get(str(channel))
        try:
            envelope = json.loads(message["data"])
        except (TypeError, ValueError, KeyError):
            log.warning("bus: dropped an event that is not JSON")
            return
        if topic is None or not isinstance(envelope, dict) or envelope.get("origin") == self.origin:
            return
        event = envelope.get("event")
        if isinstance(event, dict):
            await self._dispatch(topic, event)


def make_bus(settings: Settings) -> Bus:
    """Redis when a Redis URL is configured (production profile), else in-process."""
    if settings.redis.url:
        return RedisBus(settings.redis.url, settings.redis.key_prefix)
    return InProcessBus()
