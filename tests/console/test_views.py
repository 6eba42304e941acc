"""The console's handover flow: queue, claim, context card with audit, chat, hand back."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from aiohttp import WSServerHandshakeError
from sqlalchemy import select

from bot.console.watcher import watch_queue_once
from bot.db import make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.handover import repository
from bot.models.audit import AuditEvent
from bot.models.handover import STATUS_HANDED_BACK, STATUS_WAITING, Handover
from bot.settings import load_settings
from tests.console.conftest import Console, FakeRasa, login

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make_handover(session_id: str = "citizen-1", reason: str = ctx.REASON_CITIZEN_REQUEST,
                  minutes_ago: int = 1) -> int:
    now = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    events = [{"event": "user", "text": XSS, "timestamp": now.timestamp(),
               "parse_data": {"intent": {"name": "ask_case_status", "confidence": 0.42}}}]
    packet = ctx.build_context(reason=reason, events=events, slots={}, case=None, now=now)
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        return int(repository.create_handover(session, session_id=session_id, context=packet,
                                              status=STATUS_WAITING, now=now).id)


def stored(handover_id: int) -> Handover:
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        handover = session.get(Handover, handover_id)
        assert handover is not None
        session.expunge(handover)
        return handover


async def test_claim_gives_the_chat_to_the_advisor_and_tells_the_citizen(console: Console) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    response = await console.client.post(f"/console/handovers/{handover_id}/claim",
                                         data={"csrf_token": csrf}, allow_redirects=False)
    assert response.status == 302
    assert console.channel.owners == [("citizen-1", "advisor")]
    assert console.channel.delivered[0][:2] == ("citizen-1", "system")
    assert stored(handover_id).claimed_by is not None


async def test_two_advisors_clicking_at_once_one_wins(console: Console,
                                                      aiohttp_client) -> None:  # type: ignore[no-untyped-def]
    handover_id = make_handover()
    other = await aiohttp_client(console.client.server)
    csrf_anna = await login(console.client, "anna")
    csrf_bo = await login(other, "bo")
    results = await asyncio.gather(
        console.client.post(f"/console/handovers/{handover_id}/claim",
                            data={"csrf_token": csrf_anna}, allow_redirects=False),
        other.post(f"/console/handovers/{handover_id}/claim",
                   data={"csrf_token": csrf_bo}, allow_redirects=False),
    )
    assert sorted(r.status for r in results) == [302, 409]
    assert len(console.channel.owners) == 1


async def test_opening_a_context_card_is_audited_and_citizen_text_is_escaped(
    console: Console,
) -> None:
    handover_id = make_handover()
    await login(console.client, "anna")
    page = await console.client.get(f"/console/handovers/{handover_id}")
    html = await page.text()
    assert page.status == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "ask_case_status 42 %" in html  # intent with confidence on the card
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        events = session.execute(
            select(AuditEvent).where(AuditEvent.action == "open_handover_context")
        ).scalars().all()
        assert [(e.actor_type, e.subject_id) for e in events] == [("advisor", str(handover_id))]


async def test_advisors_cannot_open_a_colleagues_chat_but_supervisors_can(
    console: Console, aiohttp_client,  # type: ignore[no-untyped-def]
) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    bo = await aiohttp_client(console.client.server)
    await login(bo, "bo")
    assert (await bo.get(f"/console/handovers/{handover_id}")).status == 404
    sara = await aiohttp_client(console.client.server)
    await login(sara, "sara")
    assert (await sara.get(f"/console/handovers/{handover_id}")).status == 200


async def test_advisor_message_goes_to_the_citizen(console: Console) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    response = await console.client.post(
        f"/console/handovers/{handover_id}/messages",
        data={"csrf_token": csrf, "text": "Hej, jeg hedder Anna."},
        headers={"Accept": "application/json"},
    )
    assert response.status == 200
    assert ("citizen-1", "advisor", "Hej, jeg hedder Anna.", []) in console.channel.delivered


async def test_hand_back_resets_rasa_before_the_bot_owns_the_chat(
    console: Console, fake_rasa: FakeRasa,
) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    response = await console.client.post(f"/console/handovers/{handover_id}/handback",
                                         data={"csrf_token": csrf}, allow_redirects=False)
    assert response.status == 302
    assert stored(handover_id).status == STATUS_HANDED_BACK
    assert len(fake_rasa.appended) == 1
    sender, token, events = fake_rasa.appended[0]
    assert (sender, token) == ("citizen-1", "rasa-test-token")
    assert {"event": "active_loop", "name": None} in events
    assert {"event": "slot", "name": "handover_active", "value": False} in events
    assert events[-1] == {"event": "action", "name": "action_listen"}
    assert console.channel.owners[-1] == ("citizen-1", "bot")
    # Handing back twice is refused: the chat is no longer the advisor's.
    again = await console.client.post(f"/console/handovers/{handover_id}/handback",
                                      data={"csrf_token": csrf}, allow_redirects=False)
    assert again.status == 403


async def test_close_needs_outcome_and_category(console: Console) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    bad = await console.client.post(f"/console/handovers/{handover_id}/close",
                                    data={"csrf_token": csrf, "outcome": "x"})
    assert bad.status == 400
    ok = await console.client.post(
        f"/console/handovers/{handover_id}/close", allow_redirects=False,
        data={"csrf_token": csrf, "outcome": "answered", "category": "case_status"},
    )
    assert ok.status == 302
    closed = stored(handover_id)
    assert (closed.status, closed.outcome, closed.category) == ("closed", "answered",
                                                                "case_status")


async def test_transfer_moves_the_chat_with_a_note(console: Console,
                                                   accounts: dict[str, int]) -> None:
    handover_id = make_handover()
    csrf = await login(console.client, "anna")
    await console.client.post(f"/console/handovers/{handover_id}/claim",
                              data={"csrf_token": csrf})
    response = await console.client.post(
        f"/console/handovers/{handover_id}/transfer", allow_redirects=False,
        data={"csrf_token": csrf, "to_advisor": str(accounts["bo"]),
              "note": "Spørger om erstatning"},
    )
    assert response.status == 302
    assert stored(handover_id).claimed_by == accounts["bo"]
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        notes = repository.notes_for(session, handover_id)
        assert [(n.kind, n.text) for n in notes] == [("transfer", "Spørger om erstatning")]


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


async def test_live_socket_refuses_foreign_origins_and_sends_the_queue(
    console: Console,
) -> None:
    make_handover()
    await login(console.client, "anna")
    try:
        await console.client.ws_connect("/console/ws", headers={"Origin": "https://evil.example"})
        raise AssertionError("foreign origin was accepted")
    except WSServerHandshakeError as exc:
        assert exc.status == 403
    own = str(console.client.make_url("")).rstrip("/")
    socket = await console.client.ws_connect("/console/ws", headers={"Origin": own})
    first = await socket.receive_json(timeout=5)
    assert first["type"] == "queue" and len(first["waiting"]) == 1
    assert first["waiting"][0]["open_question"] == XSS  # raw text; the browser sets textContent
    await socket.close()


async def test_advisor_picks_a_live_bot_chat_from_the_list(console: Console) -> None:
    from bot.chat.transcripts import append_message, create_session

    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        chat = create_session(session, address_key="k")
        session_id = str(chat.id)
        append_message(session, session_id, sender="citizen", text="Hvad sker der nu i min sag?")
    await login(console.client, "anna")
    page = await (await console.client.get("/console/")).text()
    assert "Hvad sker der nu i min sag?" in page
    assert session_id not in page  # only an opaque reference reaches the browser
    csrf = await login(console.client, "anna")
    import re

    ref = re.search(r'/console/chats/([0-9a-f]+)/pick', page)
    assert ref is not None
    response = await console.client.post(f"/console/chats/{ref.group(1)}/pick",
                                         data={"csrf_token": csrf}, allow_redirects=False)
    assert response.status == 302
    assert console.channel.owners == [(session_id, "advisor")]
    with session_scope(factory) as session:
        picked = session.execute(select(Handover)).scalar_one()
        assert (picked.reason, picked.status) == (ctx.REASON_ADVISOR_PICKED, "active")
