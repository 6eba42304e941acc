"""The status texts: victims get deadlines and contact; witnesses get only witness matters."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bot.cases.status import CaseFile, hearings_only, victim_status_text, witness_status_text
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


def test_victim_gets_the_complaint_deadline_as_a_danish_date(tmp_path: Path) -> None:
    text = victim_status_text(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=tmp_path)
    assert "Din sag 0100-80150-01234-26 er nu her: Henlæggelse." in text
    assert "Du kan klage til statsadvokaten senest den 1. december 2026." in text
    assert "søge erstatning hos Erstatningsnævnet. Søg senest den 3. november 2028" not in text
    assert "Søg senest den 1. november 2028" in text
    assert "Retsmødet er torsdag den 3. december 2026 kl. 9.30 i Københavns Byret, Retssal 4." \
        in text
    assert "Politiassistent Mette Holm" in text and "12345678" in text
    assert SECRET_EVENT in text


def test_complainant_gets_no_compensation_line(tmp_path: Path) -> None:
    text = victim_status_text(CaseFile(CASE, EVENTS, DECISIONS), role="complainant",
                              today=TODAY, knowledge_dir=tmp_path)
    assert "Erstatningsnævnet" not in text
    assert "statsadvokaten" in text


def test_deadline_on_a_saturday_says_so_without_moving_it(tmp_path: Path) -> None:
    saturday_drop = [DecisionRecord("dropped", date(2026, 11, 7))]
    text = victim_status_text(CaseFile(CASE, [], saturday_drop), role="victim", today=TODAY,
                              knowledge_dir=tmp_path)
    assert "senest den 5. december 2026" in text
    assert "den dag er en lørdag" in text


def test_witness_never_sees_victim_data_investigation_or_decisions(tmp_path: Path) -> None:
    text = witness_status_text(CASE, hearings_only(DECISIONS), today=TODAY,
                               knowledge_dir=tmp_path)
    assert "Retsmødet er torsdag den 3. december 2026 kl. 9.30" in text
    assert "pligt til at møde i retten" in text and "godtgørelse" in text
    for victim_only in (SECRET_EVENT, "Anne Jensen", "statsadvokaten", "Erstatningsnævnet",
                        "Mette Holm", "henlæg", "Henlæggelse", "sigtet"):
        assert victim_only not in text


def test_witness_without_a_hearing_is_told_a_summons_will_come(tmp_path: Path) -> None:
    text = witness_status_text(CASE, [], today=TODAY, knowledge_dir=tmp_path)
    assert "Der er endnu ikke fastsat et retsmøde" in text
