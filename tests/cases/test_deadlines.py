"""Deadline arithmetic: weeks, month ends, leap days, weekends and holidays."""

from __future__ import annotations

from datetime import date, datetime

from bot.cases.deadlines import (
    add_months,
    add_years,
    compensation_deadline,
    complaint_deadline,
    next_hearing,
    non_working_day_name,
)
from bot.cases.system import DecisionRecord
from bot.formats import format_date_da


def test_complaint_deadline_is_four_weeks_after_notification_as_in_the_issue_example() -> None:
    drop = DecisionRecord("dropped", date(2026, 11, 1), notified_on=date(2026, 11, 3))
    deadline = complaint_deadline([drop])
    assert deadline is not None
    assert deadline.due == date(2026, 12, 1)
    assert format_date_da(deadline.due) == "1. december 2026"
    assert deadline.from_notification


def test_complaint_deadline_counts_from_decision_when_notification_is_unknown() -> None:
    deadline = complaint_deadline([DecisionRecord("charge_dropped", date(2026, 1, 20))])
    assert deadline is not None
    assert deadline.due == date(2026, 2, 17)
    assert not deadline.from_notification


def test_complaint_deadline_uses_the_latest_drop_decision_and_crosses_the_year() -> None:
    deadline = complaint_deadline([
        DecisionRecord("dropped", date(2026, 3, 1)),
        DecisionRecord("charge_dropped", date(2026, 12, 10)),
    ])
    assert deadline is not None and deadline.due == date(2027, 1, 7)


def test_no_complaint_deadline_without_a_drop_decision() -> None:
    assert complaint_deadline([DecisionRecord("indicted", date(2026, 1, 1))]) is None


def test_month_arithmetic_clamps_to_the_last_day_of_shorter_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 31), 1) == date(2026, 9, 30)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_two_years_after_a_leap_day_ends_on_28_february() -> None:
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2026, 3, 15), 2) == date(2028, 3, 15)


def test_compensation_deadline_is_two_years_after_final_verdict() -> None:
    decisions = [
        DecisionRecord("verdict", date(2026, 6, 30), is_final=True),
        DecisionRecord("indicted", date(2026, 1, 5)),
    ]
    deadline = compensation_deadline(decisions)
    assert deadline is not None and deadline.due == date(2028, 6, 30)


def test_compensation_deadline_counts_from_a_decision_to_drop_the_case() -> None:
    deadline = compensation_deadline([DecisionRecord("dropped", date(2026, 11, 3))])
    assert deadline is not None and deadline.due == date(2028, 11, 3)


def test_no_compensation_deadline_while_the_case_is_open() -> None:
    assert compensation_deadline([DecisionRecord("verdict", date(2026, 6, 1))]) is None


def test_deadline_on_a_weekend_is_not_moved_but_named() -> None:
    # 4 weeks after Saturday 7 November 2026 is Saturday 5 December 2026.
    deadline = complaint_deadline([DecisionRecord("dropped", date(2026, 11, 7))])
    assert deadline is not None and deadline.due == date(2026, 12, 5)
    assert non_working_day_name(deadline.due) == "lørdag"
    assert non_working_day_name(date(2026, 12, 6)) == "søndag"


def test_public_holidays_are_named_and_ordinary_days_are_not() -> None:
    assert non_working_day_name(date(2026, 4, 6)) == "2. påskedag"
    assert non_working_day_name(date(2026, 12, 25)) == "juledag"
    assert non_working_day_name(date(2026, 12, 1)) is None


def test_next_hearing_is_the_first_from_today() -> None:
    past = DecisionRecord("hearing", date(2026, 1, 1), scheduled_at=datetime(2026, 2, 1, 9, 0))
    later = DecisionRecord("hearing", date(2026, 1, 1), scheduled_at=datetime(2027, 3, 1, 9, 0))
    soon = DecisionRecord("hearing", date(2026, 1, 1), scheduled_at=datetime(2026, 12, 2, 13, 30))
    assert next_hearing([past, later, soon], date(2026, 11, 25)) == soon
    assert next_hearing([past], date(2026, 11, 25)) is None


def test_a_non_working_day_is_named_in_english_for_an_english_chat() -> None:
    assert non_working_day_name(date(2026, 12, 5), "en") == "Saturday"
    assert non_working_day_name(date(2026, 4, 6), "en") == "Easter Monday"
    assert non_working_day_name(date(2026, 12, 25), "en") == "Christmas Day"
    assert non_working_day_name(date(2026, 12, 1), "en") is None
