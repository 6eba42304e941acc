"""Follow-up conversation for witnesses and worried citizens (tryghedsopfølgning, seed 2.1.3).

The form collects name, phone, preferred time window, topic and an optional journal number,
validated in Danish; the confirmation states the service declaration's promise as a date.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.db import apologise_on_database_error, session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import SlotParser, rejects_input
from actions.inquiry import conversation_channel, conversation_now, registered_reference
from actions.language import chat_language, texts_for
from bot.db import session_scope
from bot.formats import format_date_in
from bot.requests import texts
from bot.requests.followup import create_followup_request
from bot.requests.promise import PromiseMissing, followup_promise, promise_deadline
from bot.requests.validation import (
    TimeWindow,
    parse_danish_phone,
    parse_free_text,
    parse_name,
    parse_optional_journal_number,
    parse_time_window,
)
from bot.settings import load_settings

log = logging.getLogger(__name__)

NO_JOURNAL = "ingen"
FOLLOWUP_SLOTS = (
    "followup_name",
    "followup_phone",
    "followup_window",
    "followup_topic",
    "followup_journal_number",
)


def _journal_number_or_none_marker(text: str) -> str:
    # A filled slot cannot be empty, so "no journal number" is kept as a marker.
    return parse_optional_journal_number(text) or NO_JOURNAL


class ValidateFollowupForm(LeavableForm):
    no_is_an_answer = frozenset({"followup_journal_number"})
    free_text = frozenset({"followup_topic"})
    corrections: ClassVar[dict[str, str]] = {
        "nummer": "followup_phone", "telefonnummer": "followup_phone",
        "navn": "followup_name", "journalnummer": "followup_journal_number"}

    def name(self) -> str:
        return "validate_followup_form"

    validate_followup_name = SlotParser(parse_name)
    validate_followup_phone = SlotParser(parse_danish_phone)
    validate_followup_topic = SlotParser(partial(
        parse_free_text, ask="Skriv kort, hvad du gerne vil tale med politiet om."))
    validate_followup_journal_number = SlotParser(_journal_number_or_none_marker)

    @rejects_input
    async def validate_followup_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        window = parse_time_window(str(value or ""), conversation_now(tracker))
        return {"followup_window": window.to_slot()}


class ActionSubmitFollowup(Action):
    """Registers the follow-up request and confirms it with the promised date and reference."""

    def name(self) -> str:
        return "action_submit_followup"

    @skip_if_form_left
    @apologise_on_database_error("could not register the follow-up request",
                                 text=texts.REQUEST_FAILED)
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        now = conversation_now(tracker)
        window = TimeWindow.from_slot(str(tracker.get_slot("followup_window")))
        journal = tracker.get_slot("followup_journal_number")
        try:
            deadline = promise_deadline(followup_promise(load_settings().knowledge_dir), now)
        except PromiseMissing as exc:
            # Confirm without a date rather than invent one; operators must add the promise.
            log.error("No follow-up promise in the knowledge base: %s", exc)
            deadline = None
        with session_scope(session_factory()) as session:
            create_followup_request(
                session,
                conversation_id=tracker.sender_id,
                channel=conversation_channel(tracker),
                name=str(tracker.get_slot("followup_name")),
                phone=str(tracker.get_slot("followup_phone")),
                window=window,
                topic=str(tracker.get_slot("followup_topic")),
                journal_number=None if journal in (None, NO_JOURNAL) else str(journal),
                promised_by=deadline,
                now=now,
            )
            reference = registered_reference(session, tracker)
        if deadline is None:
            text = texts_for(texts, tracker).FOLLOWUP_CONFIRMED_NO_DATE.format(
                window=window.label_in(chat_language(tracker)), reference=reference
            )
        else:
            text = texts_for(texts, tracker).FOLLOWUP_CONFIRMED.format(
                window=window.label_in(chat_language(tracker)),
                deadline=format_date_in(deadline, chat_language(tracker)), reference=reference
            )
        dispatcher.utter_message(text=text)
        return [SlotSet(slot, None) for slot in FOLLOWUP_SLOTS]
