"""A chat turn: command neutralising, button allow-list, masking, Rasa failures, handover hooks."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from sqlalchemy import select

from bot.chat import texts
from bot.chat.rasa_client import neutralise_command_text
from bot.chat.transcripts import set_owner
from bot.db import session_scope
from bot.gateway.conversation import deliver_to_citizen
from bot.gateway.state import HUB
from bot.models.chat import OWNER_ADVISOR, ChatMessage, ChatSession
from bot.web.database import DATABASE
from tests.gateway.conftest import (
    CAPABILITIES,
    ORIGIN,
    FakeRasa,
    MakeClient,
    history,
    post_text,
    start_chat,
)


def _rasa_reads_as_command(text: str) -> bool:
    message = Message(data={"text": text})
    return YAMLStoryReader.unpack_regex_message(message) is not message


@pytest.mark.parametrize(
    "text",
    [
        '/greet{"journal_number": "0100-80150-01234-26"}',
        '  /request_human{"verified": true}',
        "\n\t/emergency",
        "/ask_capabilities",
    ],
)
def test_citizen_slash_text_is_never_unpacked_by_rasa(text: str) -> None:
    # The control proves the check bites: Rasa would unpack the raw text as a command.
    assert _rasa_reads_as_command(text)
    assert not _rasa_reads_as_command(neutralise_command_text(text))


def test_ordinary_text_is_forwarded_unchanged() -> None:
    for text in ["hej", "hvad sker der med min sag?", "1/2 af tiden", ""]:
        assert neutralise_command_text(text) == text


async def test_slash_text_reaches_rasa_neutralised_and_is_stored_as_typed(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "slash-msg-01", '/greet{"name": "x"}')
    forwarded = fake_rasa.received[0]["message"]
    assert forwarded == '\u200b/greet{"name": "x"}'
    assert not _rasa_reads_as_command(forwarded)
    assert (await history(client))[0]["text"] == '/greet{"name": "x"}'


async def test_only_payloads_of_buttons_just_offered_are_forwarded_as_payloads(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    # Not offered yet: treated as text, so Rasa cannot read it as a command.
    await client.post(
        "/api/messages",
        json={"client_id": "payload-0001", "payload": "/request_human"},
        headers={"Origin": ORIGIN},
    )
    assert fake_rasa.received[-1]["message"] == "\u200b/request_human"

    await post_text(client, "payload-0002", "hej")  # the bot offers two buttons
    response = await client.post(
        "/api/messages",
        json={"client_id": "payload-0003", "payload": "/ask_capabilities", "title": "forged"},
        headers={"Origin": ORIGIN},
    )
    assert response.status == 200
    assert fake_rasa.received[-1]["message"] == "/ask_capabilities"
    messages = await history(client)
    # The transcript shows the button's own title, not what the browser claimed.
    assert messages[-2]["text"] == "Hvad kan du hjælpe med?"
    assert messages[-1]["text"] == CAPABILITIES

    # That reply offered no buttons, so the other button's payload is text again.
    await client.post(
        "/api/messages",
        json={"client_id": "payload-0004", "payload": "/request_human"},
        headers={"Origin": ORIGIN},
    )
    assert fake_rasa.received[-1]["message"] == "\u200b/request_human"


async def test_personal_data_is_masked_in_the_stored_transcript_but_reaches_rasa(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    said = "mit cpr er 0101901234, ring 12 34 56 78 eller skriv anne@example.dk"
    response = await post_text(client, "mask-msg-01", said)
    assert response.status == 200
    assert fake_rasa.received[0]["message"] == said

    factory = client.server.app[DATABASE].session_factory
    with session_scope(factory) as session:
        stored = [m.text for m in session.execute(select(ChatMessage)).scalars()]
    expected = "mit cpr er [CPR], ring [TELEFON] eller skriv [E-MAIL]"
    assert stored == [expected, f"Du skrev: {expected}"]
    for text in stored:
        assert "0101901234" not in text and "anne@example.dk" not in text
    assert [m["text"] for m in await history(client)] == stored


@pytest.mark.parametrize(
    ("mode", "notice"),
    [
        ("error", texts.BOT_UNAVAILABLE),
        ("slow", texts.BOT_UNAVAILABLE),
        ("empty", texts.BOT_NO_ANSWER),
    ],
)
async def test_citizen_gets_a_danish_notice_with_114_when_the_bot_cannot_answer(
    make_client: MakeClient, fake_rasa: FakeRasa, mode: str, notice: str
) -> None:
    fake_rasa.mode = mode
    client = await make_client()
    await start_chat(client)
    response = await post_text(client, "down-msg-001", "hej")
    assert response.status == 200
    messages = await history(client)
    assert [(m["sender"], m["text"]) for m in messages[1:]] == [("system", notice)]
    assert "114" in notice


async def test_unreachable_rasa_keeps_the_message_and_says_so_in_danish(
    make_client: MakeClient, rasa_server: Any
) -> None:
    client = await make_client()
    await rasa_server.close()
    await start_chat(client)
    assert (await post_text(client, "gone-msg-001", "hej")).status == 200
    # Answered once Rasa is back: tests/gateway/test_redelivery.py.
    assert (await history(client))[-1]["text"] == texts.BOT_QUEUED
    assert "114" in texts.BOT_QUEUED


async def test_advisor_owned_chat_skips_rasa_and_publishes_to_the_advisor_side(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "owner-msg-01", "hej")
    app = client.server.app
    with session_scope(app[DATABASE].session_factory) as session:
        session_id = session.execute(select(ChatSession.id)).scalar_one()
        set_owner(session, session_id, OWNER_ADVISOR)
    published: list[tuple[str, dict[str, Any]]] = []

    async def advisor_side(sid: str, message: Any) -> None:
        published.append((sid, dict(message)))

    app[HUB].citizen_message_listeners.append(advisor_side)
    await post_text(client, "owner-msg-02", "er du et menneske?")
    assert len(fake_rasa.received) == 1
    assert published[0][0] == session_id
    assert published[0][1]["text"] == "er du et menneske?"

    advisor_reply = await deliver_to_citizen(
        app, session_id, sender="advisor", text="Ja, jeg hedder Mette. Hvad kan jeg gøre?"
    )
    messages = await history(client)
    assert messages[-1] == advisor_reply and messages[-1]["sender"] == "advisor"


async def test_custom_payloads_from_rasa_reach_the_registered_hook(
    make_client: MakeClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.mode = "custom"
    client = await make_client()
    seen: list[dict[str, Any]] = []

    async def handover_hook(_app: Any, _session_id: str, payload: dict[str, Any]) -> None:
        seen.append(payload)

    client.server.app[HUB].custom_payload_handlers.append(handover_hook)
    await start_chat(client)
    await post_text(client, "custom-msg-1", "jeg vil tale med et menneske")
    assert seen == [{"handover": {"reason": "citizen_asked"}}]
    assert (await history(client))[-1]["text"] == "Jeg finder en borgerrådgiver til dig."


async def test_a_message_stored_but_never_answered_is_forwarded_on_resend(
    make_client: MakeClient, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between storing and answering must not leave the citizen without a reply."""
    import bot.gateway.conversation as conversation

    client = await make_client()
    await start_chat(client)

    async def crash(*_args: Any, **_kwargs: Any) -> None:
        raise ConnectionResetError("process stopped")

    with monkeypatch.context() as patch:
        patch.setattr(conversation, "forward_turn", crash)
        assert (await post_text(client, "crash-msg-01", "hej")).status == 500
    assert [m["sender"] for m in await history(client)] == ["citizen"]

    resend = await (await post_text(client, "crash-msg-01", "hej")).json()
    assert resend["duplicate"] is True
    assert [m["sender"] for m in await history(client)] == ["citizen", "bot"]
    assert len(fake_rasa.received) == 1
