"""Handover to a human citizen advisor, and the call-back request when nobody can take the chat.

`action_handover` is the single door to a person: any rule may run it, after setting the slot
`handover_reason` when the reason is not obvious from the latest message (e.g. "complaint").
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import sessionmaker

from actions.db import apologise_on_database_error, session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import SlotParser, set_slots
from actions.identity_guard import events_with_verified_identity
from actions.language import chat_language
from actions.stray_code import answered_stray_code
from bot.clock import local_now, utcnow
from bot.db import session_scope
from bot.formats import (
    format_clock_da,
    format_clock_en,
    format_weekday_date_da,
    format_weekday_date_en,
)
from bot.handover import context as ctx
from bot.handover import queue, repository
from bot.handover.office_hours import office_hours_from_settings
from bot.models.handover import STATUS_CALLBACK_OFFERED, STATUS_WAITING
from bot.requests.english import english_window
from bot.requests.validation import parse_callback_window, parse_danish_phone
from bot.settings import Settings, load_settings

# Set whatever happens, so the next handover starts from the reason it is given.
RESET_AFTER_HANDOVER = {"handover_reason": None, "fallback_count": 0.0}
CALLBACK_SLOTS = ("callback_phone", "callback_window")


def handover_reason(tracker: Tracker) -> str:
    """The slot wins; then a telling intent; then a locked verification; else the request."""
    explicit = tracker.get_slot("handover_reason")
    if explicit:
        return str(explicit)
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    from_intent = ctx.REASON_BY_INTENT.get(str(intent))
    if from_intent is not None and from_intent != ctx.REASON_CITIZEN_REQUEST:
        return from_intent
    # The verification lock-out message (case status) offers "/request_human": the lock is
    # the real reason then.
    if tracker.get_slot("verification_locked"):
        return ctx.REASON_VERIFICATION_LOCKED
    return ctx.REASON_CITIZEN_REQUEST


def format_opening_da(moment: datetime) -> str:
    """'mandag den 30. november 2026 kl. 8.00'."""
    return f"{format_weekday_date_da(moment.date())} kl. {format_clock_da(moment)}"


def format_opening(moment: datetime, language: str) -> str:
    """In the chat's language; English: 'on Monday 30 November 2026 at 8:00'."""
    if language == "en":
        return f"on {format_weekday_date_en(moment.date())} at {format_clock_en(moment)}"
    return format_opening_da(moment)


async def _case_summary(tracker: Tracker, settings: Settings, factory: sessionmaker,
                        identity: ctx.IdentityInfo) -> ctx.CaseSummary | None:
    """Only for a verified citizen; the journal number is the one they proved the right to."""
    if not identity["verified"]:
        return None
    journal = tracker.get_slot("verified_case")
    if not journal:
        return None
    from bot.cases import make_case_system
    from bot.handover.cases_adapter import case_summary

    system = make_case_system(settings.case_system, factory)
    # "Today" as the citizen's case-status answer counts it (Danish local date).
    return await case_summary(system, str(journal), local_now().date())


# The hotline to give first for each sensitive topic (responses in domain/handover.yml).
HOTLINE_RESPONSES = {
    ctx.REASON_SENSITIVE_VIOLENCE: "utter_hotline_sensitive_close_relationship_violence",
    ctx.REASON_SENSITIVE_SEXUAL: "utter_hotline_sensitive_sexual_offence",
    ctx.REASON_SENSITIVE_THREATS: "utter_hotline_sensitive_threats",
    ctx.REASON_SENSITIVE_SUICIDE: "utter_hotline_sensitive_suicidal_thoughts",
}


class ActionHandover(Action):
    """Hands the chat to a citizen advisor, or offers a call-back when nobody is on duty."""

    def name(self) -> str:
        return "action_handover"

    @apologise_on_database_error("could not store the handover",
                                 response="utter_handover_unavailable",
                                 then=RESET_AFTER_HANDOVER)
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if answered_stray_code(dispatcher, tracker):
            # A code, even after a lock-out, is not a request for a person. It was answered,
            # so the misunderstandings start over (as the rule in data/rules/handover.yml says).
            return set_slots({"fallback_count": 0.0})
        reason = handover_reason(tracker)
        if reason in HOTLINE_RESPONSES:
            dispatcher.utter_message(response=HOTLINE_RESPONSES[reason])
        reset = set_slots(RESET_AFTER_HANDOVER)
        settings, factory = load_settings(), session_factory()
        # Only identity claims the gateway signed for this conversation count.
        events = events_with_verified_identity(tracker)
        identity = ctx.identity_from_tracker(events, tracker.slots)
        case = await _case_summary(tracker, settings, factory, identity)
        now = utcnow()
        packet = ctx.build_context(
            reason=reason, events=events, slots=tracker.slots, case=case, now=now,
            language=chat_language(tracker),
        )
        hours = office_hours_from_settings(settings.handover)
        is_open = hours.is_open(now)
        with session_scope(factory) as session:
            existing = repository.open_handover_for_session(session, tracker.sender_id)
            if existing is not None and existing.status == STATUS_WAITING:
                place = queue.place_in_queue(
                    session, existing.id, settings.handover.average_chat_minutes
                )
                dispatcher.utter_message(
                    response="utter_handover_already_waiting",
                    position=place.position if place else 1,
                )
                return reset
            handover = repository.create_handover(
                session,
                session_id=tracker.sender_id,
                context=packet,
                status=STATUS_WAITING if is_open else STATUS_CALLBACK_OFFERED,
                now=now,
                person_ref=ctx.person_ref_from_events(events),
            )
            handover_id = int(handover.id)
            place = queue.place_in_queue(
                session, handover_id, settings.handover.average_chat_minutes
            )
        id_slot = SlotSet("handover_id", str(handover_id))
        if not is_open:
            opening = hours.next_opening(now)
            if opening is None:
                dispatcher.utter_message(response="utter_handover_closed_no_opening")
            else:
                dispatcher.utter_message(
                    response="utter_handover_closed_offer_callback",
                    next_opening=format_opening(opening, chat_language(tracker)),
                )
            return [*reset, id_slot]
        dispatcher.utter_message(
            response="utter_handover_queued",
            position=place.position if place else 1,
            minutes=place.estimate_minutes if place else settings.handover.average_chat_minutes,
        )
        # The gateway reads this to give the chat to the advisors and stop forwarding to Rasa.
        dispatcher.utter_message(
            json_message={
                "handover": {"id": handover_id, "status": STATUS_WAITING,
                             "urgency": packet["urgency"]}
            }
        )
        return [*reset, id_slot, SlotSet("handover_active", True)]


class ValidateCallbackForm(LeavableForm):
    corrections: ClassVar[dict[str, str]] = {
        "nummer": "callback_phone", "telefonnummer": "callback_phone"}

    def name(self) -> str:
        return "validate_callback_form"

    # The same rule and the same stored form as every other phone number (`bot.formats`).
    validate_callback_phone = SlotParser(parse_danish_phone)
    # "formiddag", "efter kl. 12": a time, or asked again with an example (never free text).
    validate_callback_window = SlotParser(parse_callback_window)


class ActionSubmitCallback(Action):
    """Puts the call-back on the advisors' follow-up list, with the same case context."""

    def name(self) -> str:
        return "action_submit_callback"

    @skip_if_form_left
    @apologise_on_database_error("could not store the call-back request",
                                 response="utter_handover_unavailable",
                                 then=dict.fromkeys(CALLBACK_SLOTS))
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        phone = str(tracker.get_slot("callback_phone") or "")
        window = str(tracker.get_slot("callback_window") or "")
        now = utcnow()
        with session_scope(session_factory()) as session:
            handover = None
            raw_id = tracker.get_slot("handover_id")
            if raw_id and str(raw_id).isdigit():
                handover = repository.get_handover(session, int(raw_id))
                if handover is not None and handover.session_id != tracker.sender_id:
                    handover = None
            if handover is not None:
                reason, urgency = str(handover.reason), str(handover.urgency)
                context_json = str(handover.context_json)
            else:
                reason = handover_reason(tracker)
                packet = ctx.build_context(
                    reason=reason, events=events_with_verified_identity(tracker),
                    slots=tracker.slots, case=None, now=now, language=chat_language(tracker),
                )
                urgency, context_json = packet["urgency"], ctx.dumps(packet)
            repository.create_callback(
                session,
                session_id=tracker.sender_id,
                phone=phone,
                time_window=window,
                reason=reason,
                urgency=urgency,
                context_json=context_json,
                now=now,
                handover_id=handover.id if handover is not None else None,
            )
        # Stored as the advisors read it (Danish); said in the chat's language.
        said = english_window(window) if chat_language(tracker) == "en" else window
        dispatcher.utter_message(response="utter_callback_booked", window=said)
        return set_slots(dict.fromkeys(CALLBACK_SLOTS))
