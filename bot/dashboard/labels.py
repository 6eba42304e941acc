"""Danish labels of the codes shown on the dashboard (supervisors read Danish)."""

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
}

__all__ = [
    "COMPLAINT_OUTCOME_TEXT_DA",
    "COMPLAINT_TYPE_TEXT_DA",
    "OUTCOME_TEXT_DA",
    "TIMELINESS_TEXT_DA",
]
