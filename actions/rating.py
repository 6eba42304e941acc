"""The citizen's rating of the chat (1-5) with an optional comment."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.db import apologise_on_database_error, session_factory
from actions.form_turns import LeavableForm, skip_if_form_left
from actions.forms import SlotParser, set_slots
from actions.inquiry import conversation_channel, conversation_now
from actions.language import texts_for
from bot.db import session_scope
from bot.requests import texts
from bot.requests.ratings import save_rating
from bot.requests.validation import parse_optional_comment, parse_rating

NO_COMMENT = "-"
RATING_SLOTS = ("rating_score", "rating_comment")


def _score_slot(text: str) -> str:
    return str(parse_rating(text))


def _comment_or_none_marker(text: str) -> str:
    # A filled slot cannot be empty, so "no comment" is kept as a marker.
    return parse_optional_comment(text) or NO_COMMENT


class ValidateRatingForm(LeavableForm):
    no_is_an_answer = frozenset({"rating_comment"})
    free_text = frozenset({"rating_comment"})

    def name(self) -> str:
        return "validate_rating_form"

    validate_rating_score = SlotParser(_score_slot)
    validate_rating_comment = SlotParser(_comment_or_none_marker)


class ActionSubmitRating(Action):
    def name(self) -> str:
        return "action_submit_rating"

    @skip_if_form_left
    @apologise_on_database_error("could not save the chat rating", text=texts.REQUEST_FAILED,
                                 then=dict.fromkeys(RATING_SLOTS))
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        comment = str(tracker.get_slot("rating_comment") or "")
        with session_scope(session_factory()) as session:
            save_rating(
                session,
                conversation_id=tracker.sender_id,
                channel=conversation_channel(tracker),
                score=int(str(tracker.get_slot("rating_score"))),
                comment="" if comment == NO_COMMENT else comment,
                now=conversation_now(tracker),
            )
        dispatcher.utter_message(text=texts_for(texts, tracker).RATING_THANKS)
        return set_slots(dict.fromkeys(RATING_SLOTS))
