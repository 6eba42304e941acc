"""Routing conversations over several Rasa servers: stickiness, spread and fail-over."""

from __future__ import annotations

import socket
from collections import Counter

import aiohttp
from aiohttp.test_utils import TestServer

from bot.chat.rasa_client import RasaRouter, rendezvous_order, send_routed
from tests.gateway.fake_rasa import FakeRasa

SERVERS = [f"http://rasa-{n}:5005" for n in range(3)]
SESSIONS = [f"session-{n}" for n in range(3000)]


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens here once the probe is closed


def test_a_conversation_always_gets_the_same_server_order() -> None:
    assert rendezvous_order(SERVERS, "abc") == rendezvous_order(list(reversed(SERVERS)), "abc")
    assert sorted(rendezvous_order(SERVERS, "abc")) == sorted(SERVERS)


def test_conversations_spread_evenly_over_the_servers() -> None:
    first = Counter(rendezvous_order(SERVERS, s)[0] for s in SESSIONS)
    assert set(first) == set(SERVERS)
    for count in first.values():
        assert abs(count - len(SESSIONS) / 3) < len(SESSIONS) * 0.05


def test_losing_a_server_moves_only_its_own_conversations() -> None:
    before = {s: rendezvous_order(SERVERS, s)[0] for s in SESSIONS}
    after = {s: rendezvous_order(SERVERS[:2], s)[0] for s in SESSIONS}
    moved = [s for s in SESSIONS if before[s] != after[s]]
    assert moved and all(before[s] == SERVERS[2] for s in moved)
    # ... and each goes to its own second choice, so the load of the lost server is shared.
    assert all(after[s] == rendezvous_order(SERVERS, s)[1] for s in moved)


def test_a_server_that_just_failed_is_tried_last() -> None:
    router = RasaRouter(SERVERS, retry_after_seconds=60)
    order = router.candidates("abc")
    router.mark_down(order[0])
    assert router.candidates("abc") == order[1:] + order[:1]
    router.mark_up(order[0])
    assert router.candidates("abc") == order


async def test_send_routed_fails_over_when_the_first_server_is_unreachable() -> None:
    fake = FakeRasa()
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    alive = str(server.make_url("")).rstrip("/")
    dead = _closed_port_url()
    # A session whose first choice is the dead server.
    sender = next(s for s in SESSIONS if rendezvous_order([dead, alive], s)[0] == dead)
    router = RasaRouter([dead, alive])
    try:
        async with aiohttp.ClientSession() as client:
            turn = await send_routed(
                client, router, sender=sender, message="hej", metadata={}, timeout_seconds=2
            )
    finally:
        await server.close()
    assert turn.reached and turn.texts
    assert [r["sender"] for r in fake.received] == [sender]
    assert router.candidates(sender)[0] == alive


async def test_send_routed_does_not_resend_a_message_a_server_may_have_processed() -> None:
    fake = FakeRasa(mode="slow")
    other = FakeRasa()
    servers = [TestServer(fake.app(), host="127.0.0.1"), TestServer(other.app(), host="127.0.0.1")]
    for server in servers:
        await server.start_server()
    urls = [str(s.make_url("")).rstrip("/") for s in servers]
    sender = next(s for s in SESSIONS if rendezvous_order(urls, s)[0] == urls[0])
    try:
        async with aiohttp.ClientSession() as client:
            turn = await send_routed(
                client, RasaRouter(urls), sender=sender, message="hej", metadata={},
                timeout_seconds=0.5,
            )
    finally:
        for server in servers:
            await server.close()
    # The slow server got the message and may still run the turn: no second server runs it.
    assert not turn.reached
    assert len(fake.received) == 1 and other.received == []
