"""Journal numbers and receipt codes as citizens type them."""

from __future__ import annotations

import pytest

from bot.formats import normalise_journal_number, normalise_receipt_code


@pytest.mark.parametrize(
    "typed",
    ["0100-80150-01234-26", "0100 80150 01234 26", "0100801500123426",
     "journalnummer 0100-80150-01234-26 tak", "0100–80150–01234–26"],
)
def test_journal_numbers_are_found_in_what_citizens_type(typed: str) -> None:
    assert normalise_journal_number(typed) == "0100-80150-01234-26"


@pytest.mark.parametrize("typed", ["0100-80150-01234", "12-34", "hej", "00100-80150-01234-267"])
def test_non_journal_numbers_are_refused(typed: str) -> None:
    assert normalise_journal_number(typed) is None


def test_receipt_codes_accept_case_dash_and_spaces_but_not_look_alikes() -> None:
    assert normalise_receipt_code("k7qm-4tzp") == "K7QM4TZP"
    assert normalise_receipt_code(" K7QM 4TZP ") == "K7QM4TZP"
    assert normalise_receipt_code("K7QM-4TZ0") is None  # 0 is not in the alphabet
    assert normalise_receipt_code("K7QM-4TZ") is None
