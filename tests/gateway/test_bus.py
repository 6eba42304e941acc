"""The hub's bus: a message for a session reaches its sockets on every replica, once."""

from __future__ import annotations

from typing import Any

from bot.chat.transcripts import MessageOut
from bot.gateway.bus import InProcessBroker, InProcessBus
from bot.gateway.hub import ChatHub


class FakeSocket:
    """Stands in for a `WebSocketResponse`: records what the hub sends."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.closed = False

    async def send_json(self, data: dict[str, Any]) -> None:
        self.sent.append(data)


def _replicas(count: int) -> list[ChatHub]:
    broker = InProcessBroker()
    return [ChatHub(InProcessBus(broker)) for _ in range(count)]


def _attach(hub: ChatHub, session_id: str) -> FakeSocket:
    socket = FakeSocket()
    hub.attach(session_id, socket)  # type: ignore[arg-type]
    return socket


async def test_a_message_sent_on_one_replica_reaches_the_sockets_on_the_others() -> None:
    a, b, c = _replicas(3)
    on_a, on_b, other_session = _attach(a, "s1"), _attach(b, "s1"), _attach(c, "s2")
    delivered_here = await a.send_to_session("s1", {"type": "message", "text": "Hej"})
    assert delivered_here == 1
    assert on_a.sent == on_b.sent == [{"type": "message", "text": "Hej"}]
    assert other_session.sent == []


async def test_messages_arrive_on_other_replicas_in_the_order_they_were_sent() -> None:
    a, b = _replicas(2)
    on_b = _attach(b, "s1")
    for n in range(20):
        await a.send_to_session("s1", {"n": n})
    assert [m["n"] for m in on_b.sent] == list(range(20))


async def test_citizen_messages_reach_the_listeners_of_every_replica_once() -> None:
    a, b = _replicas(2)
    heard: list[tuple[str, str, str]] = []
    for name, hub in (("a", a), ("b", b)):
        async def listener(session_id: str, message: MessageOut, name: str = name) -> None:
            heard.append((name, session_id, message["text"]))
        hub.citizen_message_listeners.append(listener)
    message = MessageOut(seq=1, sender="citizen", text="Er der nogen?", buttons=[],
                         client_id="c1", at="2026-01-01T00:00:00+00:00")
    await b.notify_citizen_message("s1", message)
    assert sorted(heard) == [("a", "s1", "Er der nogen?"), ("b", "s1", "Er der nogen?")]


async def test_a_failing_subscriber_does_not_stop_delivery() -> None:
    a, b = _replicas(2)

    async def broken(_session_id: str, _message: MessageOut) -> None:
        raise RuntimeError("console is down")

    b.citizen_message_listeners.append(broken)
    on_b = _attach(b, "s1")
    message = MessageOut(seq=1, sender="citizen", text="x", buttons=[], client_id=None, at="")
    await a.notify_citizen_message("s1", message)
    await a.send_to_session("s1", {"type": "message"})
    assert on_b.sent == [{"type": "message"}]


async def test_a_single_replica_delivers_without_anyone_to_publish_to() -> None:
    hub = ChatHub()
    socket = _attach(hub, "s1")
    assert await hub.send_to_session("s1", {"type": "typing", "on": True}) == 1
    assert socket.sent == [{"type": "typing", "on": True}]
    assert isinstance(hub.bus, InProcessBus)



async def test_a_language_switch_reaches_the_chats_sockets_on_every_replica() -> None:
    # The switch is an HTTP request, which may land on another replica than the socket.
    a, b = _replicas(2)
    _attach(b, "s1")
    b.known_language("s1", "da")
    await a.set_language("s1", "en")
    assert b.language("s1", "da") == "en"
    # A socket opening with what the database said a moment before keeps the newer switch.
    b.known_language("s1", "da")
    assert b.language("s1", "da") == "en"
    # Nothing is kept for a chat without a socket here.
    assert a.language("s1", "da") == "da"
