"""English twin of bot/cases/texts.py (issue #18): the case status in plain English.

The legal rules and the dates are computed once (bot/cases/deadlines.py); only the words differ.
"""

from __future__ import annotations

from bot.formats import (
    CODE_LENGTH,
    JOURNAL_NUMBER_EXAMPLE,
    RECEIPT_CODE_EXAMPLE,
    journal_number_shape_en,
)

BAD_JOURNAL_NUMBER = (
    f"That does not look like a case number. It has {journal_number_shape_en()}, "
    f"for example {JOURNAL_NUMBER_EXAMPLE}."
)
BAD_RECEIPT_CODE = (
    f"The code has {CODE_LENGTH} characters, for example {RECEIPT_CODE_EXAMPLE}. "
    "It is on your receipt below the case number."
)
NOT_VERIFIED = (
    "The case number and the code do not match. Check your receipt, and try again."
)
NO_CASE_FOR_PERSON = (
    "I cannot find a case where you are registered as the victim, the person who reported "
    "it or a witness. If you have a receipt, you can use the case number and code instead."
)
NOT_PARTY_OF_CASE = (
    "I cannot find you in that case. Check the case number on your receipt."
)
CASE_SYSTEM_DOWN = (
    "I cannot get information about your case right now. Please try again soon, "
    "or call the police on 114."
)
VERIFICATION_EXPIRED = (
    "For your safety, you need to show who you are again."
)

STATUS_HEADER = "Your case {journal_number} is now at this step: {step}."
NEXT_STEPS = "The next step can be: {steps}."
USUAL_TIME = "It usually takes {time}."
DEADLINES_HEADER = "Deadlines and dates in your case:"
COMPLAINT_DEADLINE = "You can complain to the regional prosecutor (statsadvokaten) by {date}."
COMPLAINT_FROM_NOTIFICATION = (
    "The deadline is 4 weeks from the day you were told about the decision ({start})."
)
COMPLAINT_FROM_DECISION = (
    "The deadline is 4 weeks from when you were told about the decision. We count from the "
    "date of the decision ({start}), so you are sure to make it."
)
COMPENSATION_DEADLINE = (
    "If you were harmed in body or mind, you can apply for compensation from the Criminal "
    "Injuries Compensation Board (Erstatningsnævnet). Apply by {date} (2 years after the "
    "decision in the case on {start})."
)
COMPENSATION_NOT_YET = (
    "If you were harmed in body or mind, you can apply for compensation from the Criminal "
    "Injuries Compensation Board (Erstatningsnævnet). The deadline is 2 years after the final "
    "judgment, or after the police closed the case."
)
NOT_A_WORKING_DAY = "Note: that day is a {day_name}. Please send it in good time before."
HEARING = "The court hearing is on {when} at {time} at {court}{place}."
HEARING_PLACE = ", {place}"
RIGHTS_HEADER = "This may be important for you now:"
CONTACT_PERSON = "Your contact person is {name}. {reach}"
CONTACT_PHONE = "Phone: {phone}."
CONTACT_EMAIL = "Email: {email}."
NO_CONTACT_PERSON = (
    "You do not have a contact person. If you have questions, call the police on 114."
)
LATEST_EVENTS_HEADER = "Latest in the case:"
EVENT_LINE = "- {date}: {text}"

WITNESS_HEADER = "You are a witness in case {journal_number}."
WITNESS_NO_HEARING = (
    "No court hearing where you must give evidence has been set yet. You will get a summons "
    "if you must give evidence in court."
)
WITNESS_DUTIES = (
    "As a witness, you usually have a duty to come to court and tell what you know. "
    "Close family of the accused may have the right not to. "
    "You can get paid for lost wages and travel costs. Ask at the court."
)
WITNESS_QUESTIONS = "If you have questions about being a witness, call the police on 114."

# Words the status puts between texts.
OR = " or "
THE_COURT = "the court"
