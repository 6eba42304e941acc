"""A receipt code or journal number typed when no code was asked for.

NLU cannot read codes ("M4NP-6QRS" looks like nothing, or like anything), so whichever action
NLU's guess lands on (a request for a person, "Mente du ...?") asks this first: after a lock-out
the citizen is told again that the lookup is locked, otherwise that no code is being waited for.
Never a guess, never a place in the advisor queue the citizen did not ask for.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.language import texts_for
from bot.dialogue import texts as dialogue_texts
from bot.dialogue.answers import looks_like_code


def answered_stray_code(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer a code typed out of turn; False (nothing said) when the message is no code."""
    if not looks_like_code(str(tracker.latest_message.get("text") or "")):
        return False
    if tracker.get_slot("verification_locked"):
        dispatcher.utter_message(response="utter_verification_locked")
    else:
        dispatcher.utter_message(text=texts_for(dialogue_texts, tracker).NOT_WAITING_FOR_CODE)
    return True
