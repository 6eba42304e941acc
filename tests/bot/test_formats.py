"""Danish formats as citizens type them, including the cases where the old copies disagreed."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from bot.formats import (
    CODE_ALPHABET,
    EMAIL_IN_TEXT_PATTERN,
    JOURNAL_NUMBER_EXAMPLE,
    JOURNAL_NUMBER_PATTERN,
    PHONE_IN_TEXT_PATTERN,
    fold_danish_letters,
    format_clock_da,
    format_date_da,
    format_receipt_code,
    format_weekday_date_da,
    is_email,
    journal_number_shape_da,
    mixes_letters_and_digits,
    normalise_danish_phone,
    normalise_journal_number,
    normalise_receipt_code,
)
from bot.settings import PROJECT_ROOT

# --- journal numbers ---------------------------------------------------------------------------


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


def test_a_journal_number_has_sixteen_digits_grouped_four_five_five_two() -> None:
    assert journal_number_shape_da() == "16 cifre i fire grupper (4, 5, 5 og 2)"
    assert [len(group) for group in JOURNAL_NUMBER_EXAMPLE.split("-")] == [4, 5, 5, 2]
    assert normalise_journal_number(JOURNAL_NUMBER_EXAMPLE) == JOURNAL_NUMBER_EXAMPLE


def test_the_nlu_regex_is_the_one_journal_number_pattern() -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    features = load_data(str(PROJECT_ROOT / "data" / "nlu" / "regex.yml")).regex_features
    assert features == [{"name": "journal_number", "pattern": JOURNAL_NUMBER_PATTERN}]


@pytest.mark.parametrize(
    "text", ["sag 0100 80150 01234 26 tak", "sag 0100801500123426", "sag 0100-80150-01234-26"]
)
def test_the_nlu_regex_finds_every_tolerated_spelling(text: str) -> None:
    (match,) = re.finditer(JOURNAL_NUMBER_PATTERN, text)
    assert normalise_journal_number(match.group(0)) == "0100-80150-01234-26"


# --- phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["20 30 40 50", "20304050", "+45 20 30 40 50", "004520304050", "+4520-30-40-50",
     "2030 4050", "20.30.40.50", "(+45) 20 30 40 50"],
)
def test_danish_phone_numbers_are_stored_in_one_form(typed: str) -> None:
    assert normalise_danish_phone(typed) == "+45 20 30 40 50"


@pytest.mark.parametrize(
    "typed",
    # Before issue 16 the call-back form stored "12345678"; no subscriber number starts with 1
    # or 0, so the follow-up form's stricter rule is the one for every form now.
    ["12 34 56 78", "01234567", "2030405", "203040506", "+46 20304050", "45 20304050", "", "abc"],
)
def test_what_is_no_danish_subscriber_number_is_refused(typed: str) -> None:
    assert normalise_danish_phone(typed) is None


@pytest.mark.parametrize(
    "typed", ["20 30 40 50", "20304050", "+45 20 30 40 50", "0045 2030 4050", "20-30-40-50",
              "20.30.40.50", "12345678"],
)
def test_masking_recognises_every_phone_number_the_forms_accept_and_more(typed: str) -> None:
    assert re.search(PHONE_IN_TEXT_PATTERN, f"ring {typed} tak") is not None


@pytest.mark.parametrize("text", ["den 26.11.2026", "kl. 10.30-12.30", "2000 kr."])
def test_dates_times_and_amounts_are_no_phone_numbers(text: str) -> None:
    assert re.search(PHONE_IN_TEXT_PATTERN, text) is None


# --- receipt codes -----------------------------------------------------------------------------


def test_receipt_codes_accept_case_dash_and_spaces_but_not_look_alikes() -> None:
    assert normalise_receipt_code("k7qm-4tzp") == "K7QM4TZP"
    assert normalise_receipt_code(" K7QM 4TZP ") == "K7QM4TZP"
    assert normalise_receipt_code("K7QM-4TZ0") is None  # 0 is not in the alphabet
    assert normalise_receipt_code("K7QM-4TZ") is None


def test_receipt_codes_are_printed_in_two_halves() -> None:
    assert format_receipt_code("K7QM4TZP") == "K7QM-4TZP"


def test_the_code_alphabet_has_no_look_alikes() -> None:
    assert not set("01ILO") & set(CODE_ALPHABET)


@pytest.mark.parametrize(("token", "mixed"), [("K7QM4TZP", True), ("HJEMMEME", False),
                                               ("2345678A", False)])
def test_codes_mix_at_least_two_letters_and_two_digits(token: str, mixed: bool) -> None:
    assert mixes_letters_and_digits(token) is mixed


# --- e-mail addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "valid"), [
    ("anne.hansen@example.dk", True), ("formand+klub@mail.forening.dk", True),
    ("anne@example", False), ("anne@mail..dk", False), ("anne hansen@example.dk", False),
    ("a@" + "b" * 250 + ".dk", False),
])
def test_an_e_mail_address_is_checked_against_one_pattern(text: str, valid: bool) -> None:
    assert is_email(text) is valid


def test_masking_recognises_even_malformed_addresses() -> None:
    assert re.search(EMAIL_IN_TEXT_PATTERN, "skriv til anne@mail..dk") is not None


# --- dates and times ---------------------------------------------------------------------------


def test_dates_are_written_the_danish_way() -> None:
    assert format_date_da(date(2026, 12, 19)) == "19. december 2026"
    assert format_weekday_date_da(date(2026, 12, 19)) == "lørdag den 19. december 2026"


@pytest.mark.parametrize(("moment", "short", "expected"), [
    (time(9, 30), False, "9.30"), (time(8, 0), False, "8.00"), (time(10, 0), True, "10"),
    (datetime(2026, 12, 19, 14, 5), True, "14.05"),
])
def test_clock_times_use_a_dot(moment: time | datetime, short: bool, expected: str) -> None:
    assert format_clock_da(moment, whole_hours_short=short) == expected


# --- Danish letters ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["HJÆLP", "hjælp", "hjaelp"])
def test_danish_letters_fold_to_one_spelling(text: str) -> None:
    assert fold_danish_letters(text) == "hjaelp"


def test_folding_spells_out_every_danish_letter() -> None:
    assert fold_danish_letters("Ærø, Åbenrå og Søndergård, café, Müller") == (
        "aeroe, aabenraa og soendergaard, cafe, muller"
    )
