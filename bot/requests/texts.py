"""Every Danish text the request actions send: form questions, confirmations, status answers.

Kept in one place for review (short sentences, everyday words). Placeholders use
`str.format` names; the actions fill them.
"""

from __future__ import annotations

from typing import TypedDict


class Button(TypedDict):
    title: str
    payload: str


def _buttons(*titles: str) -> list[Button]:
    # Plain-text payloads: they fill the form slot as typed text, whatever NLU thinks.
    return [Button(title=t, payload=t) for t in titles]


def _rating_buttons() -> list[Button]:
    return [
        Button(title=str(n), payload=f'/rate_chat{{"rating": "{n}"}}') for n in range(1, 6)
    ]


# Questions the forms ask, by slot (served by the generated `action_ask_<slot>` actions).
ASK: dict[str, tuple[str, list[Button]]] = {
    "followup_name": ("Hvad hedder du?", []),
    "followup_phone": ("Hvilket telefonnummer kan vi ringe til?", []),
    "followup_window": (
        "Hvornår passer det dig, at vi ringer? "
        "Skriv fx \"i morgen mellem 10 og 12\" eller \"mandag formiddag\".",
        [],
    ),
    "followup_topic": ("Hvad vil du gerne tale med politiet om? Skriv det kort.", []),
    "followup_journal_number": (
        "Har du et journalnummer fra politiet? Så skriv det. Ellers skriv \"nej\".",
        _buttons("Nej"),
    ),
    "booking_organisation": ("Hvad hedder din forening, skole eller organisation?", []),
    "booking_topic": ("Hvad vil du gerne have, at mødet handler om?", []),
    "booking_place": ("Hvor skal mødet være?", []),
    "booking_dates": ("Hvilke datoer eller perioder passer bedst?", []),
    "booking_contact_name": ("Hvem er kontaktperson?", []),
    "booking_contact": ("Hvilket telefonnummer eller hvilken e-mail kan vi bruge?", []),
    "booking_reference": ("Skriv dit referencenummer. Det ser sådan ud: HV-2026-4K7Q2M.", []),
    "complaint_kind": (
        "Hvad vil du klage over?",
        _buttons(
            "En afgørelse om at henlægge min sag", "En betjents opførsel", "Politiets service"
        ),
    ),
    "complaint_type": (
        "Hvad drejer din klage over service sig om?",
        _buttons(
            "Ventetid", "Uhøflig behandling", "Forkert information", "Ikke kontaktet", "Andet"
        ),
    ),
    "complaint_description": ("Skriv kort, hvad der skete. Skriv ikke dit CPR-nummer.", []),
    "rating_score": (
        "Hvor godt hjalp chatten dig? Giv en karakter fra 1 til 5, hvor 5 er bedst.",
        _rating_buttons(),
    ),
    "rating_comment": (
        "Vil du skrive en kommentar? Ellers skriv \"nej\".",
        _buttons("Nej tak"),
    ),
}

# A target set by the police district (knowledge/service_declaration/service_opfoelgning.yml),
# not a guarantee; whether a tryghedsopfølgning follows is the police's assessment (seed 2.1.3).
FOLLOWUP_CONFIRMED = (
    "Tak. Vi har sendt din anmodning videre. Vores mål er at ringe til dig senest den {deadline}. "
    "Målet sætter politikredsen selv. Du har ønsket {window}. "
    "Dit referencenummer er {reference}. Er det akut, så ring 112."
)
FOLLOWUP_CONFIRMED_NO_DATE = (
    "Tak. Vi har sendt din anmodning videre. Vi ringer til dig, så snart vi kan. "
    "Du har ønsket {window}. Dit referencenummer er {reference}. Er det akut, så ring 112."
)
BOOKING_CONFIRMED = (
    "Tak. Vi har modtaget din bestilling. Politiet vurderer den og kontakter dig. "
    "Dit referencenummer er {reference}. Med det kan du se status her i chatten."
)
REFERENCE_FORMAT_HELP = "Det ligner ikke et referencenummer. Det ser sådan ud: HV-2026-4K7Q2M."
BOOKING_STATUS = (
    "Bestilling {reference}: {status}. Modtaget den {received}. Sidst ændret den {changed}."
)
BOOKING_STATUS_PLANNED = (
    "Bestilling {reference}: {status} til den {planned}. Modtaget den {received}."
)
# A booking's status, by `OfficerBooking.status` (bot/requests/booking.py: status_text).
BOOKING_STATE_RECEIVED = "modtaget"
BOOKING_STATE_ASSESSING = "under vurdering"
BOOKING_STATE_PLANNED = "planlagt"
BOOKING_STATE_DECLINED = "afvist"
BOOKING_STATE_DONE = "gennemført"
BOOKING_STATE_CANCELLED = "annulleret"
BOOKING_NOT_FOUND = (
    "Jeg kan ikke finde en bestilling med nummeret {reference}. "
    "Tjek nummeret, eller ring til politiet på 114."
)
COMPLAINT_ROUTE_MISSING = (
    "Ring til politiet på 114. Så får du at vide, hvor og hvornår du kan klage."
)
COMPLAINT_REGISTERED = (
    "Tak. Din klage er registreret, og politikredsen ser på den. "
    "Dit referencenummer er {reference}."
)
COMPLAINT_ROUTE_DONE = "Er der andet, jeg kan hjælpe med?"
RATING_THANKS = "Tak for din vurdering. Den hjælper os med at blive bedre."
YOUR_REFERENCE = (
    "Dit referencenummer for denne henvendelse er {reference}. "
    "Skriv det ned, hvis du kontakter politiet om det."
)
REQUEST_FAILED = (
    "Beklager, det kunne jeg ikke gemme lige nu. Ring til politiet på 114. "
    "Er det akut, så ring 112."
)
