"""CSV exports: one row per bar, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.dashboard import export, queries

DAYS = [date(2026, 11, 16), date(2026, 11, 17)]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_inquiries_per_day_has_a_row_per_day_and_category() -> None:
    data = queries.InquiriesPerDay(DAYS, ["case_status"], {(DAYS[0], "case_status"): 3})
    assert rows(export.inquiries_per_day_csv(data)) == [
        ["date", "category", "inquiries"],
        ["2026-11-16", "case_status", "3"],
        ["2026-11-17", "case_status", "0"],
    ]


def test_formula_like_cells_are_neutralised() -> None:
    data = queries.InquiriesPerDay(DAYS[:1], ["=HYPERLINK(1)"], {(DAYS[0], "=HYPERLINK(1)"): 1})
    assert rows(export.inquiries_per_day_csv(data))[1][1] == "'=HYPERLINK(1)"


def test_advisor_wait_ends_with_the_overall_figures() -> None:
    data = queries.AdvisorWait(DAYS, {DAYS[0]: 120.0}, {DAYS[0]: 600.0}, 120.0, 600.0, 2)
    assert rows(export.advisor_wait_csv(data)) == [
        ["date", "median_wait_seconds", "p90_wait_seconds"],
        ["2026-11-16", "120", "600"],
        ["2026-11-17", "", ""],
        ["all", "120", "600"],
    ]


def test_other_exports_cover_every_category() -> None:
    outcomes = rows(export.outcome_shares_csv(queries.OutcomeShares({"handed_over": 1})))
    assert ["handed_over", "1", "1"] in outcomes and len(outcomes) == 8
    callbacks = rows(export.callback_timeliness_csv(queries.CallbackTimeliness(3, 1, 2, 0)))
    assert callbacks[1:] == [
        ["on_time", "3"],
        ["late", "1"],
        ["overdue", "0"],
        ["pending", "2"],
        ["without_promise", "0"],
    ]
    ratings = rows(export.satisfaction_csv(queries.Satisfaction({5: 2})))
    assert ratings[-1] == ["5", "2"] and len(ratings) == 6
    complaints = rows(export.complaints_csv(queries.ComplaintCounts({("other", "upheld"): 1})))
    assert ["other", "upheld", "1"] in complaints and len(complaints) == 16
