"""Office hours: weekly hours from settings, Danish public holidays and configurable closed days."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_dk import danish_public_holidays
from bot.handover.office_hours import (
    OfficeHours,
    OfficeHoursError,
    office_hours_from_settings,
    parse_office_hours,
)
from bot.settings import HandoverSettings

CPH = ZoneInfo("Europe/Copenhagen")


def hours(**overrides: object) -> OfficeHours:
    return office_hours_from_settings(HandoverSettings(**overrides))  # type: ignore[arg-type]


def test_easter_holidays_2026_and_2027_are_closed() -> None:
    # Easter Sunday is 5 April 2026 and 28 March 2027.
    expected_2026 = {
        date(2026, 4, 2): "skærtorsdag",
        date(2026, 4, 3): "langfredag",
        date(2026, 4, 5): "påskedag",
        date(2026, 4, 6): "2. påskedag",
        date(2026, 5, 14): "Kristi himmelfartsdag",
        date(2026, 5, 24): "pinsedag",
        date(2026, 5, 25): "2. pinsedag",
    }
    holidays_2026 = danish_public_holidays(2026)
    for day, name in expected_2026.items():
        assert holidays_2026[day] == name
    office = hours()
    for day in (date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6),
                date(2027, 5, 17)):
        assert not office.is_open(datetime(day.year, day.month, day.day, 10, 0, tzinfo=CPH))


def test_store_bededag_is_closed_in_2023_but_a_working_day_from_2024() -> None:
    office = hours()
    assert not office.is_open(datetime(2023, 5, 5, 10, 0, tzinfo=CPH))  # store bededag 2023
    assert office.is_open(datetime(2024, 4, 26, 10, 0, tzinfo=CPH))  # would-be bededag 2024
    assert office.is_open(datetime(2026, 5, 1, 10, 0, tzinfo=CPH))  # would-be bededag 2026


def test_fixed_holidays_and_configurable_closed_days() -> None:
    office = hours()
    for day in (date(2026, 1, 1), date(2026, 12, 24), date(2026, 12, 25), date(2026, 6, 5)):
        assert not office.is_open(datetime(day.year, day.month, day.day, 10, 0, tzinfo=CPH)), day
    open_on_those_days = hours(closed_on_constitution_day=False, closed_on_christmas_eve=False)
    assert open_on_those_days.is_open(datetime(2026, 6, 5, 10, 0, tzinfo=CPH))  # a Friday
    assert open_on_those_days.is_open(datetime(2026, 12, 24, 10, 0, tzinfo=CPH))  # a Thursday
    extra = hours(extra_closed_dates=("2026-11-24",))
    assert not extra.is_open(datetime(2026, 11, 24, 10, 0, tzinfo=CPH))


def test_weekly_hours_boundaries_and_weekend() -> None:
    office = hours()  # mon-thu 08:00-16:00; fri 08:00-15:00
    assert office.is_open(datetime(2026, 11, 23, 8, 0, tzinfo=CPH))  # Monday at opening
    assert not office.is_open(datetime(2026, 11, 23, 7, 59, tzinfo=CPH))
    assert not office.is_open(datetime(2026, 11, 23, 16, 0, tzinfo=CPH))  # closing is exclusive
    assert office.is_open(datetime(2026, 11, 27, 14, 59, tzinfo=CPH))  # Friday
    assert not office.is_open(datetime(2026, 11, 27, 15, 0, tzinfo=CPH))
    assert not office.is_open(datetime(2026, 11, 28, 10, 0, tzinfo=CPH))  # Saturday


def test_local_time_is_used_whatever_the_timezone_of_the_input() -> None:
    office = hours()
    # 07:30 UTC on a winter Monday is 08:30 in Copenhagen.
    assert office.is_open(datetime(2026, 11, 23, 7, 30, tzinfo=timezone.utc))
    # 06:30 UTC in summer (CEST, UTC+2) is 08:30 in Copenhagen.
    assert office.is_open(datetime(2026, 6, 8, 6, 30, tzinfo=timezone.utc))


def test_next_opening_skips_the_easter_holidays() -> None:
    office = hours()
    # Wednesday 1 April 2026 after closing: Thursday to Monday are holidays or weekend.
    opening = office.next_opening(datetime(2026, 4, 1, 17, 0, tzinfo=CPH))
    assert opening == datetime(2026, 4, 7, 8, 0, tzinfo=CPH)


def test_round_the_clock_configuration_is_open_at_midnight() -> None:
    office = hours(office_hours="mon-sun 00:00-24:00", closed_on_christmas_eve=False)
    assert office.is_open(datetime(2026, 11, 28, 0, 0, tzinfo=CPH))
    assert office.is_open(datetime(2026, 11, 28, 23, 59, tzinfo=CPH))


@pytest.mark.parametrize(
    "spec",
    ["mon 16:00-08:00", "xyz 08:00-16:00", "fri-mon 08:00-16:00", "mon 8-16", "mon 25:00-26:00"],
)
def test_unreadable_office_hours_are_rejected(spec: str) -> None:
    with pytest.raises(OfficeHoursError):
        parse_office_hours(spec)
