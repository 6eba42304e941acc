"""English texts for leaving, pausing and resuming a form (twin of texts.py, issue #18)."""

from __future__ import annotations

# What the citizen was in the middle of, by form ("I have stopped {label}.").
FORM_LABELS = {
    "verify_form": "looking up your case",
    "callback_form": "your request for a call-back",
    "followup_form": "your request for a follow-up conversation",
    "book_officer_form": "the booking of a police officer",
    "booking_status_form": "looking up your booking",
    "complaint_form": "your complaint",
    "rating_form": "your rating of the chat",
}
FORM_LABEL_UNKNOWN = "what we were doing"
FORM_LEFT = (
    "Okay, I have stopped {label}. Nothing has been sent. Is there anything else I can help with?"
)
FORM_LEFT_FOR_QUESTION = "Okay, I have stopped {label}."
FORM_LEFT_AFTER_QUESTIONS = "I have paused {label}. Just write if you want to go on later."
REPROMPT = "Shall we go on with {label}? {short} Or write \"stop\"."
STOP_BUTTON_TITLE = "Stop"
STOP_BUTTON_PAYLOAD = "stop"
CORRECTED = "Thank you, I have corrected it."
# "I don't have my journal number / my receipt": where to find it, and other ways in.
NO_RECEIPT = (
    "That is fine. The journal number and the code are on the receipt you got when you "
    "reported. The code is under the journal number. If this page has the button "
    "\"Log in with MitID\", you can use it instead. You can also call the police on 114 or "
    "talk to a citizen advisor here."
)
DONT_HAVE = (
    "That is fine. I have stopped {label}. You can call the police on 114 or talk to a "
    "citizen advisor here."
)
TALK_TO_ADVISOR = {"title": "Talk to a citizen advisor", "payload": "/request_human"}
# The short question after an answer in between, by slot.
SHORT_ASK = {
    "journal_number": "Write the journal number from your receipt.",
    "receipt_code": "Write the code from your receipt.",
    "callback_phone": "Write your phone number.",
    "callback_window": "Write when we may call, e.g. \"morning\".",
    "followup_name": "Write your name.",
    "followup_phone": "Write your phone number.",
    "followup_window": "Write when we may call, e.g. \"Monday morning\".",
    "followup_topic": "Write briefly what you want to talk about.",
    "followup_journal_number": "Write the journal number, or write \"no\".",
    "booking_organisation": "Write the name of your association or organisation.",
    "booking_topic": "Write what you want to hear about.",
    "booking_place": "Write where the meeting will be.",
    "booking_dates": "Write which dates suit you.",
    "booking_contact_name": "Write the contact person's name.",
    "booking_contact": "Write a phone number or an e-mail address.",
    "booking_reference": "Write the reference number.",
    "complaint_kind": "Choose what you want to complain about.",
    "complaint_type": "Choose what the complaint is about.",
    "complaint_description": "Write briefly what happened.",
    "rating_score": "Give a score from 1 to 5.",
    "rating_comment": "Write a comment, or write \"no\".",
}
NOT_WAITING_FOR_CODE = (
    "That looks like a code. I am not waiting for a code right now. Write \"where is my "
    "case\" if you want to see your case."
)
