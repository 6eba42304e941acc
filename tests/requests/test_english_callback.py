"""A call-back time in an English chat (issue #18): read by the Danish rules, said in English."""

from __future__ import annotations

import pytest

from bot.requests.english import danish_input, english_window
from bot.requests.validation import parse_callback_window


@pytest.mark.parametrize(
    ("typed", "stored", "said"),
    [
        ("tomorrow morning", "i morgen formiddag kl. 8-12", "tomorrow morning 8:00-12:00"),
        ("Monday afternoon", "mandag eftermiddag kl. 12-16", "Monday afternoon 12:00-16:00"),
        ("today between 9 and 11", "i dag kl. 9-11", "today 9:00-11:00"),
    ],
)
def test_an_english_call_back_time_is_stored_for_advisors_and_said_in_english(
    typed: str, stored: str, said: str
) -> None:
    assert parse_callback_window(danish_input(typed)) == stored
    assert english_window(stored) == said


def test_the_buttons_danish_payload_is_said_in_english() -> None:
    # utter_ask_callback_window's buttons carry Danish payloads in both languages.
    assert english_window("formiddag kl. 8-12") == "morning 8:00-12:00"
    assert english_window("onsdag kl. 9.30-11") == "Wednesday 9:30-11:00"
