"""Our Rasa client: routing conversations over several Rasa servers (stickiness, spread and
fail-over), and the HTTP API for a conversation's tracker."""

from __future__ import annotations

import socket
from collections import Counter
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.chat.rasa_client import (
    RasaApiError,
    RasaRouter,
    append_tracker_events,
    fetch_tracker,
    rendezvous_order,
    send_routed,
)
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


# --- the HTTP API: a conversation's tracker ---------------------------------------------


async def _tracker_api(aiohttp_server: Any, received: list[tuple[str, Any]]) -> str:
    """A fake Rasa HTTP API that accepts the token "good" only; returns its base URL."""

    async def tracker(request: web.Request) -> web.Response:
        if request.query.get("token") != "good":
            return web.json_response({"message": "auth"}, status=401)
        received.append((request.match_info["sender"], None))
        return web.json_response({"events": [{"event": "action"}], "slots": {"a": 1}})

    async def append(request: web.Request) -> web.Response:
        if request.query.get("token") != "good":
            return web.json_response({"message": "auth"}, status=401)
        received.append((request.match_info["sender"], await request.json()))
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/conversations/{sender}/tracker", tracker)
    app.router.add_post("/conversations/{sender}/tracker/events", append)
    server = await aiohttp_server(app)
    return str(server.make_url("")).rstrip("/")


async def test_append_tracker_events_posts_with_the_token_and_raises_when_refused(
    aiohttp_server: Any,
) -> None:
    received: list[tuple[str, Any]] = []
    url = await _tracker_api(aiohttp_server, received)
    events = [{"event": "action", "name": "action_listen"}]
    async with aiohttp.ClientSession() as client:
        await append_tracker_events(client, url, "good", "abc/../x", events)
        with pytest.raises(RasaApiError, match="401"):
            await append_tracker_events(client, url, "bad", "abc", events)
        with pytest.raises(RasaApiError):
            await append_tracker_events(client, _closed_port_url(), "good", "abc", events)
    # The sender id stays one path segment: "abc/../x" does not climb out of its tracker.
    assert received == [("abc/../x", events)]


async def test_fetch_tracker_reads_events_and_slots_and_raises_when_refused(
    aiohttp_server: Any,
) -> None:
    received: list[tuple[str, Any]] = []
    url = await _tracker_api(aiohttp_server, received)
    async with aiohttp.ClientSession() as client:
        tracker = await fetch_tracker(client, url, "good", "abc/../x")
        with pytest.raises(RasaApiError, match="401"):
            await fetch_tracker(client, url, "bad", "abc")
        with pytest.raises(RasaApiError):
            await fetch_tracker(client, _closed_port_url(), "good", "abc")
    assert tracker == {"events": [{"event": "action"}], "slots": {"a": 1}}
    assert received == [("abc/../x", None)]
