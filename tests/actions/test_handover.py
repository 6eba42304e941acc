"""action_handover: why it hands over, what it says, what it stores; and the call-back form."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import handover as actions
from bot.db import make_engine, make_session_factory, session_scope
from bot.dialogue import texts as dialogue_texts
from bot.handover import context as ctx
from bot.models.handover import Callback, Handover
from bot.requests.validation import PHONE_HELP
from bot.settings import load_settings


def open_all_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BR_OFFICE_HOURS", "mon-sun 00:00-24:00")
    monkeypatch.setenv("BR_CLOSED_ON_CHRISTMAS_EVE", "0")
    monkeypatch.setenv("BR_CLOSED_ON_CONSTITUTION_DAY", "0")


def closed_all_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BR_OFFICE_HOURS", "mon 00:00-00:01")


def tracker(intent: str, text: str, slots: dict[str, Any] | None = None,
            sender: str = "citizen-1") -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    events = [{"event": "user", "text": text, "timestamp": 1_795_000_000.0,
               "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}]
    return Tracker(sender, slots or {}, latest, events, False, None, {}, "action_listen")


def handovers() -> list[Handover]:
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        rows = list(session.execute(select(Handover)).scalars())
        for row in rows:
            session.expunge(row)
        return rows


@pytest.mark.parametrize(
    ("intent", "slots", "expected"),
    [
        ("request_human", {}, ctx.REASON_CITIZEN_REQUEST),
        ("nlu_fallback", {"fallback_count": 1.0}, ctx.REASON_NOT_UNDERSTOOD),
        ("sensitive_suicidal_thoughts", {}, ctx.REASON_SENSITIVE_SUICIDE),
        ("sensitive_close_relationship_violence", {}, ctx.REASON_SENSITIVE_VIOLENCE),
        ("make_complaint", {"handover_reason": "complaint"}, ctx.REASON_COMPLAINT),
        ("deny", {"verification_locked": True}, ctx.REASON_VERIFICATION_LOCKED),
        ("request_human", {"verification_locked": True}, ctx.REASON_VERIFICATION_LOCKED),
    ],
)
def test_reason_comes_from_slot_then_intent_then_locked_verification(
    intent: str, slots: dict[str, Any], expected: str,
) -> None:
    assert actions.handover_reason(tracker(intent, "x", slots)) == expected


async def test_open_office_queues_the_chat_and_tells_the_gateway(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_all_day(monkeypatch)
    dispatcher = CollectingDispatcher()
    events = await actions.ActionHandover().run(
        dispatcher, tracker("request_human", "jeg vil tale med et menneske"), {})
    (stored,) = handovers()
    assert stored.status == "waiting" and stored.reason == ctx.REASON_CITIZEN_REQUEST
    assert dispatcher.messages[0]["response"] == "utter_handover_queued"
    assert dispatcher.messages[0]["position"] == 1
    assert dispatcher.messages[1]["custom"] == {
        "handover": {"id": stored.id, "status": "waiting", "urgency": "normal"}
    }
    assert SlotSet("handover_active", True) in events
    assert SlotSet("handover_id", str(stored.id)) in events
    assert SlotSet("handover_reason", None) in events


async def test_sensitive_topic_gives_the_hotline_first_and_is_urgent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_all_day(monkeypatch)
    dispatcher = CollectingDispatcher()
    await actions.ActionHandover().run(
        dispatcher, tracker("sensitive_suicidal_thoughts", "jeg tænker på selvmord"), {})
    assert dispatcher.messages[0]["response"] == "utter_hotline_sensitive_suicidal_thoughts"
    assert handovers()[0].urgency == "urgent"


async def test_asking_twice_does_not_queue_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    open_all_day(monkeypatch)
    for _ in range(2):
        dispatcher = CollectingDispatcher()
        await actions.ActionHandover().run(dispatcher, tracker("request_human", "menneske"), {})
    assert len(handovers()) == 1
    assert dispatcher.messages[0]["response"] == "utter_handover_already_waiting"


async def test_closed_office_offers_a_call_back_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    closed_all_day(monkeypatch)
    dispatcher = CollectingDispatcher()
    events = await actions.ActionHandover().run(dispatcher, tracker("request_human", "x"), {})
    assert dispatcher.messages[0]["response"] == "utter_handover_closed_offer_callback"
    assert "kl. 0.00" in dispatcher.messages[0]["next_opening"]
    assert not any(m.get("custom") for m in dispatcher.messages)  # the bot keeps the chat
    assert SlotSet("handover_active", True) not in events
    assert handovers()[0].status == "callback_offered"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("20 30 40 50", "+45 20 30 40 50"), ("+45 20304050", "+45 20 30 40 50"),
     ("0045-2030-4050", "+45 20 30 40 50"), ("2030405", None), ("ring mig", None),
     ("203040506", None), ("12 34 56 78", None)],
)
async def test_call_back_phone_is_stored_in_the_one_danish_form(
    raw: str, expected: str | None
) -> None:
    # Corrected in issue 16: the same rule and stored form as the follow-up form's phone.
    result = await actions.ValidateCallbackForm().validate_callback_phone(
        raw, CollectingDispatcher(), tracker("inform", raw), {})
    assert result == {"callback_phone": expected}


async def test_call_back_request_keeps_the_handover_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed_all_day(monkeypatch)
    await actions.ActionHandover().run(
        CollectingDispatcher(), tracker("request_human", "hvornår får jeg min cykel?"), {})
    handover = handovers()[0]
    dispatcher = CollectingDispatcher()
    slots = {"handover_id": str(handover.id), "callback_phone": "12345678",
             "callback_window": "formiddag kl. 8-12"}
    events = await actions.ActionSubmitCallback().run(
        dispatcher, tracker("affirm", "formiddag kl. 8-12", slots), {})
    assert dispatcher.messages[0]["response"] == "utter_callback_booked"
    assert SlotSet("callback_phone", None) in events  # the number does not linger in slots
    factory = make_session_factory(make_engine(load_settings().database))
    with session_scope(factory) as session:
        callback = session.execute(select(Callback)).scalar_one()
        assert callback.handover_id == handover.id
        assert callback.context_json == handover.context_json
        assert (callback.phone, callback.time_window) == ("12345678", "formiddag kl. 8-12")


async def test_form_validation_rejects_a_bad_phone_number() -> None:
    dispatcher = CollectingDispatcher()
    result = await actions.ValidateCallbackForm().validate_callback_phone(
        "ring til mig", dispatcher, tracker("inform", "ring til mig"), {})
    assert result == {"callback_phone": None}
    assert dispatcher.messages[0]["text"] == PHONE_HELP


async def test_a_stray_code_after_a_misunderstanding_is_answered_and_the_count_starts_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_all_day(monkeypatch)
    dispatcher = CollectingDispatcher()
    events = await actions.ActionHandover().run(
        dispatcher, tracker("nlu_fallback", "M4NP-6QRS", {"fallback_count": 1.0}), {})
    assert events == [SlotSet("fallback_count", 0.0)]  # and no place in the queue
    assert [m["text"] for m in dispatcher.messages] == [dialogue_texts.NOT_WAITING_FOR_CODE]
