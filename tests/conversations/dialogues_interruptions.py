"""Every question of every form, interrupted the ways citizens do it: a question in between
("hvad er et tilhold?") is answered and the form asks once more; "glem det, <question>" answers
the question and the form lets go for good; another task ("hvor langt er min sag?") starts that
task's own questions. None may end in "Det forstod jeg desværre ikke" or leave a form hanging
on the next message."""

from __future__ import annotations

from tests.conversations.dialogue import (
    ASK_BOOKING_TOPIC,
    ASK_CODE,
    ASK_COMMENT,
    ASK_COMPLAINT_KIND,
    ASK_COMPLAINT_TYPE,
    ASK_FOLLOWUP_JOURNAL,
    ASK_FOLLOWUP_PHONE,
    ASK_FOLLOWUP_WINDOW,
    ASK_JOURNAL,
    ASK_NAME,
    ASK_ORGANISATION,
    ASK_PHONE,
    ASK_RATING,
    ASK_REFERENCE,
    ASK_TOPIC,
    ASK_WINDOW,
    LEFT,
    NOT_UNDERSTOOD,
    REPROMPT,
    Turn,
    press,
    say,
)
from tests.conversations.dialogues_case_status import JOURNAL, START
from tests.conversations.dialogues_requests import (
    BOOKING,
    CALLBACK,
    FOLLOWUP,
    FOLLOWUP_PHONE,
    NAME,
    WINDOW,
)

ASK_PLACE = "Hvor skal mødet være?"
ASK_DATES = "Hvilke datoer eller perioder passer bedst?"
ASK_CONTACT_NAME = "Hvem er kontaktperson?"
ASK_CONTACT = "Hvilket telefonnummer eller hvilken e-mail kan vi bruge?"
ASK_DESCRIPTION = "Skriv kort, hvad der skete"

QUESTION = "hvad er et tilhold?"
EXIT_WITH_QUESTION = "glem det, hvad er et tilhold"
ANSWER = "Et tilhold betyder"

_FOLLOWUP = [FOLLOWUP, NAME, FOLLOWUP_PHONE, WINDOW,
             say("Jeg vil gerne tale om tryghed i mit kvarter", ASK_FOLLOWUP_JOURNAL)]
_BOOKING = [BOOKING,
            say("Grundejerforeningen Solsikken", ASK_BOOKING_TOPIC),
            say("Tryghed i vores kvarter om aftenen", ASK_PLACE),
            say("Fælleshuset, Solsikkevej 2, Roskilde", ASK_DATES),
            say("en tirsdag aften i marts", ASK_CONTACT_NAME),
            say("Karen Jensen", ASK_CONTACT)]
_COMPLAINT = [say("jeg vil klage", ASK_COMPLAINT_KIND),
              press("Politiets service", ASK_COMPLAINT_TYPE),
              press("Ventetid", ASK_DESCRIPTION)]

# Each form question: the turns that lead to it, and the words of the question.
STEPS: dict[str, tuple[list[Turn], str]] = {
    "status, journal number": ([START], ASK_JOURNAL),
    "status, code": ([START, JOURNAL], ASK_CODE),
    "call-back, phone": ([CALLBACK], ASK_PHONE),
    "call-back, time": ([CALLBACK, say("20 30 40 50", ASK_WINDOW)], ASK_WINDOW),
    "follow-up, name": (_FOLLOWUP[:1], ASK_NAME),
    "follow-up, phone": (_FOLLOWUP[:2], ASK_FOLLOWUP_PHONE),
    "follow-up, time": (_FOLLOWUP[:3], ASK_FOLLOWUP_WINDOW),
    "follow-up, topic": (_FOLLOWUP[:4], ASK_TOPIC),
    "follow-up, journal number": (_FOLLOWUP[:5], ASK_FOLLOWUP_JOURNAL),
    "booking, organisation": (_BOOKING[:1], ASK_ORGANISATION),
    "booking, topic": (_BOOKING[:2], ASK_BOOKING_TOPIC),
    "booking, place": (_BOOKING[:3], ASK_PLACE),
    "booking, dates": (_BOOKING[:4], ASK_DATES),
    "booking, contact person": (_BOOKING[:5], ASK_CONTACT_NAME),
    "booking, contact": (_BOOKING[:6], ASK_CONTACT),
    "booking status, reference": ([say("hvad er status på min bestilling", ASK_REFERENCE)],
                                  ASK_REFERENCE),
    "complaint, kind": (_COMPLAINT[:1], ASK_COMPLAINT_KIND),
    "complaint, type": (_COMPLAINT[:2], ASK_COMPLAINT_TYPE),
    "complaint, description": (_COMPLAINT[:3], ASK_DESCRIPTION),
    "rating, score": ([say("jeg vil give en vurdering", ASK_RATING)], ASK_RATING),
    "rating, comment": ([say("jeg vil give en vurdering", ASK_RATING),
                         say("5", ASK_COMMENT)], ASK_COMMENT),
}


def _question_in_between(lead: list[Turn], asked: str) -> list[Turn]:
    return [*lead, say(QUESTION, ANSWER, REPROMPT, never=[NOT_UNDERSTOOD])]


def _exit_with_question(lead: list[Turn], asked: str) -> list[Turn]:
    return [*lead, say(EXIT_WITH_QUESTION, LEFT, ANSWER, never=[NOT_UNDERSTOOD, asked]),
            # The form is gone: "tak" is thanked for, never answered with the form's question.
            say("tak", never=[asked, REPROMPT, NOT_UNDERSTOOD])]


def _other_task(lead: list[Turn], asked: str) -> list[Turn]:
    if asked in (ASK_JOURNAL, ASK_CODE):
        switch, new_question = "kan I ringe mig op?", ASK_PHONE
    else:
        switch, new_question = "hvor langt er min sag?", ASK_JOURNAL
    return [*lead, say(switch, new_question, never=[NOT_UNDERSTOOD, asked])]


# Another task in the middle: the first question of each form, and a later one.
SWITCHES = ("status, journal number", "status, code", "call-back, phone", "call-back, time",
            "follow-up, name", "follow-up, topic", "booking, organisation", "booking, dates",
            "booking status, reference", "complaint, type", "rating, score")

DIALOGUES: dict[str, list[Turn]] = {
    **{f"{step}: a question in between is answered, then one re-prompt":
       _question_in_between(lead, asked) for step, (lead, asked) in STEPS.items()},
    **{f"{step}: glem det with a question answers it and lets go":
       _exit_with_question(lead, asked) for step, (lead, asked) in STEPS.items()},
    **{f"{step}: another task in the middle starts that task's questions":
       _other_task(*STEPS[step]) for step in SWITCHES},
}
