"""Danish calendar: public holidays, working days and Danish date wording.

The service declaration promises are counted in working days ("hverdage"), so a promise made
on a Friday before Easter must skip the weekend and the Easter holidays. Kept free of any
database or Rasa dependency so the handover's office hours and the promise dates agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# Store bededag stopped being a public holiday from 2024 (law adopted by Folketinget in 2023).
_LAST_YEAR_WITH_GREAT_PRAYER_DAY = 2023


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def danish_public_holidays(year: int) -> dict[date, str]:
    """The official Danish public holidays (helligdage) of a year, with their Danish names."""
    easter = easter_sunday(year)
    holidays = {
        date(year, 1, 1): "nytårsdag",
        easter - timedelta(days=3): "skærtorsdag",
        easter - timedelta(days=2): "langfredag",
        easter: "påskedag",
        easter + timedelta(days=1): "2. påskedag",
        easter + timedelta(days=39): "Kristi himmelfartsdag",
        easter + timedelta(days=49): "pinsedag",
        easter + timedelta(days=50): "2. pinsedag",
        date(year, 12, 25): "juledag",
        date(year, 12, 26): "2. juledag",
    }
    if year <= _LAST_YEAR_WITH_GREAT_PRAYER_DAY:
        holidays[easter + timedelta(days=26)] = "store bededag"
    return holidays


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


def local_now() -> datetime:
    return datetime.now(COPENHAGEN)


def format_date_da(day: date) -> str:
    """'26. november 2026': the form used in Danish letters and our confirmations."""
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def format_weekday_date_da(day: date) -> str:
    """'torsdag den 26. november 2026'."""
    return f"{WEEKDAYS_DA[day.weekday()]} den {format_date_da(day)}"
