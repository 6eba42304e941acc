"""Danish texts the citizen sees from the handover side (pushed through the gateway's hub).

The bot's own handover answers are domain responses (domain/handover.yml); these are the
messages the console sends while the bot is silent.
"""

from __future__ import annotations

QUEUE_PLACE = "Du er nummer {position} i køen. Du venter cirka {minutes} minutter."
ADVISOR_JOINED = "En borgerrådgiver har overtaget samtalen og skriver til dig om lidt."
ADVISOR_CHANGED = "En anden borgerrådgiver overtager nu samtalen."
HANDED_BACK = (
    "Borgerrådgiveren har afsluttet samtalen. Du skriver nu med den digitale rådgiver igen. "
    "Skriv bare dit næste spørgsmål."
)
CLOSED = "Borgerrådgiveren har afsluttet samtalen. Tak fordi du skrev."
NO_ADVISOR_CALLBACK_OFFER = (
    "Der er desværre ingen borgerrådgiver ledig lige nu. Vil du hellere ringes op? "
    "Så skal jeg bruge dit telefonnummer og et tidspunkt, der passer dig."
)
CALLBACK_BUTTON_YES = "Ja, ring mig op"
CALLBACK_BUTTON_NO = "Nej tak"


def queue_place(position: int, minutes: int) -> str:
    return QUEUE_PLACE.format(position=position, minutes=minutes)
