"""Follow-up conversation for witnesses and worried citizens (tryghedsopfølgning, seed 2.1.3).

The form collects name, phone, preferred time window, topic and an optional journal number,
validated in Danish; the confirmation states the service declaration's promise as a date.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import session_factory, settings
from actions.inquiry import conversation_channel, conversation_now
from bot.calendar_dk import format_date_da
from bot.db import session_scope
from bot.inquiries.repository import ensure_inquiry
from bot.requests import texts
from bot.requests.followup import create_followup_request
from bot.requests.promise import PromiseMissing, followup_promise, promise_deadline
from bot.requests.validation import (
    InputRejected,
    TimeWindow,
    parse_danish_phone,
    parse_free_text,
    parse_name,
    parse_optional_journal_number,
    parse_time_window,
)

log = logging.getLogger(__name__)

NO_JOURNAL = "ingen"
FOLLOWUP_SLOTS = (
    "followup_name",
    "followup_phone",
    "followup_window",
    "followup_topic",
    "followup_journal_number",
)


def _rejected(dispatcher: CollectingDispatcher, slot: str, error: InputRejected) -> dict[str, Any]:
    dispatcher.utter_message(text=error.message)
    return {slot: None}


class ValidateFollowupForm(FormValidationAction):
    def name(self) -> str:
        return "validate_followup_form"

    async def validate_followup_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"followup_name": parse_name(str(value or ""))}
        except InputRejected as error:
            return _rejected(dispatcher, "followup_name", error)

    async def validate_followup_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"followup_phone": parse_danish_phone(str(value or ""))}
        except InputRejected as error:
            return _rejected(dispatcher, "followup_phone", error)

    async def validate_followup_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            window = parse_time_window(str(value or ""), conversation_now(tracker))
        except InputRejected as error:
            return _rejected(dispatcher, "followup_window", error)
        return {"followup_window": window.to_slot()}

    async def validate_followup_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            topic = parse_free_text(
                str(value or ""), ask="Skriv kort, hvad du gerne vil tale med politiet om."
            )
        except InputRejected as error:
            return _rejected(dispatcher, "followup_topic", error)
        return {"followup_topic": topic}

    async def validate_followup_journal_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            journal = parse_optional_journal_number(str(value or ""))
        except InputRejected as error:
            return _rejected(dispatcher, "followup_journal_number", error)
        return {"followup_journal_number": journal or NO_JOURNAL}


class ActionSubmitFollowup(Action):
    """Registers the follow-up request and confirms it with the promised date and reference."""

    def name(self) -> str:
        return "action_submit_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        now = conversation_now(tracker)
        window = TimeWindow.from_slot(str(tracker.get_slot("followup_window")))
        journal = tracker.get_slot("followup_journal_number")
        try:
            deadline = promise_deadline(followup_promise(settings().knowledge_dir), now)
        except PromiseMissing as exc:
            # Confirm without a date rather than invent one; operators must add the promise.
            log.error("No follow-up promise in the knowledge base: %s", exc)
            deadline = None
        try:
            with session_scope(session_factory()) as session:
                inquiry = ensure_inquiry(
                    session, tracker.sender_id, channel=conversation_channel(tracker), now=now
                )
                reference = str(inquiry.reference)
                create_followup_request(
                    session,
                    conversation_id=tracker.sender_id,
                    name=str(tracker.get_slot("followup_name")),
                    phone=str(tracker.get_slot("followup_phone")),
                    window=window,
                    topic=str(tracker.get_slot("followup_topic")),
                    journal_number=None if journal in (None, NO_JOURNAL) else str(journal),
                    promised_by=deadline,
                    now=now,
                )
        except SQLAlchemyError:
            log.exception("Could not register the follow-up request")
            dispatcher.utter_message(text=texts.REQUEST_FAILED)
            return []
        if deadline is None:
            text = texts.FOLLOWUP_CONFIRMED_NO_DATE.format(
                window=window.label(), reference=reference
            )
        else:
            text = texts.FOLLOWUP_CONFIRMED.format(
                window=window.label(), deadline=format_date_da(deadline), reference=reference
            )
        dispatcher.utter_message(text=text)
        return [SlotSet(slot, None) for slot in FOLLOWUP_SLOTS]
