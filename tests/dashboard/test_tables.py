"""Each chart's numbers as a table: the same figures, Danish labels and dates."""

from __future__ import annotations

from datetime import date

from bot.dashboard import queries, tables

DAYS = [date(2026, 11, 16), date(2026, 11, 17)]


def test_inquiries_per_day_has_a_row_per_day_and_a_column_per_category() -> None:
    data = queries.InquiriesPerDay(DAYS, ["case_status", "ukendt"],
                                   {(DAYS[0], "case_status"): 3, (DAYS[1], "ukendt"): 1})
    table = tables.inquiries_per_day_table(data)
    assert table.headers == ("Dag", "I alt", "Status på egen sag", "Uden emne")
    assert table.rows == [("16. november 2026", "3", "3", "0"),
                          ("17. november 2026", "1", "0", "1")]


def test_advisor_wait_in_danish_minutes_with_the_whole_period_last() -> None:
    data = queries.AdvisorWait(DAYS, {DAYS[0]: 90.0}, {DAYS[0]: 600.0}, 90.0, 600.0, 2)
    table = tables.advisor_wait_table(data)
    assert table.rows == [("16. november 2026", "1,5", "10"), ("17. november 2026", "–", "–"),
                          ("Hele perioden", "1,5", "10")]


def test_outcomes_callbacks_ratings_and_complaints_use_danish_labels() -> None:
    outcomes = tables.outcome_shares_table(queries.OutcomeShares({"answered_by_bot": 3,
                                                                  "handed_over": 1}))
    assert ("Besvaret af chatbotten", "3", "75 %") in outcomes.rows
    callbacks = tables.callback_timeliness_table(queries.CallbackTimeliness(8, 1, 0, 1))
    assert callbacks.rows[0] == ("Ringet til rettidigt", "8")
    ratings = tables.satisfaction_table(queries.Satisfaction({4: 2}))
    assert ratings.rows[3] == ("4", "2")
    complaints = tables.complaints_table(queries.ComplaintCounts({("waiting_time", "upheld"): 2}))
    assert set(complaints.headers[1:]) == {"Medhold", "Ikke medhold", "Ikke afgjort"}
    assert all("_" not in cell for row in complaints.rows for cell in row)
