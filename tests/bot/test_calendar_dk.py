"""Danish holidays, working days and date wording."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.easter import easter as easter_sunday

from bot.calendar_dk import add_working_days, danish_public_holidays, is_working_day
from bot.formats import format_date_da, format_weekday_date_da


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter_sunday_matches_the_calendar(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_public_holidays_of_2026_are_the_ten_danish_helligdage() -> None:
    assert sorted(danish_public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 5, 14),
        date(2026, 5, 24),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_store_bededag_is_a_holiday_until_2023_only() -> None:
    assert danish_public_holidays(2023)[date(2023, 5, 5)] == "store bededag"
    assert date(2024, 4, 26) not in danish_public_holidays(2024)


def test_weekends_holidays_and_closing_days_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 4, 6))  # 2. påskedag
    assert not is_working_day(date(2026, 12, 24))  # juleaftensdag
    assert is_working_day(date(2026, 12, 24), skip_closing_days=False)
    assert is_working_day(date(2026, 11, 23))


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 11, 20), 2, date(2026, 11, 24)),  # Friday -> Tuesday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 4, 1), 1, date(2026, 4, 7)),  # over Easter
        (date(2026, 12, 23), 2, date(2026, 12, 29)),  # over Christmas
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(
    start: date, count: int, expected: date
) -> None:
    assert add_working_days(start, count) == expected


def test_dates_are_written_the_danish_way() -> None:
    assert format_date_da(date(2026, 11, 26)) == "26. november 2026"
    assert format_weekday_date_da(date(2026, 11, 26)) == "torsdag den 26. november 2026"


def test_every_holiday_of_the_package_gets_our_danish_wording() -> None:
    ours = {"nytårsdag", "skærtorsdag", "langfredag", "påskedag", "2. påskedag",
            "store bededag", "Kristi himmelfartsdag", "pinsedag", "2. pinsedag", "juledag",
            "2. juledag"}
    for year in range(2015, 2036):
        assert set(danish_public_holidays(year).values()) <= ours
