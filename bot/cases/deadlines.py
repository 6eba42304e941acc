"""Deadlines computed from a case's own dates, stated as Danish dates.

Rules used (and nothing more):
- Complaint to the Statsadvokat about a decision to drop the case (henlæggelse or
  påtaleopgivelse): 4 weeks after the citizen was told of the decision. When we do not know
  the day of notification we count from the decision date, which is never later.
- Application to Erstatningsnævnet: 2 years after the final judgment, or after the police's
  decision to close the case (Civilstyrelsen, offererstatningsloven § 13).
- A deadline that ends on a weekend or public holiday is NOT moved: we are not certain every
  one of these deadlines moves to the next working day, so we show the computed day, say
  "senest" and warn that it is not a working day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.calendar_dk import public_holiday_name
from bot.cases.system import DecisionRecord
from bot.formats import WEEKDAYS_DA, WEEKDAYS_EN

COMPLAINT_WEEKS = 4
COMPENSATION_YEARS = 2
DROP_DECISIONS = ("dropped", "charge_dropped")


@dataclass(frozen=True)
class Deadline:
    kind: str  # "complaint_statsadvokat" | "compensation_application"
    due: date
    # The day the period starts from and whether that is the notification day.
    counted_from: date
    from_notification: bool


def add_weeks(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def add_months(start: date, months: int) -> date:
    """Same day number `months` later; a day the month lacks becomes its last day.

    31 January + 1 month = 28 (or 29) February; 29 February 2024 + 24 months = 28 February 2026.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


def non_working_day_name(day: date, language: str = "da") -> str | None:
    """'lørdag', 'søndag' or the holiday's name ('2. påskedag'), in the chat's language
    ('Saturday', 'Easter Monday'); None on a working day."""
    holiday = public_holiday_name(day, language)
    if holiday:
        return holiday
    if day.weekday() >= 5:
        return (WEEKDAYS_EN if language == "en" else WEEKDAYS_DA)[day.weekday()]
    return None


def _latest(decisions: Iterable[DecisionRecord], kinds: Sequence[str]) -> DecisionRecord | None:
    matching = [d for d in decisions if d.kind in kinds]
    return max(matching, key=lambda d: d.decided_on) if matching else None


def complaint_deadline(decisions: Sequence[DecisionRecord]) -> Deadline | None:
    """The complaint deadline of the latest decision to drop the case, if there is one."""
    drop = _latest(decisions, DROP_DECISIONS)
    if drop is None:
        return None
    start = drop.notified_on or drop.decided_on
    return Deadline(
        kind="complaint_statsadvokat",
        due=add_weeks(start, COMPLAINT_WEEKS),
        counted_from=start,
        from_notification=drop.notified_on is not None,
    )


def compensation_deadline(decisions: Sequence[DecisionRecord]) -> Deadline | None:
    """Last day to apply to Erstatningsnævnet; None until the case is closed.

    Closed means a final judgment or a decision to drop the case (which may still be appealed
    to the Statsadvokat; then the deadline is counted again from the new decision).
    """
    finals = [d for d in decisions if d.is_final or d.kind in DROP_DECISIONS]
    if not finals:
        return None
    final = max(finals, key=lambda d: d.decided_on)
    return Deadline(
        kind="compensation_application",
        due=add_years(final.decided_on, COMPENSATION_YEARS),
        counted_from=final.decided_on,
        from_notification=False,
    )


def next_hearing(decisions: Sequence[DecisionRecord], today: date) -> DecisionRecord | None:
    """The first hearing from today on."""
    upcoming = [
        d
        for d in decisions
        if d.kind == "hearing" and d.scheduled_at is not None and d.scheduled_at.date() >= today
    ]
    return min(upcoming, key=lambda d: d.scheduled_at or datetime.max) if upcoming else None


__all__ = [
    "Deadline",
    "add_months",
    "add_weeks",
    "add_years",
    "compensation_deadline",
    "complaint_deadline",
    "next_hearing",
    "non_working_day_name",
]
