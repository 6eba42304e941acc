"""When citizen advisors answer chats: weekly opening hours from settings, minus Danish public
holidays (computed from Easter in `bot.calendar_dk`, shared with the service promises) and the
configurable closed days (grundlovsdag, juleaften, any extra dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.calendar_dk import danish_public_holidays
from bot.settings import HandoverSettings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ENTRY = re.compile(r"^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})\s*$")


class OfficeHoursError(ValueError):
    """The office-hours configuration cannot be read."""


@dataclass(frozen=True)
class OpeningInterval:
    weekday: int  # Monday is 0, as in datetime.weekday()
    opens: time
    closes: time  # time(0, 0) after parsing "24:00" means end of day


@dataclass(frozen=True)
class OfficeHours:
    intervals: tuple[OpeningInterval, ...]
    zone: ZoneInfo
    closed_on_constitution_day: bool = True
    closed_on_christmas_eve: bool = True
    extra_closed_dates: frozenset[date] = frozenset()

    def closed_days(self, year: int) -> dict[date, str]:
        days = dict(danish_public_holidays(year))  # the shared dict is cached: copy it
        if self.closed_on_constitution_day:
            days[date(year, 6, 5)] = "grundlovsdag"
        if self.closed_on_christmas_eve:
            days[date(year, 12, 24)] = "juleaften"
        for extra in self.extra_closed_dates:
            if extra.year == year:
                days.setdefault(extra, "lukket")
        return days

    def is_open(self, at: datetime) -> bool:
        """True when an advisor is on duty at `at` (an aware datetime, any timezone)."""
        local = at.astimezone(self.zone)
        if local.date() in self.closed_days(local.year):
            return False
        clock = local.time().replace(tzinfo=None)
        return any(
            interval.weekday == local.weekday()
            and interval.opens <= clock
            and (clock < interval.closes or interval.closes == time(0, 0))
            for interval in self.intervals
        )

    def next_opening(self, at: datetime, horizon_days: int = 21) -> datetime | None:
        """The first moment after `at` the office is open; None if closed for the whole horizon."""
        local = at.astimezone(self.zone)
        if self.is_open(local):
            return local
        for offset in range(horizon_days + 1):
            day = local.date() + timedelta(days=offset)
            if day in self.closed_days(day.year):
                continue
            starts = sorted(i.opens for i in self.intervals if i.weekday == day.weekday())
            for opens in starts:
                candidate = datetime.combine(day, opens, tzinfo=self.zone)
                if candidate > local:
                    return candidate
        return None


def _weekday_index(name: str) -> int:
    try:
        return WEEKDAYS.index(name)
    except ValueError as exc:
        known = ", ".join(WEEKDAYS)
        raise OfficeHoursError(f"unknown weekday {name!r}; use one of {known}") from exc


def _clock(hours: str, minutes: str) -> time:
    h, m = int(hours), int(minutes)
    if (h, m) == (24, 0):
        return time(0, 0)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise OfficeHoursError(f"invalid time {hours}:{minutes}")
    return time(h, m)


def parse_office_hours(spec: str) -> tuple[OpeningInterval, ...]:
    """Parse e.g. "mon-thu 08:00-16:00; fri 08:00-15:00" (24:00 means midnight at day end)."""
    intervals: list[OpeningInterval] = []
    for entry in (part for part in spec.lower().split(";") if part.strip()):
        match = _ENTRY.match(entry)
        if match is None:
            raise OfficeHoursError(f"cannot read office hours entry {entry.strip()!r}")
        first, last, oh, om, ch, cm = match.groups()
        start, end = _weekday_index(first), _weekday_index(last or first)
        if end < start:
            raise OfficeHoursError(f"weekday range runs backwards in {entry.strip()!r}")
        opens, closes = _clock(oh, om), _clock(ch, cm)
        if closes != time(0, 0) and closes <= opens:
            raise OfficeHoursError(f"closing time is not after opening time in {entry.strip()!r}")
        intervals.extend(OpeningInterval(day, opens, closes) for day in range(start, end + 1))
    return tuple(intervals)


def office_hours_from_settings(settings: HandoverSettings) -> OfficeHours:
    try:
        extra = frozenset(date.fromisoformat(d) for d in settings.extra_closed_dates)
    except ValueError as exc:
        raise OfficeHoursError(f"BR_EXTRA_CLOSED_DATES must be YYYY-MM-DD dates: {exc}") from exc
    return OfficeHours(
        intervals=parse_office_hours(settings.office_hours),
        zone=ZoneInfo(settings.timezone),
        closed_on_constitution_day=settings.closed_on_constitution_day,
        closed_on_christmas_eve=settings.closed_on_christmas_eve,
        extra_closed_dates=extra,
    )
