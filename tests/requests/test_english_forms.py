"""Forms in English (issue #18): English answers reach the Danish rules, help comes in English."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.i18n import localized
from bot.requests import texts
from bot.requests.english import FALLBACK, danish_input, english_message
from bot.requests.validation import (
    InputRejected,
    parse_optional_journal_number,
    parse_time_window,
)

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # Tuesday


def test_an_english_call_window_is_read_by_the_same_rules() -> None:
    window = parse_time_window(danish_input("tomorrow between 10 and 12"), NOW)
    assert window.label() == "onsdag den 2. december 2026 kl. 10-12"
    assert window.label_in("en") == "Wednesday 2 December 2026 at 10:00-12:00"
    assert parse_time_window(danish_input("Monday 2pm-4pm"), NOW).start.hour == 14


def test_no_case_number_in_english() -> None:
    assert parse_optional_journal_number(danish_input("no")) is None
    assert parse_optional_journal_number(danish_input("I don't have one")) is None


@pytest.mark.parametrize("answer", ["whenever you like", "yesterday morning"])
def test_rejections_are_explained_in_english(answer: str) -> None:
    with pytest.raises(InputRejected) as rejected:
        parse_time_window(danish_input(answer), NOW)
    english = english_message(rejected.value.message)
    assert english != FALLBACK
    assert "Skriv" not in english and "tomorrow between 10 and 12" in english


def test_every_form_question_has_english_with_the_danish_payloads() -> None:
    english = localized(texts, "en").ASK
    assert set(english) == set(texts.ASK)
    for slot, (question, buttons) in english.items():
        assert question and question != texts.ASK[slot][0]
        assert [b["payload"] for b in buttons] == [b["payload"] for b in texts.ASK[slot][1]]
