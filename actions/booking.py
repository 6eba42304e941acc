""""Bestil en betjent" (seed 2.1.4): the booking form and the status lookup by reference.

The status answer holds only the status and dates, because anyone can type a reference.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.db import apologise_on_database_error, session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import SlotParser
from actions.inquiry import conversation_channel, conversation_now, registered_reference
from actions.language import chat_language, texts_for
from bot.db import session_scope
from bot.formats import format_date_in
from bot.inquiries.references import find_reference
from bot.inquiries.repository import ensure_inquiry
from bot.requests import texts
from bot.requests.booking import booking_status_by_reference, create_booking, status_text
from bot.requests.validation import InputRejected, parse_contact, parse_free_text, parse_name

BOOKING_SLOTS = (
    "booking_organisation",
    "booking_topic",
    "booking_place",
    "booking_dates",
    "booking_contact_name",
    "booking_contact",
)


class ValidateBookOfficerForm(LeavableForm):
    free_text = frozenset({"booking_organisation", "booking_topic", "booking_place",
                           "booking_dates"})
    corrections: ClassVar[dict[str, str]] = {
        "telefonnummer": "booking_contact", "nummer": "booking_contact",
        "mail": "booking_contact", "navn": "booking_contact_name"}

    def name(self) -> str:
        return "validate_book_officer_form"

    validate_booking_organisation = SlotParser(partial(
        parse_free_text, ask="Skriv navnet på din forening, skole eller organisation."))
    validate_booking_topic = SlotParser(partial(
        parse_free_text, ask="Skriv kort, hvad du gerne vil have politiet til at fortælle om."))
    validate_booking_place = SlotParser(partial(
        parse_free_text, ask="Skriv, hvor mødet skal være, fx en adresse eller et fælleshus."))
    validate_booking_dates = SlotParser(partial(
        parse_free_text, ask="Skriv, hvilke datoer eller perioder der passer bedst."))
    validate_booking_contact_name = SlotParser(parse_name)
    validate_booking_contact = SlotParser(parse_contact)


class ActionSubmitBooking(Action):
    def name(self) -> str:
        return "action_submit_booking"

    @skip_if_form_left
    @apologise_on_database_error("could not register the officer booking",
                                 text=texts.REQUEST_FAILED)
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        with session_scope(session_factory()) as session:
            create_booking(
                session,
                conversation_id=tracker.sender_id,
                channel=conversation_channel(tracker),
                organisation=str(tracker.get_slot("booking_organisation")),
                topic=str(tracker.get_slot("booking_topic")),
                place=str(tracker.get_slot("booking_place")),
                wished_dates=str(tracker.get_slot("booking_dates")),
                contact_name=str(tracker.get_slot("booking_contact_name")),
                contact=str(tracker.get_slot("booking_contact")),
                now=conversation_now(tracker),
            )
            reference = registered_reference(session, tracker)
        say = texts_for(texts, tracker)
        dispatcher.utter_message(text=say.BOOKING_CONFIRMED.format(reference=reference))
        return [SlotSet(slot, None) for slot in BOOKING_SLOTS]


def _booking_reference(text: str) -> str:
    reference = find_reference(text)
    if reference is None:
        raise InputRejected(texts.REFERENCE_FORMAT_HELP)
    return reference


class ValidateBookingStatusForm(LeavableForm):
    def name(self) -> str:
        return "validate_booking_status_form"

    validate_booking_reference = SlotParser(_booking_reference)


class ActionBookingStatus(Action):
    """Shows a booking's status and dates; nothing else, whoever asks."""

    def name(self) -> str:
        return "action_booking_status"

    @skip_if_form_left
    @apologise_on_database_error("could not read the booking status", text=texts.REQUEST_FAILED)
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reference = str(tracker.get_slot("booking_reference") or "")
        with session_scope(session_factory()) as session:
            # Asking counts as activity of this conversation's own inquiry.
            ensure_inquiry(session, tracker.sender_id, channel=conversation_channel(tracker),
                           now=conversation_now(tracker))
            status = booking_status_by_reference(session, reference)
        if status is None:
            text = texts_for(texts, tracker).BOOKING_NOT_FOUND.format(reference=reference)
        elif status.planned_for is not None:
            text = texts_for(texts, tracker).BOOKING_STATUS_PLANNED.format(
                reference=reference,
                status=status_text(status.status, chat_language(tracker)),
                received=format_date_in(status.received_on, chat_language(tracker)),
                planned=format_date_in(status.planned_for, chat_language(tracker)),
            )
        else:
            text = texts_for(texts, tracker).BOOKING_STATUS.format(
                reference=reference,
                status=status_text(status.status, chat_language(tracker)),
                received=format_date_in(status.received_on, chat_language(tracker)),
                changed=format_date_in(status.changed_on, chat_language(tracker)),
            )
        dispatcher.utter_message(text=text)
        return [SlotSet("booking_reference", None)]
