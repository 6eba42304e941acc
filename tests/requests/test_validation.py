"""Danish input parsing for the request forms, including helpful rejections."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import COPENHAGEN
from bot.formats import JOURNAL_NUMBER_EXAMPLE
from bot.requests.complaint_kinds import parse_complaint_kind, parse_complaint_type
from bot.requests.validation import (
    InputRejected,
    TimeWindow,
    parse_contact,
    parse_danish_phone,
    parse_name,
    parse_optional_comment,
    parse_optional_journal_number,
    parse_rating,
    parse_time_window,
)

# Friday 20 November 2026, 09:30 in Copenhagen.
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    "raw", ["20 30 40 50", "20304050", "+45 20 30 40 50", "004520304050", "+4520-30-40-50"]
)
def test_danish_phone_numbers_are_normalised(raw: str) -> None:
    assert parse_danish_phone(raw) == "+45 20 30 40 50"


@pytest.mark.parametrize("raw", ["", "2030405", "203040506", "+46 20304050", "01234567", "abc"])
def test_bad_phone_numbers_get_a_danish_hint(raw: str) -> None:
    with pytest.raises(InputRejected, match="8 cifre"):
        parse_danish_phone(raw)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("i morgen mellem 10 og 12", (21, 10, 0), (21, 12, 0)),
        ("mandag formiddag", (23, 9, 0), (23, 12, 0)),
        ("25/11 kl 14-16", (25, 14, 0), (25, 16, 0)),
        ("25/11 kl. 14.30-16", (25, 14, 30), (25, 16, 0)),
        ("den 26. november kl 9-11", (26, 9, 0), (26, 11, 0)),
        ("i dag efter kl 15", (20, 15, 0), (20, 18, 0)),
        ("torsdag eftermiddag", (26, 12, 0), (26, 16, 0)),
        ("i overmorgen", (22, 8, 0), (22, 18, 0)),
        ("fredag kl 10", (27, 10, 0), (27, 11, 0)),
        ("1/12/2026 fra 9 til 11", (1, 9, 0), (1, 11, 0)),
    ],
)
def test_danish_time_windows_are_understood(
    text: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    window = parse_time_window(text, NOW)
    month = 12 if start[0] < 20 else 11
    assert window.start == datetime(2026, month, *start, tzinfo=COPENHAGEN)
    assert window.end == datetime(2026, month, *end, tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("mellem 10 og 12", "Hvilken dag"),
        ("næste uge engang", "Det forstod jeg ikke"),
        ("i dag kl 8-9", "allerede gået"),
        ("i morgen kl 2-4", "24-timers ur"),
        ("i morgen kl 16-14", "slutte efter"),
        ("31/2 kl 10-12", "Den dato findes ikke"),
        ("i morgen kl 25-26", "klokkeslæt findes ikke"),
        ("1/6/2027 kl 10-12", "60 dage"),
    ],
)
def test_unclear_time_windows_are_rejected_with_a_helpful_message(text: str, hint: str) -> None:
    with pytest.raises(InputRejected) as rejected:
        parse_time_window(text, NOW)
    assert hint in rejected.value.message


def test_a_date_already_passed_this_year_means_next_year() -> None:
    window = parse_time_window("2/1 kl 10-11", NOW)
    assert window.start.date().isoformat() == "2027-01-02"


def test_time_window_survives_the_slot_round_trip_and_reads_in_danish() -> None:
    window = parse_time_window("25/11 kl. 14.30-16", NOW)
    assert TimeWindow.from_slot(window.to_slot()) == window
    assert window.label() == "onsdag den 25. november 2026 kl. 14.30-16"


def test_names_lose_their_lead_in_and_digits_are_rejected() -> None:
    assert parse_name("Jeg hedder  Anne Hansen.") == "Anne Hansen"
    with pytest.raises(InputRejected):
        parse_name("20304050")


def test_journal_number_is_optional() -> None:
    assert parse_optional_journal_number("det er 1234-56789-01234-56") == "1234-56789-01234-56"
    assert parse_optional_journal_number("Nej tak") is None
    with pytest.raises(InputRejected, match=JOURNAL_NUMBER_EXAMPLE):
        parse_optional_journal_number("måske")


def test_contact_is_a_phone_or_an_e_mail() -> None:
    assert parse_contact("Formand@Forening.DK") == "formand@forening.dk"
    assert parse_contact("20 30 40 50") == "+45 20 30 40 50"
    with pytest.raises(InputRejected):
        parse_contact("ring til formanden")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("En afgørelse om at henlægge min sag", "decision"),
        ("En betjents opførsel", "conduct"),
        ("Politiets service", "service"),
    ],
)
def test_the_complaint_buttons_map_to_kinds(text: str, kind: str) -> None:
    assert parse_complaint_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "complaint_type"),
    [
        ("Ventetid", "waiting_time"),
        ("Uhøflig behandling", "rude_treatment"),
        ("Forkert information", "wrong_information"),
        ("Ikke kontaktet", "not_contacted"),
        ("Andet", "other"),
    ],
)
def test_the_complaint_type_buttons_map_to_types(text: str, complaint_type: str) -> None:
    assert parse_complaint_type(text) == complaint_type


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hvordan klager jeg over at min sag er henlagt", "decision"),
        ("jeg vil klage over afgoerelsen", "decision"),
        ("I want to complain about an officer who pushed me", "conduct"),
        ("nobody answered my email", "service"),
    ],
)
def test_a_typed_complaint_kind_is_read_without_danish_letters_and_in_english(
    text: str, kind: str
) -> None:
    assert parse_complaint_kind(text) == kind


def test_unknown_complaint_kind_asks_to_use_the_buttons() -> None:
    with pytest.raises(InputRejected, match="knapperne"):
        parse_complaint_kind("bananer")


def test_rating_and_optional_comment() -> None:
    assert parse_rating('/rate_chat{"rating": "4"}') == 4
    assert parse_rating("5 stjerner") == 5
    with pytest.raises(InputRejected):
        parse_rating("9")
    assert parse_optional_comment("nej tak") == ""
    assert parse_optional_comment(" Hurtigt  svar ") == "Hurtigt svar"


@pytest.mark.parametrize(("text", "label"), [
    ("formiddag", "formiddag kl. 8-12"),
    ("Eftermiddag", "eftermiddag kl. 12-16"),
    ("efter kl. 12", "kl. 12-18"),
    ("i morgen efter kl. 12", "i morgen kl. 12-18"),
    ("formiddag kl. 8-12", "formiddag kl. 8-12"),
    ("mandag kl 10-12", "mandag kl. 10-12"),
])
def test_call_back_times_are_read_into_a_short_label(text: str, label: str) -> None:
    from bot.requests.validation import parse_callback_window

    assert parse_callback_window(text) == label


@pytest.mark.parametrize("text", ["det handler om min sag om vold", "kl 3", "ja", ""])
def test_a_call_back_time_that_is_not_a_time_is_asked_again_with_an_example(text: str) -> None:
    from bot.requests.validation import InputRejected, parse_callback_window

    with pytest.raises(InputRejected, match="formiddag"):
        parse_callback_window(text)
