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
COMPLAINT_FROM_NOTIFICATION = (
    "The deadline is 4 weeks from the day you were told about the decision ({start})."
)
COMPLAINT_FROM_DECISION = (
    "The deadline is 4 weeks from when you were told about the decision. We count from the "
    "date of the decision ({start}), so you are sure to make it."
)
NOT_A_WORKING_DAY = "Note: that day is a {day_name}. Please send it in good time before."
HEARING = "The court hearing is on {when} at {time} at {court}{place}."
HEARING_PLACE = ", {place}"
HEARING_COURTROOM = ', courtroom {number} (the sign says "{place}")'
CONTACT_PERSON = "Your contact person is {name}. {reach}"
CONTACT_PHONE = "Phone: {phone}."
CONTACT_EMAIL = "Email: {email}."
NO_CONTACT_PERSON = (
    "You do not have a contact person. If you have questions, call the police on 114."
)

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

# The status card (bot/cases/card.py) and the answers after it.
CARD_HEADING = "Your case {journal_number}"
CARD_COMPLAINT = "Deadline to complain"
CARD_HEARING = "Court hearing"
CARD_HEARING_WHEN = "{day} at {time}"
CARD_COMPENSATION = "Apply for compensation by"
CARD_COMPENSATION_RULE = "2 years after the case was decided on {start}."
CARD_WITNESS_STEP = "You are to give evidence"
CARD_WITNESS_NO_HEARING_STEP = "No court hearing yet"
CARD_BUTTON_NEXT = "What can I do now?"
CARD_BUTTON_HEARING = "When is the court hearing?"
CARD_BUTTON_BRING = "What should I bring?"
CARD_BUTTON_ADVISOR = "Talk to a citizen advisor"
CARD_LABEL_WHERE = "This is where your case is now"
CARD_LABEL_STEPS = "The steps of the case"
CARD_LABEL_DONE = "done"
CARD_LABEL_CURRENT = "the case is here now"
CARD_LABEL_NEXT = "may come later"
CARD_LABEL_MEANING = "What it means"
CARD_LABEL_DATES = "Dates and deadlines"
CARD_LABEL_CONTACT = "Contact"
TODO_HEADER = "What you can do now:"
TODO_COMPLAINT = (
    "If you disagree with the decision, you can complain to the public prosecutor by {when}."
)
TODO_COMPENSATION = "If you were injured, you can apply for compensation by {when}."
TODO_CONTACT = "If you have questions, contact your contact person, {name}."
TODO_CALL_114 = "If you have questions, call the police on 114."
NO_HEARING_YET = (
    "No court hearing has been set in your case yet. You will be told if you need to go to court."
)
# What a witness needs for the hearing, from the sourced entry "Penge for at vidne"
# (knowledge/right/vidnegodtgoerelse.yml: you must be able to show your loss).
BRING = (
    "{hearing} If you lose pay, bring something that shows your loss. Then the court can "
    "compensate you. Keep the journal number at hand if you need to ask about something."
)

# A contact person's rank as the case system writes it (Danish), said in English; the
# name after it stays as written (bot/cases/card.py).
CONTACT_TITLES = {
    "politiassistent": "police officer",
    "politibetjent": "police officer",
    "politikommissær": "police inspector",
    "politiinspektør": "chief police inspector",
    "vicepolitiinspektør": "deputy chief police inspector",
    "kriminalassistent": "detective",
    "efterforsker": "investigator",
    "specialkonsulent": "special adviser",
    "sagsbehandler": "caseworker",
    "anklager": "prosecutor",
    "advokatfuldmægtig": "prosecutor",
}
