"""One case file for the case-status tests: a dropped violence case with a hearing ahead."""

from __future__ import annotations

from datetime import date, datetime

from bot.cases.system import CaseRecord, ContactPerson, DecisionRecord, EventRecord

CASE = CaseRecord(
    journal_number="0100-80150-01234-26",
    police_district="Københavns Politi",
    offence_category="vold",
    current_step="henlaeggelse",
    reported_on=date(2026, 9, 1),
    contact=ContactPerson("Politiassistent Mette Holm", "12345678", "mh@politi.eksempel.dk"),
)
SECRET_EVENT = "Gerningsmanden er afhørt om overfaldet på Anne Jensen"
EVENTS = [EventRecord(date(2026, 9, 1), "anmeldelse", "Politiet har modtaget din anmeldelse."),
          EventRecord(date(2026, 10, 1), "efterforskning", SECRET_EVENT)]
DECISIONS = [
    DecisionRecord("charged", date(2026, 10, 2)),
    DecisionRecord("dropped", date(2026, 11, 1), notified_on=date(2026, 11, 3)),
    DecisionRecord("hearing", date(2026, 10, 5), court="Københavns Byret", place="Retssal 4",
                   scheduled_at=datetime(2026, 12, 3, 9, 30)),
]
TODAY = date(2026, 11, 25)
