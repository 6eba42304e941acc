"""Working days ("hverdage") for the service declaration's promises and the office hours.

The public holidays come from the maintained `holidays` package (Danish law changes, such as
store bededag ending after 2023, arrive with its updates); this module only names them the way
our citizen texts do, adds the days public offices customarily close, and counts working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# The package's Danish names, in the wording of our texts ("2. påskedag", lower case).
_HOLIDAY_NAMES_DA = {
    "Nytårsdag": "nytårsdag",
    "Skærtorsdag": "skærtorsdag",
    "Langfredag": "langfredag",
    "Påskedag": "påskedag",
    "Anden påskedag": "2. påskedag",
    "Store bededag": "store bededag",
    "Kristi himmelfartsdag": "Kristi himmelfartsdag",
    "Pinsedag": "pinsedag",
    "Anden pinsedag": "2. pinsedag",
    "Juledag": "juledag",
    "Anden juledag": "2. juledag",
}


@lru_cache(maxsize=64)
def danish_public_holidays(year: int) -> dict[date, str]:
    """The official Danish public holidays (helligdage) of a year, with their Danish names."""
    official = holidays.country_holidays("DK", years=year, language="da")
    return {day: _HOLIDAY_NAMES_DA.get(name, name) for day, name in sorted(official.items())}


@lru_cache(maxsize=64)
def _english_holiday_names(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("DK", years=year, language="en_US").items())


def public_holiday_name(day: date, language: str = "da") -> str | None:
    """The public holiday's name in the chat's language ("2. påskedag", "Easter Monday")."""
    danish = danish_public_holidays(day.year).get(day)
    if danish is None or language != "en":
        return danish
    return _english_holiday_names(day.year).get(day, danish)


@lru_cache(maxsize=64)
def customary_closing_days(year: int) -> dict[date, str]:
    """Days that are not public holidays but on which public offices customarily close.

    Grundlovsdag, juleaftensdag and nytårsaftensdag are days off in the state sector; whether
    a promise counts them is a choice of the service declaration, so they are kept apart.
    """
    return {
        date(year, 6, 5): "grundlovsdag",
        date(year, 12, 24): "juleaftensdag",
        date(year, 12, 31): "nytårsaftensdag",
    }


def is_working_day(day: date, *, skip_closing_days: bool = True) -> bool:
    """Monday to Friday, not a public holiday (nor, by default, a customary closing day)."""
    if day.weekday() >= 5 or day in danish_public_holidays(day.year):
        return False
    return not (skip_closing_days and day in customary_closing_days(day.year))


def add_working_days(start: date, count: int, *, skip_closing_days: bool = True) -> date:
    """The date `count` working days after `start` (the start day itself never counts)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, skip_closing_days=skip_closing_days):
            remaining -= 1
    return day
