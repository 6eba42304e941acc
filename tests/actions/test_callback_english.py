"""The call-back form in an English chat (issue #18): English times in, English time out."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import handover as actions
from tests.actions.test_handover import closed_all_day, handovers, tracker


async def test_an_english_call_back_is_confirmed_with_an_english_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed_all_day(monkeypatch)
    english = {"language": "en"}
    await actions.ActionHandover().run(
        CollectingDispatcher(), tracker("request_human", "can I talk to a person", english), {})
    window = await actions.ValidateCallbackForm().validate_callback_window(
        "tomorrow morning", CollectingDispatcher(),
        tracker("inform", "tomorrow morning", english), {})
    assert window == {"callback_window": "i morgen formiddag kl. 8-12"}
    dispatcher = CollectingDispatcher()
    slots = {**english, "handover_id": str(handovers()[0].id), "callback_phone": "12345678",
             **window}
    await actions.ActionSubmitCallback().run(
        dispatcher, tracker("inform", "tomorrow morning", slots), {})
    booked = dispatcher.messages[0]
    assert booked["response"] == "utter_callback_booked"
    assert booked["window"] == "tomorrow morning 8:00-12:00"
