"""The case status in English (issue #18): the same dates and rules, English words and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.cases.status import CaseFile, hearings_only, victim_status_text, witness_status_text
from bot.cases.system import DecisionRecord
from bot.settings import PROJECT_ROOT
from tests.cases.test_status import CASE, DECISIONS, EVENTS, TODAY


def test_victim_gets_the_same_deadlines_in_english(tmp_path: Path) -> None:
    text = victim_status_text(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=tmp_path, language="en")
    assert "Your case 0100-80150-01234-26 is now at this step: Case dropped." in text
    # Same legal rule as the Danish card: 4 weeks from the notification, 1 December 2026.
    assert "by 1 December 2026." in text
    assert "Apply by 1 November 2028" in text
    assert "on Thursday 3 December 2026 at 9:30 at Københavns Byret, Retssal 4." in text
    assert "Din sag" not in text and "senest den" not in text


def test_a_deadline_on_a_saturday_is_named_in_english(tmp_path: Path) -> None:
    saturday_drop = [DecisionRecord("dropped", date(2026, 11, 7))]
    text = victim_status_text(CaseFile(CASE, [], saturday_drop), role="victim", today=TODAY,
                              knowledge_dir=tmp_path, language="en")
    assert "by 5 December 2026" in text
    assert "that day is a Saturday" in text


def test_witness_card_in_english(tmp_path: Path) -> None:
    text = witness_status_text(CASE, hearings_only(DECISIONS), today=TODAY,
                               knowledge_dir=tmp_path, language="en")
    assert text.startswith("You are a witness in case 0100-80150-01234-26.")
    assert "Du er vidne" not in text


def test_step_explanations_come_from_the_english_knowledge_with_their_facts() -> None:
    text = victim_status_text(CaseFile(CASE, [], DECISIONS), role="victim", today=TODAY,
                              knowledge_dir=PROJECT_ROOT / "knowledge", language="en")
    assert "A dropped case (henlæggelse) means that the police stop the case." in text
    assert "within 4 weeks" in text and "{{" not in text
