"""Every Danish text of the case status, in one place for review (short sentences, plain words)."""

from __future__ import annotations

from bot.formats import (
    CODE_LENGTH,
    JOURNAL_NUMBER_EXAMPLE,
    RECEIPT_CODE_EXAMPLE,
    journal_number_shape_da,
)

BAD_JOURNAL_NUMBER = (
    f"Det ligner ikke et journalnummer. Det har {journal_number_shape_da()}, "
    f"fx {JOURNAL_NUMBER_EXAMPLE}."
)
BAD_RECEIPT_CODE = (
    f"Koden har {CODE_LENGTH} tegn, fx {RECEIPT_CODE_EXAMPLE}. "
    "Den står på din kvittering under journalnummeret."
)
# Same text for an unknown case and a wrong code: nobody can learn which cases exist.
NOT_VERIFIED = (
    "Journalnummer og kode passer ikke sammen. Tjek din kvittering, og prøv igen."
)
NO_CASE_FOR_PERSON = (
    "Jeg kan ikke finde en sag, hvor du er registreret som forurettet, anmelder eller vidne. "
    "Har du en kvittering, kan du bruge journalnummer og kode i stedet."
)
NOT_PARTY_OF_CASE = (
    "Jeg kan ikke finde dig i den sag. Tjek journalnummeret på din kvittering."
)
CASE_SYSTEM_DOWN = (
    "Jeg kan ikke hente oplysninger om din sag lige nu. Prøv igen om lidt, "
    "eller ring til politiet på 114."
)
VERIFICATION_EXPIRED = (
    "Af hensyn til din sikkerhed skal du vise, hvem du er, igen."
)

STATUS_HEADER = "Din sag {journal_number} er nu her: {step}."
COMPLAINT_FROM_NOTIFICATION = (
    "Fristen er 4 uger fra den dag, du fik besked om afgørelsen ({start})."
)
COMPLAINT_FROM_DECISION = (
    "Fristen er 4 uger fra du fik besked om afgørelsen. Vi regner fra afgørelsens dato "
    "({start}), så du er sikker på at nå det."
)
NOT_A_WORKING_DAY = "Bemærk: den dag er en {day_name}. Send gerne i god tid før."
HEARING = "Retsmødet er {when} kl. {time} i {court}{place}."
HEARING_PLACE = ", {place}"
CONTACT_PERSON = "Din kontaktperson er {name}. {reach}"
CONTACT_PHONE = "Telefon: {phone}."
CONTACT_EMAIL = "E-mail: {email}."
NO_CONTACT_PERSON = (
    "Du har ikke fået en kontaktperson. Har du spørgsmål, kan du ringe til politiet på 114."
)

WITNESS_HEADER = "Du er vidne i sag {journal_number}."
WITNESS_NO_HEARING = (
    "Der er endnu ikke fastsat et retsmøde, hvor du skal vidne. Du får en indkaldelse, "
    "hvis du skal vidne i retten."
)
# Used only when the knowledge base has no witness rights linked to the step.
WITNESS_DUTIES = (
    "Som vidne har du som regel pligt til at møde i retten og fortælle, hvad du ved. "
    "Nær familie til den tiltalte kan have ret til at lade være. "
    "Du kan få godtgørelse for tabt arbejdsfortjeneste og udgifter til transport. Spørg i retten."
)
WITNESS_QUESTIONS = "Har du spørgsmål om at vidne, kan du ringe til politiet på 114."

# The status card (bot/cases/card.py) and the answers after it.
CARD_HEADING = "Din sag {journal_number}"
CARD_COMPLAINT = "Klagefrist"
CARD_HEARING = "Retsmøde"
CARD_HEARING_WHEN = "{day} kl. {time}"
CARD_COMPENSATION = "Søg erstatning senest"
CARD_COMPENSATION_RULE = "2 år efter sagens afgørelse den {start}."
CARD_WITNESS_STEP = "Du skal vidne"
CARD_WITNESS_NO_HEARING_STEP = "Intet retsmøde endnu"
CARD_BUTTON_NEXT = "Hvad kan jeg gøre nu?"
CARD_BUTTON_HEARING = "Hvornår er retsmødet?"
CARD_BUTTON_BRING = "Hvad skal jeg have med?"
CARD_BUTTON_ADVISOR = "Tal med en borgerrådgiver"
# The card's own headings (bot/static/status-card.js draws them; `labels` of the card).
CARD_LABEL_WHERE = "Her er din sag nu"
CARD_LABEL_STEPS = "Sagens trin"
CARD_LABEL_DONE = "afsluttet"
CARD_LABEL_CURRENT = "her er sagen nu"
CARD_LABEL_NEXT = "kan komme senere"
CARD_LABEL_MEANING = "Hvad det betyder"
CARD_LABEL_DATES = "Datoer og frister"
CARD_LABEL_CONTACT = "Kontakt"
TODO_HEADER = "Det kan du gøre nu:"
TODO_COMPLAINT = "Er du uenig i afgørelsen, kan du klage til statsadvokaten senest {when}."
TODO_COMPENSATION = "Har du fået en skade, kan du søge erstatning senest {when}."
TODO_CONTACT = "Har du spørgsmål, så kontakt din kontaktperson, {name}."
TODO_CALL_114 = "Har du spørgsmål, så ring til politiet på 114."
NO_HEARING_YET = (
    "Der er ikke fastsat et retsmøde i din sag endnu. Du får besked, hvis du skal i retten."
)
# What a witness needs for the hearing, from the sourced entry "Penge for at vidne"
# (knowledge/right/vidnegodtgoerelse.yml: you must be able to show your loss).
BRING = (
    "{hearing} Har du mistet løn, så tag noget med, der viser dit tab. Så kan retten give dig "
    "godtgørelse. Husk journalnummeret, hvis du skal spørge om noget."
)
# Words the status puts between texts (English twin: bot/cases/texts_en.py).
OR = " eller "
THE_COURT = "retten"
