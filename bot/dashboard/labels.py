"""Danish labels of the codes shown on the dashboard and in the console (staff read Danish).

Codes stay in the database and the CSV exports; every page shows these labels instead.
"""

from __future__ import annotations

from bot.requests.complaints import COMPLAINT_TYPE_TEXT_DA

OUTCOME_TEXT_DA = {
    "answered_by_bot": "Besvaret af chatbotten",
    "handed_over": "Overdraget til rådgiver",
    "callback_booked": "Opringning bestilt",
    "officer_booked": "Betjent bestilt",
    "complaint_registered": "Klage registreret",
    "abandoned": "Afbrudt",
    "in_progress": "I gang",
}
COMPLAINT_OUTCOME_TEXT_DA = {
    "upheld": "Medhold",
    "not_upheld": "Ikke medhold",
    "pending": "Ikke afgjort",
}
TIMELINESS_TEXT_DA = {
    "on_time": "Ringet til rettidigt",
    "late": "Ringet for sent",
    "overdue": "Ikke ringet, frist overskredet",
    "pending": "Ikke ringet, frist ikke nået",
    "without_promise": "Uden lovet dato",
}
# An inquiry's topic: set by the case status (`case_status`), by an advisor closing a chat
# (the console's close categories), or a knowledge category; "ukendt" is the dashboard's
# name for an inquiry without one.
INQUIRY_CATEGORY_TEXT_DA = {
    "case_status": "Status på egen sag",
    "rights": "Rettigheder som offer eller vidne",
    "victim_rights": "Rettigheder som offer",
    "witness": "Vidne i en sag",
    "reporting": "Anmeldelse",
    "worried_citizen": "Bekymret borger",
    "book_officer": "Bestil en betjent",
    "complaint": "Klage",
    "sensitive": "Følsomt emne",
    "practical": "Praktisk spørgsmål",
    "other": "Andet",
    "case_step": "Sagens forløb",
    "complaint_route": "Klagemuligheder",
    "emergency_info": "Akut hjælp",
    "right": "Rettigheder",
    "self_service": "Selvbetjening",
    "service_declaration": "Servicedeklaration",
    "support": "Støtte og rådgivning",
    "ukendt": "Uden emne",
}
OTHER_CATEGORY_DA = "Andet emne"


def category_label(code: str | None) -> str:
    """The Danish name of an inquiry category; a code nobody named yet is "Andet emne"."""
    if not code:
        return INQUIRY_CATEGORY_TEXT_DA["ukendt"]
    return INQUIRY_CATEGORY_TEXT_DA.get(code, OTHER_CATEGORY_DA)


__all__ = [
    "COMPLAINT_OUTCOME_TEXT_DA",
    "COMPLAINT_TYPE_TEXT_DA",
    "INQUIRY_CATEGORY_TEXT_DA",
    "OUTCOME_TEXT_DA",
    "TIMELINESS_TEXT_DA",
    "category_label",
]
