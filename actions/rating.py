"""The citizen's rating of the chat (1-5) with an optional comment."""

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
from bot.db import session_scope
from bot.inquiries.repository import ensure_inquiry
from bot.requests import texts
from bot.requests.ratings import save_rating
from bot.requests.validation import InputRejected, parse_optional_comment, parse_rating

log = logging.getLogger(__name__)

NO_COMMENT = "-"


class ValidateRatingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_rating_form"

    async def validate_rating_score(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"rating_score": str(parse_rating(str(value or "")))}
        except InputRejected as error:
            dispatcher.utter_message(text=error.message)
            return {"rating_score": None}

    async def validate_rating_comment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            comment = parse_optional_comment(str(value or ""))
        except InputRejected as error:
            dispatcher.utter_message(text=error.message)
            return {"rating_comment": None}
        # A filled slot cannot be empty, so "no comment" is kept as a marker.
        return {"rating_comment": comment or NO_COMMENT}


class ActionSubmitRating(Action):
    def name(self) -> str:
        return "action_submit_rating"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        clear: list[EventType] = [SlotSet("rating_score", None), SlotSet("rating_comment", None)]
        comment = str(tracker.get_slot("rating_comment") or "")
        now = conversation_now(tracker)
        try:
            with session_scope(session_factory()) as session:
                ensure_inquiry(
                    session, tracker.sender_id, channel=conversation_channel(tracker), now=now
                )
                save_rating(
                    session,
                    conversation_id=tracker.sender_id,
                    score=int(str(tracker.get_slot("rating_score"))),
                    comment="" if comment == NO_COMMENT else comment,
                    now=now,
                )
        except SQLAlchemyError:
            log.exception("Could not save the chat rating")
            dispatcher.utter_message(text=texts.REQUEST_FAILED)
            return clear
        dispatcher.utter_message(text=texts.RATING_THANKS)
        return clear
