"""Danish words for every code the console shows: advisors never read a slug, an ISO
timestamp or an English status. Codes stay in the database; these are only the screen's words.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.clock import COPENHAGEN, as_utc
from bot.formats import format_clock_da, format_date_da
from bot.handover import context as ctx
from bot.models.handover import (
    CALLBACK_DONE,
    CALLBACK_OPEN,
    STATUS_ACTIVE,
    STATUS_CALLBACK_OFFERED,
    STATUS_CLOSED,
    STATUS_HANDED_BACK,
    STATUS_WAITING,
)

HANDOVER_STATUS_DA = {
    STATUS_WAITING: "Venter på en rådgiver",
    STATUS_ACTIVE: "I gang",
    STATUS_CALLBACK_OFFERED: "Tilbudt opringning",
    STATUS_HANDED_BACK: "Givet tilbage til chatbotten",
    STATUS_CLOSED: "Afsluttet",
}
CALLBACK_STATUS_DA = {CALLBACK_OPEN: "Skal ringes op", CALLBACK_DONE: "Ringet op"}
SENDER_DA = {"citizen": "Borger", "bot": "Chatbot", "advisor": "Rådgiver", "system": "System"}
LANGUAGE_DA = {"da": "Dansk", "en": "Engelsk"}
URGENCY_DA = {ctx.URGENT: "Haster", ctx.NORMAL: "Normal"}
PARTY_ROLE_DA = {"victim": "Forurettet", "witness": "Vidne", "complainant": "Anmelder"}
VERIFICATION_METHOD_DA = {"mitid": "MitID", "receipt_code": "kvitteringskode"}
CHANNEL_DA = {"web": "Chat på hjemmesiden", "phone": "Telefon", "other": "Andet"}
DEADLINE_DA = {
    "complaint_statsadvokat": "Klage til Statsadvokaten",
    "compensation_application": "Ansøgning om erstatning",
    "next_hearing": "Næste retsmøde",
}
OFFENCE_DA = {
    "vold": "Vold",
    "indbrud": "Indbrud",
    "tyveri": "Tyveri",
    "bedrageri": "Bedrageri",
    "trusler": "Trusler",
    "haervaerk": "Hærværk",
    "roeveri": "Røveri",
    "seksualforbrydelse": "Seksualforbrydelse",
    "stalking": "Stalking",
}
# What the bot understood a message as; the knowledge base's own intents (kb_<id>) are named
# by their entry's title instead (`packet_view`).
INTENT_DA = {
    "affirm": "Ja",
    "deny": "Nej",
    "greet": "Hilsen",
    "goodbye": "Farvel",
    "thank": "Tak",
    "ask_booking_status": "Spørger til en bestilt betjent",
    "ask_capabilities": "Hvad kan chatten",
    "ask_case_status": "Status på egen sag",
    "ask_more": "Vil vide mere",
    "ask_reference": "Spørger om referencenummer",
    "ask_source": "Spørger om kilden",
    "book_officer": "Bestil en betjent",
    "complain": "Vil klage",
    "emergency": "Akut situation",
    "give_code": "Kvitteringskode",
    "give_journal_number": "Journalnummer",
    "out_of_scope": "Uden for chattens område",
    "rate_chat": "Bedømmer chatten",
    "request_callback": "Vil ringes op",
    "request_followup": "Vil have opfølgning",
    "request_human": "Vil tale med en person",
    "nlu_fallback": "Ikke forstået",
    "sensitive_close_relationship_violence": "Vold i en nær relation",
    "sensitive_sexual_offence": "Seksuelt overgreb",
    "sensitive_threats": "Trusler",
    "sensitive_suicidal_thoughts": "Tanker om selvmord",
}
AUDIT_ACTION_DA = {
    "login": "Loggede ind",
    "login_failed": "Forkert login",
    "open_handover_context": "Åbnede en sagspakke",
    "open_callback_context": "Åbnede en opringning",
    "transfer_handover": "Overdrog en samtale",
    "inquiry_opened": "Åbnede en henvendelse",
    "followup_attempt_recorded": "Registrerede et opfølgningsforsøg",
    "booking_status_changed": "Ændrede status på en bestilling",
}
AUDIT_SUBJECT_DA = {
    "handover": "Samtale",
    "callback": "Opringning",
    "advisor": "Rådgiver",
    "inquiry": "Henvendelse",
    "followup_request": "Opfølgning",
    "officer_booking": "Bestilling",
}


def label(words: dict[str, str], code: object, unknown: str = "Ukendt") -> str:
    """The Danish word for a code; a code without one shows as `unknown`, never as itself."""
    return words.get(str(code), unknown) if code is not None else unknown


def local_datetime_da(moment: datetime | None, *, today: date | None = None) -> str:
    """'16. november 2026 kl. 14.05' in Danish time; only 'kl. 14.05' for a time today."""
    if moment is None:
        return ""
    local = as_utc(moment).astimezone(COPENHAGEN)
    if today is not None and local.date() == today:
        return f"kl. {format_clock_da(local)}"
    return f"{format_date_da(local.date())} kl. {format_clock_da(local)}"


def local_window_da(start: datetime, end: datetime) -> str:
    """'16. november 2026 kl. 9.00-11.00': a call-back window on one day."""
    return f"{local_datetime_da(start)}-{format_clock_da(as_utc(end).astimezone(COPENHAGEN))}"


def parse_moment(raw: str | None) -> datetime | None:
    """A stored ISO date-time (of a packet or transcript line) back as a datetime."""
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def days_left_da(due: date, today: date) -> str:
    """'om 12 dage', 'i morgen', 'i dag', 'i går', 'for 3 dage siden'."""
    days = (due - today).days
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgen"
    if days == -1:
        return "i går"
    return f"om {days} dage" if days > 0 else f"for {-days} dage siden"
