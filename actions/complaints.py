"""Complaints (seed 2.2.6): explain the right route by kind; register service complaints.

The form asks the kind first; only a service complaint goes on to its type and a short
description, is registered, and is then handed to an advisor (`action_handover` with
`handover_reason=complaint`). Route texts come from the knowledge base.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.db import apologise_on_database_error, session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import SlotParser, rejects_input, set_slots
from actions.inquiry import conversation_channel, conversation_now, registered_reference
from actions.language import chat_language, texts_for
from bot.db import session_scope
from bot.requests import texts
from bot.requests.complaint_kinds import (
    complaint_kind_named,
    parse_complaint_kind,
    parse_complaint_type,
)
from bot.requests.complaint_routes import complaint_route_text
from bot.requests.complaints import register_service_complaint
from bot.requests.validation import parse_free_text
from bot.settings import load_settings

log = logging.getLogger(__name__)

SERVICE_ONLY_SLOTS = ("complaint_type", "complaint_description")
COMPLAINT_SLOTS = ("complaint_kind", *SERVICE_ONLY_SLOTS)
HANDOVER_ACTION = "action_handover"


class ValidateComplaintForm(LeavableForm):
    free_text = frozenset({"complaint_description"})

    def name(self) -> str:
        return "validate_complaint_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Type and description are asked for service complaints only."""
        if tracker.get_slot("complaint_kind") == "service":
            return domain_slots
        return [slot for slot in domain_slots if slot not in SERVICE_ONLY_SLOTS]

    async def extract_complaint_kind(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """"Jeg vil klage over en betjent" names the kind: the route comes at once, without a
        question the citizen has already answered."""
        # Only on the message that starts the form (form_turns.LeavableForm.is_starting).
        if not self.is_starting(tracker, domain):
            return {}
        if tracker.get_slot("complaint_kind") is not None:
            return {}
        if (tracker.latest_message.get("intent") or {}).get("name") != "complain":
            return {}
        kind = complaint_kind_named(str(tracker.latest_message.get("text") or ""))
        return {} if kind is None else {"complaint_kind": kind}

    @rejects_input
    async def validate_complaint_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        kind = parse_complaint_kind(str(value or ""))
        route = complaint_route_text(load_settings().knowledge_dir, kind, chat_language(tracker))
        if route is None:
            log.error("No complaint_route entry in the knowledge base for kind %s", kind)
            dispatcher.utter_message(text=texts_for(texts, tracker).COMPLAINT_ROUTE_MISSING)
        else:
            dispatcher.utter_message(text=route)
        return {"complaint_kind": kind}

    validate_complaint_type = SlotParser(parse_complaint_type)
    validate_complaint_description = SlotParser(partial(
        parse_free_text, ask="Skriv kort, hvad der skete, så vi kan lære af det."))


class ActionSubmitComplaint(Action):
    def name(self) -> str:
        return "action_submit_complaint"

    @skip_if_form_left
    @apologise_on_database_error("could not register the service complaint",
                                 text=texts.REQUEST_FAILED, then=dict.fromkeys(COMPLAINT_SLOTS))
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        clear = set_slots(dict.fromkeys(COMPLAINT_SLOTS))
        if tracker.get_slot("complaint_kind") != "service":
            # The route was explained when the kind was chosen; nothing is registered here.
            dispatcher.utter_message(text=texts_for(texts, tracker).COMPLAINT_ROUTE_DONE)
            return clear
        with session_scope(session_factory()) as session:
            register_service_complaint(
                session,
                conversation_id=tracker.sender_id,
                channel=conversation_channel(tracker),
                complaint_type=str(tracker.get_slot("complaint_type")),
                description=str(tracker.get_slot("complaint_description")),
                now=conversation_now(tracker),
            )
            reference = registered_reference(session, tracker)
        say = texts_for(texts, tracker)
        dispatcher.utter_message(text=say.COMPLAINT_REGISTERED.format(reference=reference))
        events: list[EventType] = [*clear, SlotSet("handover_reason", "complaint")]
        if HANDOVER_ACTION in domain.get("actions", []):
            events.append(FollowupAction(HANDOVER_ACTION))
        return events
