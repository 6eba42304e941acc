"""The chat's language in the gateway (issue #18): chosen, detected, asked once, sent to Rasa."""

from __future__ import annotations

from typing import Any

from tests.gateway.conftest import ORIGIN, history, post_text, start_chat
from tests.gateway.fake_rasa import FakeRasa


async def _language(client: Any, language: str, chosen: bool) -> int:
    response = await client.post("/api/session/language",
                                 json={"language": language, "chosen": chosen},
                                 headers={"Origin": ORIGIN})
    return int(response.status)


async def test_the_language_goes_to_rasa_as_metadata(make_client: Any, fake_rasa: FakeRasa
                                                     ) -> None:
    client = await make_client()
    session = await start_chat(client)
    assert session["language"] == "da" and session["language_confirmed"] is False
    await post_text(client, "msg-00000001", "hej")
    assert fake_rasa.received[-1]["metadata"]["br_language"] == "da"
    assert await _language(client, "en", True) == 200
    await post_text(client, "msg-00000002", "ok")
    assert fake_rasa.received[-1]["metadata"]["br_language"] == "en"
    resumed = await start_chat(client)
    assert resumed["language"] == "en" and resumed["language_confirmed"] is True


async def test_english_in_a_danish_chat_is_answered_in_english_and_asked_once(
    make_client: Any, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "msg-00000001", "There is a problem with my case, can you help me")
    assert fake_rasa.received[-1]["metadata"]["br_language"] == "en"
    lines = await history(client)
    question = lines[-1]
    assert question["sender"] == "system" and "continue in English" in question["text"]
    assert [b["payload"] for b in question["buttons"]] == ["/br_language en", "/br_language da"]

    response = await client.post("/api/messages", json={
        "client_id": "msg-00000002", "payload": "/br_language da"}, headers={"Origin": ORIGIN})
    assert response.status == 200
    assert len(fake_rasa.received) == 1  # the choice is the gateway's, not Rasa's
    assert (await history(client))[-1]["text"].startswith("Fint. Vi fortsætter på dansk.")
    await post_text(client, "msg-00000003", "What are my rights as a victim")
    assert fake_rasa.received[-1]["metadata"]["br_language"] == "da"  # chosen: not asked again
    assert sum("continue in English" in m["text"] for m in await history(client)) == 1


async def test_a_browser_guess_does_not_override_the_citizens_choice(make_client: Any) -> None:
    client = await make_client()
    await start_chat(client)
    assert await _language(client, "en", True) == 200
    assert await _language(client, "da", False) == 200
    assert (await start_chat(client))["language"] == "en"
    assert await _language(client, "de", False) == 400


async def test_a_language_payload_that_was_not_offered_is_just_text(
    make_client: Any, fake_rasa: FakeRasa
) -> None:
    client = await make_client()
    await start_chat(client)
    response = await client.post("/api/messages", json={
        "client_id": "msg-00000001", "payload": "/br_language en"}, headers={"Origin": ORIGIN})
    assert response.status == 200
    assert fake_rasa.received[-1]["metadata"]["br_language"] == "da"
