"""Danish texts for leaving, pausing and resuming a form (English twin: texts_en.py)."""

from __future__ import annotations

# What the citizen was in the middle of, by form ("Jeg har stoppet {label}.").
FORM_LABELS = {
    "verify_form": "opslaget af din sag",
    "callback_form": "din anmodning om at blive ringet op",
    "followup_form": "din anmodning om en opfølgende samtale",
    "book_officer_form": "bestillingen af en betjent",
    "booking_status_form": "opslaget af din bestilling",
    "complaint_form": "din klage",
    "rating_form": "din vurdering af chatten",
}
FORM_LABEL_UNKNOWN = "det, vi var i gang med"
FORM_LEFT = (
    "Okay, jeg har stoppet {label}. Der er ikke sendt noget. Er der andet, jeg kan hjælpe med?"
)
FORM_LEFT_FOR_QUESTION = "Okay, jeg har stoppet {label}."
FORM_LEFT_AFTER_QUESTIONS = (
    "Jeg har sat {label} på pause. Skriv bare, hvis du vil fortsætte senere."
)
REPROMPT = "Skal vi fortsætte med {label}? {short} Ellers skriv \"stop\"."
STOP_BUTTON_TITLE = "Stop"
STOP_BUTTON_PAYLOAD = "stop"
CORRECTED = "Tak, jeg har rettet det."
# "Jeg har ikke mit journalnummer / min kvittering": where to find it, and other ways in.
NO_RECEIPT = (
    "Det er helt i orden. Journalnummeret og koden står på den kvittering, du fik, da du "
    "anmeldte. Koden står under journalnummeret. Har siden her knappen »Log ind med MitID«, "
    "kan du bruge den i stedet. Du kan også ringe til politiet på 114 eller tale med en "
    "borgerrådgiver her."
)
DONT_HAVE = (
    "Det er i orden. Jeg har stoppet {label}. Du kan ringe til politiet på 114 eller tale "
    "med en borgerrådgiver her."
)
TALK_TO_ADVISOR = {"title": "Tal med en borgerrådgiver", "payload": "/request_human"}
# The short question after an answer in between, by slot.
SHORT_ASK = {
    "journal_number": "Skriv journalnummeret fra din kvittering.",
    "receipt_code": "Skriv koden fra din kvittering.",
    "callback_phone": "Skriv dit telefonnummer.",
    "callback_window": "Skriv, hvornår vi må ringe, fx \"formiddag\".",
    "followup_name": "Skriv dit navn.",
    "followup_phone": "Skriv dit telefonnummer.",
    "followup_window": "Skriv, hvornår vi må ringe, fx \"mandag formiddag\".",
    "followup_topic": "Skriv kort, hvad du vil tale om.",
    "followup_journal_number": "Skriv journalnummeret, eller skriv \"nej\".",
    "booking_organisation": "Skriv navnet på jeres forening eller organisation.",
    "booking_topic": "Skriv, hvad I vil høre om.",
    "booking_place": "Skriv, hvor mødet skal være.",
    "booking_dates": "Skriv, hvilke datoer der passer jer.",
    "booking_contact_name": "Skriv kontaktpersonens navn.",
    "booking_contact": "Skriv et telefonnummer eller en e-mail.",
    "booking_reference": "Skriv referencenummeret.",
    "complaint_kind": "Vælg, hvad du vil klage over.",
    "complaint_type": "Vælg, hvad klagen drejer sig om.",
    "complaint_description": "Skriv kort, hvad der skete.",
    "rating_score": "Giv en karakter fra 1 til 5.",
    "rating_comment": "Skriv en kommentar, eller skriv \"nej\".",
}
NOT_WAITING_FOR_CODE = (
    "Det ligner en kode. Jeg venter ikke på en kode lige nu. Skriv \"hvor langt er min sag\", "
    "hvis du vil se din sag."
)
