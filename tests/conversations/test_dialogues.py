"""The conversation suite: multi-turn dialogues through the gateway's own API, against the
trained model, the action server and the gateway, each asserting what the citizen sees."""

from __future__ import annotations

import pytest

from bot.cases.demo import DemoLogin
from bot.dialogue.client import GatewayChat
from tests.conversations.dialogue import Turn, run_dialogue
from tests.conversations.dialogues_case_status import DIALOGUES as CASE_STATUS
from tests.conversations.dialogues_interruptions import DIALOGUES as INTERRUPTIONS
from tests.conversations.dialogues_requests import DIALOGUES as REQUESTS

pytestmark = pytest.mark.model

ALL: dict[str, list[Turn]] = {**CASE_STATUS, **REQUESTS, **INTERRUPTIONS}


def _values(logins: dict[str, DemoLogin]) -> dict[str, str]:
    victim, witness = logins["victim"], logins["witness"]
    return {
        "victim_journal": victim.journal_number, "victim_code": victim.receipt_code,
        "victim_code_spaced": victim.receipt_code.replace("-", " ").lower(),
        "witness_journal": witness.journal_number, "witness_code": witness.receipt_code,
    }


def test_the_suite_is_large_enough() -> None:
    assert len(ALL) >= 60


# Known open, with the reason each one fails today (none at the moment).
NOT_YET: dict[str, str] = {}


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=NOT_YET[name], strict=False))
    if name in NOT_YET else name for name in ALL
])
async def test_dialogue(name: str, chat: GatewayChat, logins: dict[str, DemoLogin]) -> None:
    await run_dialogue(chat, ALL[name], _values(logins))


async def test_the_advisor_sees_the_question_the_citizen_asked_not_the_code(
    chat: GatewayChat, logins: dict[str, DemoLogin]
) -> None:
    """Status -> "tal med en borgerrådgiver": the context card's question is the status one."""
    from sqlalchemy import select

    from bot.db import short_lived_database
    from bot.handover import context as ctx
    from bot.models.handover import Handover
    from bot.settings import load_settings

    values = _values(logins)
    await run_dialogue(chat, CASE_STATUS["status: a person after the card gets the question, "
                                         "not the code"], values)
    with short_lived_database(load_settings().database) as sessions, sessions() as session:
        latest = session.execute(
            select(Handover).order_by(Handover.id.desc()).limit(1)).scalar_one()
        packet = ctx.loads(str(latest.context_json))
    assert packet["open_question"] == "hvor langt er min sag"
