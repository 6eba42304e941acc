"""English twin of bot/requests/texts.py (issue #18): the same names, plain English.

Buttons keep the Danish payloads the parsers read (a complaint's kind, "Nej"); only the
titles the citizen sees are English.
"""

from __future__ import annotations

from bot.requests.texts import ASK as ASK_DA
from bot.requests.texts import Button

_QUESTIONS: dict[str, str] = {
    "followup_name": "What is your name?",
    "followup_phone": "Which phone number can we call?",
    "followup_window": (
        "When would you like us to call? "
        "Write, for example, \"tomorrow between 10 and 12\" or \"Monday morning\"."
    ),
    "followup_topic": "What would you like to talk to the police about? Write it briefly.",
    "followup_journal_number": (
        "Do you have a case number from the police? Then write it. If not, write \"no\"."
    ),
    "booking_organisation": "What is the name of your club, school or organisation?",
    "booking_topic": "What would you like to hear about?",
    "booking_place": "Where will the meeting be?",
    "booking_dates": "Which dates or periods suit you?",
    "booking_contact_name": "Who is the contact person?",
    "booking_contact": "Which phone number or email can we use?",
    "booking_reference": "Write your reference number. It looks like this: HV-2026-4K7Q2M.",
    "complaint_kind": "What do you want to complain about?",
    "complaint_type": "What is your complaint about the service about?",
    "complaint_description": "Write briefly what happened. Do not write your CPR number.",
    "rating_score": "How well did the chat help you? Give a rating from 1 to 5, where 5 is best.",
    "rating_comment": "Would you like to write a comment? If not, write \"no\".",
}
# English titles for the Danish button texts (the payloads stay Danish).
_BUTTON_TITLES = {
    "Nej": "No",
    "Nej tak": "No thanks",
    "En afgørelse om at henlægge min sag": "A decision to drop my case",
    "En betjents opførsel": "A police officer's behaviour",
    "Politiets service": "The police's service",
    "Ventetid": "Waiting time",
    "Uhøflig behandling": "Rude treatment",
    "Forkert information": "Wrong information",
    "Ikke kontaktet": "Not contacted",
    "Andet": "Other",
}


def _english_buttons(buttons: list[Button]) -> list[Button]:
    return [Button(title=_BUTTON_TITLES.get(b["title"], b["title"]), payload=b["payload"])
            for b in buttons]


ASK: dict[str, tuple[str, list[Button]]] = {
    slot: (_QUESTIONS[slot], _english_buttons(buttons)) for slot, (_, buttons) in ASK_DA.items()
}

FOLLOWUP_CONFIRMED = (
    "Thank you. We have passed on your request. Our target is to call you by {deadline}. "
    "The police district sets the target itself. You asked for {window}. "
    "Your reference number is {reference}. If it is an emergency, call 112."
)
FOLLOWUP_CONFIRMED_NO_DATE = (
    "Thank you. We have passed on your request. We will call you as soon as we can. "
    "You asked for {window}. Your reference number is {reference}. "
    "If it is an emergency, call 112."
)
BOOKING_CONFIRMED = (
    "Thank you. We have received your booking. The police will look at it and contact you. "
    "Your reference number is {reference}. With it, you can see the status here in the chat."
)
REFERENCE_FORMAT_HELP = (
    "That does not look like a reference number. It looks like this: HV-2026-4K7Q2M."
)
BOOKING_STATUS = (
    "Booking {reference}: {status}. Received on {received}. Last changed on {changed}."
)
BOOKING_STATUS_PLANNED = (
    "Booking {reference}: {status} for {planned}. Received on {received}."
)
BOOKING_STATE_RECEIVED = "received"
BOOKING_STATE_ASSESSING = "being assessed"
BOOKING_STATE_PLANNED = "planned"
BOOKING_STATE_DECLINED = "declined"
BOOKING_STATE_DONE = "done"
BOOKING_STATE_CANCELLED = "cancelled"
BOOKING_NOT_FOUND = (
    "I cannot find a booking with the number {reference}. "
    "Check the number, or call the police on 114."
)
COMPLAINT_ROUTE_MISSING = (
    "Call the police on 114. Then you will be told where and when you can complain."
)
COMPLAINT_REGISTERED = (
    "Thank you. Your complaint is registered, and the police district will look at it. "
    "Your reference number is {reference}."
)
COMPLAINT_ROUTE_DONE = "Is there anything else I can help with?"
RATING_THANKS = "Thank you for your rating. It helps us get better."
YOUR_REFERENCE = (
    "Your reference number for this request is {reference}. "
    "Write it down if you contact the police about it."
)
REQUEST_FAILED = (
    "Sorry, I could not save that right now. Call the police on 114. "
    "If it is an emergency, call 112."
)
