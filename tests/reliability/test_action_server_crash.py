"""The action server crashes mid-conversation: the citizen is never left in silence.

Rasa's default, when its action server is gone, is to log "actions events are lost" and answer
nothing. The gateway turns that empty answer into a Danish message pointing to 114, and the
conversation goes on as before once the action server is back.
"""

from __future__ import annotations

import time

import pytest
from aiohttp.test_utils import TestClient

from bot.chat import texts
from tests.reliability.conftest import history, say, start_chat
from tests.reliability.processes import RasaStack

pytestmark = pytest.mark.model

KNOWLEDGE_QUESTION = "hvad er en henlæggelse"
CASE_QUESTION = "hvor langt er min sag"
MAX_SECONDS_TO_ANSWER = 5.0


def _replies_after(messages: list[dict[str, object]], seq: int) -> list[dict[str, object]]:
    return [m for m in messages if int(str(m["seq"])) > seq and m["sender"] != "citizen"]


async def _turn(client: TestClient, client_id: str, text: str) -> tuple[list[dict], float]:
    before = await history(client)
    last = max((int(m["seq"]) for m in before), default=0)
    started = time.monotonic()
    answer = await say(client, client_id, text)
    elapsed = time.monotonic() - started
    assert answer["status"] == "accepted", answer
    return _replies_after(await history(client, last), last), elapsed


async def test_a_killed_action_server_gets_a_danish_114_message_and_the_chat_resumes(
    stack: RasaStack, gateway: TestClient
) -> None:
    await start_chat(gateway)
    greeting, _ = await _turn(gateway, "crash-0001", "hej")
    assert greeting and greeting[0]["sender"] == "bot"
    healthy_answer, _ = await _turn(gateway, "crash-0002", KNOWLEDGE_QUESTION)
    assert healthy_answer and healthy_answer[0]["sender"] == "bot"
    healthy_case_prompt, _ = await _turn(gateway, "crash-0003", CASE_QUESTION)
    assert healthy_case_prompt and healthy_case_prompt[0]["sender"] == "bot"

    stack.actions.kill()
    try:
        for number, question in enumerate((KNOWLEDGE_QUESTION, CASE_QUESTION), start=4):
            replies, seconds = await _turn(gateway, f"crash-{number:04d}", question)
            assert seconds < MAX_SECONDS_TO_ANSWER, f"{question!r} took {seconds:.1f} s"
            assert len(replies) == 1, replies
            notice = str(replies[0]["text"])
            assert replies[0]["sender"] == "system"
            assert notice == texts.BOT_NO_ANSWER
            assert "114" in notice and "Prøv igen" in notice
    finally:
        stack.actions.start()
        stack.actions.wait_healthy()

    # Back: the same question gets the same answer as before the crash, and the conversation
    # still knows where it was (the case-status form comes back once, briefly, issue #13).
    after, _ = await _turn(gateway, "crash-0010", KNOWLEDGE_QUESTION)
    assert [m["sender"] for m in after] == ["bot", "bot"]
    assert after[0]["text"] == healthy_answer[0]["text"]
    assert after[1]["text"].startswith("Skal vi fortsætte med opslaget af din sag?")
    assert "journalnummeret" in after[1]["text"]
