"""The status card in an English chat (issue #18): its headings and the contact's rank."""

from __future__ import annotations

from bot.cases.card import victim_status_card
from bot.cases.status import CaseFile
from bot.requests.booking import STATUS_TEXT_DA, status_text
from bot.settings import PROJECT_ROOT
from tests.bot.test_citizen_text_homes import looks_danish
from tests.cases.sample_case import CASE, DECISIONS, EVENTS, TODAY

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def test_the_english_card_brings_its_own_english_headings() -> None:
    english = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                                 knowledge_dir=KNOWLEDGE, language="en")
    danish = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                                knowledge_dir=KNOWLEDGE)
    assert english["labels"]["where"] == "This is where your case is now"
    assert english["labels"]["dates"] == "Dates and deadlines"
    assert danish["labels"]["where"] == "Her er din sag nu"
    assert set(english["labels"]) == set(danish["labels"])
    assert not any(looks_danish(label) for label in english["labels"].values())


def test_the_contact_persons_rank_is_said_in_english() -> None:
    english = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                                 knowledge_dir=KNOWLEDGE, language="en")
    danish = victim_status_card(CaseFile(CASE, EVENTS, DECISIONS), role="victim", today=TODAY,
                                knowledge_dir=KNOWLEDGE)
    assert english["contact"].startswith("Your contact person is police officer Mette Holm.")
    assert "Politiassistent Mette Holm" in danish["contact"]


def test_booking_status_words_in_both_languages() -> None:
    assert status_text("assessing", "en") == "being assessed"
    assert status_text("assessing") == STATUS_TEXT_DA["assessing"] == "under vurdering"
    assert status_text("done", "en") == "done" and STATUS_TEXT_DA["done"] == "gennemført"
