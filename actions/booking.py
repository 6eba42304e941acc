""""Bestil en betjent" (seed 2.1.4): the booking form and the status lookup by reference.

The status answer holds only the status and dates, because anyone can type a reference.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import session_factory
from actions.inquiry import conversation_channel, conversation_now
from bot.calendar_dk import format_date_da
from bot.db import session_scope
from bot.inquiries.references import find_reference
from bot.inquiries.repository import ensure_inquiry
from bot.requests import texts
from bot.requests.booking import STATUS_TEXT_DA, booking_status_by_reference, create_booking
from bot.requests.validation import InputRejected, parse_contact, parse_free_text, parse_name

log = logging.getLogger(__name__)

BOOKING_SLOTS = (
    "booking_organisation",
    "booking_topic",
    "booking_place",
    "booking_dates",
    "booking_contact_name",
    "booking_contact",
)
_FREE_TEXT_PROMPTS = {
    "booking_organisation": "Skriv navnet på jeres forening, skole eller organisation.",
    "booking_topic": "Skriv kort, hvad I gerne vil have politiet til at fortælle om.",
    "booking_place": "Skriv, hvor mødet skal være, fx en adresse eller et fælleshus.",
    "booking_dates": "Skriv, hvilke datoer eller perioder der passer jer.",
}


class ValidateBookOfficerForm(FormValidationAction):
    def name(self) -> str:
        return "validate_book_officer_form"

    def _free_text(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        try:
            return {slot: parse_free_text(str(value or ""), ask=_FREE_TEXT_PROMPTS[slot])}
        except InputRejected as error:
            dispatcher.utter_message(text=error.message)
            return {slot: None}

    async def validate_booking_organisation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text("booking_organisation", value, dispatcher)

    async def validate_booking_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text("booking_topic", value, dispatcher)

    async def validate_booking_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text("booking_place", value, dispatcher)

    async def validate_booking_dates(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text("booking_dates", value, dispatcher)

    async def validate_booking_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"booking_contact_name": parse_name(str(value or ""))}
        except InputRejected as error:
            dispatcher.utter_message(text=error.message)
            return {"booking_contact_name": None}

    async def validate_booking_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"booking_contact": parse_contact(str(value or ""))}
        except InputRejected as error:
            dispatcher.utter_message(text=error.message)
            return {"booking_contact": None}


class ActionSubmitBooking(Action):
    def name(self) -> str:
        return "action_submit_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        now = conversation_now(tracker)
        try:
            with session_scope(session_factory()) as session:
                inquiry = ensure_inquiry(
                    session, tracker.sender_id, channel=conversation_channel(tracker), now=now
                )
                reference = str(inquiry.reference)
                create_booking(
                    session,
                    conversation_id=tracker.sender_id,
                    organisation=str(tracker.get_slot("booking_organisation")),
                    topic=str(tracker.get_slot("booking_topic")),
                    place=str(tracker.get_slot("booking_place")),
                    wished_dates=str(tracker.get_slot("booking_dates")),
                    contact_name=str(tracker.get_slot("booking_contact_name")),
                    contact=str(tracker.get_slot("booking_contact")),
                    now=now,
                )
        except SQLAlchemyError:
            log.exception("Could not register the officer booking")
            dispatcher.utter_message(text=texts.REQUEST_FAILED)
            return []
        dispatcher.utter_message(text=texts.BOOKING_CONFIRMED.format(reference=reference))
        return [SlotSet(slot, None) for slot in BOOKING_SLOTS]


class ValidateBookingStatusForm(FormValidationAction):
    def name(self) -> str:
        return "validate_booking_status_form"

    async def validate_booking_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        reference = find_reference(str(value or ""))
        if reference is None:
            dispatcher.utter_message(text=texts.REFERENCE_FORMAT_HELP)
            return {"booking_reference": None}
        return {"booking_reference": reference}


class ActionBookingStatus(Action):
    """Shows a booking's status and dates; nothing else, whoever asks."""

    def name(self) -> str:
        return "action_booking_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = str(tracker.get_slot("booking_reference") or "")
        try:
            with session_scope(session_factory()) as session:
                ensure_inquiry(
                    session,
                    tracker.sender_id,
                    channel=conversation_channel(tracker),
                    now=conversation_now(tracker),
                )
                status = booking_status_by_reference(session, reference)
        except SQLAlchemyError:
            log.exception("Could not read the booking status")
            dispatcher.utter_message(text=texts.REQUEST_FAILED)
            return []
        if status is None:
            text = texts.BOOKING_NOT_FOUND.format(reference=reference)
        elif status.planned_for is not None:
            text = texts.BOOKING_STATUS_PLANNED.format(
                reference=reference,
                status=STATUS_TEXT_DA[status.status],
                received=format_date_da(status.received_on),
                planned=format_date_da(status.planned_for),
            )
        else:
            text = texts.BOOKING_STATUS.format(
                reference=reference,
                status=STATUS_TEXT_DA[status.status],
                received=format_date_da(status.received_on),
                changed=format_date_da(status.changed_on),
            )
        dispatcher.utter_message(text=text)
        return [SlotSet("booking_reference", None)]
