"""The queue watcher: unclaimed chats time out to a call-back offer, and citizens hear when
they move up."""

from __future__ import annotations

from bot.console.watcher import watch_queue_once
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
