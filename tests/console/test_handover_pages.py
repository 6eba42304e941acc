"""The context card (audited, escaped, only for those who may see it) and what the advisor
holding a chat can do: write, hand back, close, transfer."""

from __future__ import annotations

from sqlalchemy import select

from bot.db import make_engine, make_session_factory, session_scope
from bot.handover import repository
from bot.models.audit import AuditEvent
from bot.models.handover import STATUS_HANDED_BACK
from bot.settings import load_settings
from tests.console.conftest import Console, FakeRasa, login
from tests.console.handovers import make_handover, stored


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
    # What the bot understood, in Danish with its confidence; never the intent's code.
    assert 'Status på egen sag <span class="percent">42 %</span>' in html
    assert "ask_case_status" not in html
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
