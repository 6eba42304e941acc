"""The card keeps the rules of the old status text: what each party may see, the hearing
sentence, deadlines that fall on a non-working day, and the same facts in English."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bot.cases.card import card_fallback_text, victim_status_card, witness_status_card
from bot.cases.status import CaseFile, hearing_sentence, hearings_only
from bot.cases.system import DecisionRecord
from bot.settings import PROJECT_ROOT
from tests.cases.sample_case import CASE, DECISIONS, EVENTS, SECRET_EVENT, TODAY

KNOWLEDGE = PROJECT_ROOT / "knowledge"
SATURDAY_DROP = [DecisionRecord("dropped", date(2026, 11, 7))]


def _dates(card: object) -> dict[str, str]:
    assert isinstance(card, dict)
    return {row["label"]: f"{row['when']} {row['note']}" for row in card["dates"]}


def test_a_victim_sees_the_deadlines_the_hearing_and_the_contact(tmp_path: Path) -> None:
    # The complaint deadline counts from the notification, compensation from the decision.
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=tmp_path)
    assert card["summary"] == "Din sag 0100-80150-01234-26 er nu her: Henlæggelse."
    dates = _dates(card)
    assert "1. december 2026" in dates["Klagefrist"]
    assert "1. november 2028" in dates["Søg erstatning senest"]
    assert "3. november 2028" not in dates["Søg erstatning senest"]
    assert card["hearing"] == (
        "Retsmødet er torsdag den 3. december 2026 kl. 9.30 i Københavns Byret, Retssal 4.")
    assert "Politiassistent Mette Holm" in card["contact"] and "12345678" in card["contact"]


def test_a_complainant_gets_no_compensation_date(tmp_path: Path) -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="complainant",
                              today=TODAY, knowledge_dir=tmp_path)
    assert "Erstatningsnævnet" not in str(card) and "erstatning" not in str(card)
    assert "statsadvokaten" in " ".join(card["todo"])


def test_a_deadline_on_a_saturday_says_so_without_moving_it(tmp_path: Path) -> None:
    card = victim_status_card(CaseFile(CASE, [], SATURDAY_DROP), role="victim", today=TODAY,
                              knowledge_dir=tmp_path)
    complaint = _dates(card)["Klagefrist"]
    assert "5. december 2026" in complaint
    assert "den dag er en lørdag" in complaint


def test_a_witness_never_sees_victim_data_investigation_or_decisions(tmp_path: Path) -> None:
    for knowledge_dir in (tmp_path, KNOWLEDGE):
        card = witness_status_card(CASE, hearings_only(DECISIONS), today=TODAY,
                                   knowledge_dir=knowledge_dir)
        text = str(card) + card_fallback_text(card)
        assert "Retsmødet er torsdag den 3. december 2026 kl. 9.30" in card["hearing"]
        for victim_only in (SECRET_EVENT, "Anne Jensen", "statsadvokaten", "Erstatningsnævnet",
                            "Mette Holm", "12345678", "Henlæggelse", "sigtet"):
            assert victim_only not in text, (knowledge_dir, victim_only)
    card = witness_status_card(CASE, hearings_only(DECISIONS), today=TODAY,
                               knowledge_dir=tmp_path)
    assert "pligt til at møde i retten" in card["meaning"]


def test_a_witness_without_a_hearing_is_told_a_summons_will_come(tmp_path: Path) -> None:
    card = witness_status_card(CASE, [], today=TODAY, knowledge_dir=tmp_path)
    assert card["hearing"] == "" and card["dates"] == []
    assert "Der er endnu ikke fastsat et retsmøde" in card["summary"]
    assert "Der er endnu ikke fastsat et retsmøde" in card["todo"][0]


def test_a_victim_gets_the_same_dates_in_english(tmp_path: Path) -> None:
    card = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=tmp_path, language="en")
    assert card["summary"] == "Your case 0100-80150-01234-26 is now at this step: Case dropped."
    text = str(card)
    # Same legal rule as in Danish: 4 weeks from the notification, 1 December 2026.
    assert "1 December 2026" in text and "1 November 2028" in text
    assert ("on Thursday 3 December 2026 at 9:30 at Københavns Byret, courtroom 4 "
            '(the sign says "Retssal 4").') in card["hearing"]
    for danish in ("Din sag", "senest den", "Klagefrist", "Retsmødet"):
        assert danish not in text


def test_a_saturday_deadline_is_named_in_english(tmp_path: Path) -> None:
    card = victim_status_card(CaseFile(CASE, [], SATURDAY_DROP), role="victim", today=TODAY,
                              knowledge_dir=tmp_path, language="en")
    text = str(card)
    assert "5 December 2026" in text
    assert "that day is a Saturday" in text


def test_a_witness_card_in_english() -> None:
    card = witness_status_card(CASE, hearings_only(DECISIONS), today=TODAY,
                               knowledge_dir=KNOWLEDGE, language="en")
    assert card["summary"].startswith("You are a witness in case 0100-80150-01234-26.")
    assert "Du er vidne" not in str(card)


def test_the_step_is_explained_from_the_english_knowledge_with_its_facts() -> None:
    card = victim_status_card(CaseFile(CASE, [], DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=KNOWLEDGE, language="en")
    assert "A dropped case (henlæggelse) means that the police stop the case." in card["meaning"]
    assert "{{" not in str(card)


def test_an_english_reader_is_told_the_courtroom_and_the_sign_to_look_for() -> None:
    at = datetime(2026, 12, 3, 9, 30)
    room = DecisionRecord("hearing", date(2026, 11, 1), court="Retten i Aarhus", place="Retssal 12",
                          scheduled_at=at)
    other = DecisionRecord("hearing", date(2026, 11, 1), court="Retten i Aarhus", place="Lokale B",
                           scheduled_at=at)
    assert hearing_sentence(room, "en").endswith(
        'Retten i Aarhus, courtroom 12 (the sign says "Retssal 12").')
    assert hearing_sentence(room, "da").endswith("i Retten i Aarhus, Retssal 12.")
    # A place the case system names otherwise is passed on as it is.
    assert hearing_sentence(other, "en").endswith("at Retten i Aarhus, Lokale B.")
