"""An English handover through the console with the trained model (issue #18).

The citizen writes English to the real Rasa and action server; the chat waits in the console's
queue marked English; the advisor claims it, sees the language in the case packet, answers
with the English ready answer and hands back; the bot then answers the next English question.
Nothing the advisor's side sends the citizen is Danish.
"""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from bot.handover import texts_en as handover_en
from tests.bot.test_citizen_text_homes import looks_danish
from tests.console.english_flow import Advisor, Citizen, advisor_anna, english_ready_answer
from tests.reliability.conftest import ORIGIN

pytestmark = pytest.mark.model


async def test_an_english_handover_through_the_console(gateway: TestClient) -> None:
    url = str(gateway.server.make_url("")).rstrip("/")
    advisor_anna()
    citizen, advisor = Citizen(url, origin=ORIGIN), Advisor(url)
    try:
        await citizen.start()
        await citizen.say("i want to talk to a person")
        assert any("citizen advisor" in line for line in await citizen.read())

        await advisor.log_in()
        handover_id = await advisor.english_row()
        workspace = await advisor.post(f"/console/handovers/{handover_id}/claim")
        assert "<dt>Sprog</dt><dd>Engelsk</dd>" in workspace
        answer = english_ready_answer(workspace, "Appeal")
        await advisor.post(f"/console/handovers/{handover_id}/messages", text=answer)
        await advisor.post(f"/console/handovers/{handover_id}/handback")

        await citizen.say("how can i get a copy of the verdict in my case")
        lines = await citizen.lines()
        said = [m["text"] for m in lines if m["sender"] in ("system", "advisor")]
        assert said[-3:] == [handover_en.ADVISOR_JOINED, answer, handover_en.HANDED_BACK], said
        assert [line for line in said if looks_danish(line)] == []
        answered = [m["text"] for m in lines if m["sender"] == "bot"][-1]
        assert "copy of the judgment" in answered, answered
    finally:
        await citizen.http.close()
        await advisor.http.close()
