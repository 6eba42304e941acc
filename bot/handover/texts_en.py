"""English twin of bot/handover/texts.py (issue #18): what the citizen sees from the console."""

from __future__ import annotations

QUEUE_PLACE = "You are number {position} in the queue. You will wait about {minutes} minutes."
ADVISOR_JOINED = "A citizen advisor has taken over the chat and will write to you shortly."
ADVISOR_CHANGED = "Another citizen advisor is now taking over the chat."
HANDED_BACK = (
    "The citizen advisor has ended the conversation. You are now writing with the digital "
    "advisor again. Just write your next question."
)
CLOSED = "The citizen advisor has ended the conversation. Thank you for writing."
NO_ADVISOR_CALLBACK_OFFER = (
    "Sorry, no citizen advisor is free right now. Would you rather have us call you? "
    "Then I need your phone number and a time that suits you."
)
CALLBACK_BUTTON_YES = "Yes, call me"
CALLBACK_BUTTON_NO = "No thanks"


def queue_place(position: int, minutes: int) -> str:
    return QUEUE_PLACE.format(position=position, minutes=minutes)
