"""The queue watcher: unclaimed chats time out to a call-back offer, and citizens hear when
they move up."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web

from bot.console import watcher
from bot.console.queue_items import QueueListing
from bot.console.state import LIVE
from bot.console.watcher import QueueWatcher, watch_queue_once
from tests.console.conftest import Console, FakeRasa, login
from tests.console.handovers import make_handover, stored


async def test_unclaimed_chat_is_offered_a_call_back_after_the_timeout(
    console: Console, fake_rasa: FakeRasa,
) -> None:
    handover_id = make_handover(minutes_ago=11)  # default timeout: 10 minutes
    await watch_queue_once(console.app, {})
    assert stored(handover_id).status == "callback_offered"
    assert console.channel.owners == [("citizen-1", "bot")]
    assert [e["name"] for e in fake_rasa.appended[0][2] if e["event"] == "action"] == [
        "action_listen"]
    (_sid, _sender, _text, buttons) = console.channel.delivered[-1]
    assert [b["payload"] for b in buttons] == ["/request_callback", "/deny"]


async def test_citizens_hear_when_they_move_up_the_queue(console: Console) -> None:
    first = make_handover("citizen-a", minutes_ago=3)
    make_handover("citizen-b", minutes_ago=2)
    announced: dict[int, int] = {}
    await watch_queue_once(console.app, announced)
    assert console.channel.delivered == []  # the bot already told them their place
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{first}/claim", data={"csrf_token": csrf})
    await watch_queue_once(console.app, announced)
    assert ("citizen-b", "system") in [(d[0], d[1]) for d in console.channel.delivered]
    assert any("nummer 1" in d[2] for d in console.channel.delivered if d[0] == "citizen-b")


async def test_a_poke_republishes_the_queue_but_leaves_the_timeouts_to_the_timed_tick(
    console: Console, fake_rasa: FakeRasa,
) -> None:
    handover_id = make_handover(minutes_ago=11)
    await watch_queue_once(console.app, {}, timed=False)
    assert stored(handover_id).status == "waiting"
    await watch_queue_once(console.app, {}, timed=True)
    assert stored(handover_id).status == "callback_offered"


async def test_pokes_faster_than_the_interval_do_not_starve_the_timeouts(
    console: Console, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(watcher, "WATCH_INTERVAL_SECONDS", 0.3)
    running = QueueWatcher()
    await running.start(console.app)
    try:
        await asyncio.sleep(0.1)  # the first, timed tick has run on an empty queue
        handover_id = make_handover(minutes_ago=11)
        for _ in range(20):  # a poke every 50 ms for a second
            console.app[LIVE].poke()
            await asyncio.sleep(0.05)
        assert stored(handover_id).status == "callback_offered"
    finally:
        await running.stop(console.app)


class RecordingSocket:
    closed = False

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send_json(self, event: dict[str, Any]) -> None:
        self.sent.append(event)


async def test_the_queue_view_is_built_only_when_an_advisor_watches(
    console: Console, monkeypatch: pytest.MonkeyPatch,
) -> None:
    handover_id = make_handover("citizen-a", minutes_ago=3)
    built: list[web.Application] = []
    real_listing = watcher.queue_listing

    def counted_listing(app: web.Application) -> QueueListing:
        built.append(app)
        return real_listing(app)

    monkeypatch.setattr(watcher, "queue_listing", counted_listing)
    await watch_queue_once(console.app, {}, timed=False)
    assert built == []
    socket = RecordingSocket()
    console.app[LIVE].add(7, socket)  # type: ignore[arg-type]
    await watch_queue_once(console.app, {}, timed=False)
    assert len(built) == 1
    assert [[item["id"] for item in event["waiting"]] for event in socket.sent] == [
        [handover_id]]
