"""Taking a chat from the queue (one advisor wins a race) or stepping into a live bot chat."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.db import make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.models.handover import Handover
from bot.settings import load_settings
from tests.console.conftest import Console, login
from tests.console.handovers import make_handover, stored


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


async def test_the_queue_shows_topic_and_language_and_flags_a_long_wait(
    console: Console,
) -> None:
    make_handover("citizen-new", minutes_ago=1)
    make_handover("citizen-waiting", minutes_ago=7)  # BR_HANDOVER_LONG_WAIT_MINUTES: 5
    await login(console.client, "anna")
    page = await (await console.client.get("/console/")).text()
    assert page.count("Venter længe") == 1
    assert page.count("<td>Dansk</td>") == 2
    assert "Status på egen sag" in page  # what the citizen asked about, by its Danish name
    assert "ask_case_status" not in page


async def test_my_chats_without_any_says_where_to_find_one(console: Console) -> None:
    await login(console.client, "anna")
    page = await (await console.client.get("/console/chats")).text()
    assert "Du har ingen samtaler lige nu" in page and 'href="/console/"' in page
