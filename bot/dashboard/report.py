"""The supervisors' dashboard report for a range of days: every aggregate with its chart,
and each chart's data as CSV.

The console's dashboard page shows `dashboard_context(session, start, end)`, and a chart's
CSV download is `chart_csv(session, name, start, end)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bot.clock import local_now
from bot.dashboard import charts, export, queries, tables

MAX_RANGE_DAYS = 366
RANGE_BACKWARDS = "The end date is before the start date"
RANGE_TOO_LONG = f"The dashboard shows at most {MAX_RANGE_DAYS} days at a time"


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ValueError(RANGE_BACKWARDS)
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValueError(RANGE_TOO_LONG)


def dashboard_context(
    session: Session, start: date, end: date, *, today: date | None = None
) -> dict[str, Any]:
    """Every aggregate with its SVG and its table for the local days `start`..`end`."""
    _check_range(start, end)
    today = today or local_now().date()
    per_day = queries.inquiries_per_day(session, start, end)
    outcomes = queries.outcome_shares(session, start, end)
    wait = queries.advisor_wait(session, start, end)
    callbacks = queries.callback_timeliness(session, start, end, today)
    ratings = queries.satisfaction(session, start, end)
    complaints = queries.complaint_counts(session, start, end)
    return {
        "start": start,
        "end": end,
        "inquiries_per_day": per_day,
        "outcome_shares": outcomes,
        "advisor_wait": wait,
        "callback_timeliness": callbacks,
        "satisfaction": ratings,
        "complaints": complaints,
        "charts": {
            "inquiries_per_day": charts.render_inquiries_per_day_svg(per_day),
            "outcome_shares": charts.render_outcome_shares_svg(outcomes),
            "advisor_wait": charts.render_advisor_wait_svg(wait),
            "callback_timeliness": charts.render_callback_timeliness_svg(callbacks),
            "satisfaction": charts.render_satisfaction_svg(ratings),
            "complaints": charts.render_complaints_svg(complaints),
        },
        "tables": {
            "inquiries_per_day": tables.inquiries_per_day_table(per_day),
            "outcome_shares": tables.outcome_shares_table(outcomes),
            "advisor_wait": tables.advisor_wait_table(wait),
            "callback_timeliness": tables.callback_timeliness_table(callbacks),
            "satisfaction": tables.satisfaction_table(ratings),
            "complaints": tables.complaints_table(complaints),
        },
    }


ExportFunction = Callable[[Session, date, date], str]


def _today_callbacks_csv(session: Session, start: date, end: date) -> str:
    data = queries.callback_timeliness(session, start, end, local_now().date())
    return export.callback_timeliness_csv(data)


CHART_EXPORTS: dict[str, ExportFunction] = {
    "inquiries_per_day": lambda s, a, b: export.inquiries_per_day_csv(
        queries.inquiries_per_day(s, a, b)
    ),
    "outcome_shares": lambda s, a, b: export.outcome_shares_csv(queries.outcome_shares(s, a, b)),
    "advisor_wait": lambda s, a, b: export.advisor_wait_csv(queries.advisor_wait(s, a, b)),
    "callback_timeliness": _today_callbacks_csv,
    "satisfaction": lambda s, a, b: export.satisfaction_csv(queries.satisfaction(s, a, b)),
    "complaints": lambda s, a, b: export.complaints_csv(queries.complaint_counts(s, a, b)),
}


def chart_csv(session: Session, name: str, start: date, end: date) -> str:
    """The CSV export of one chart; raises KeyError for an unknown chart name."""
    _check_range(start, end)
    return CHART_EXPORTS[name](session, start, end)
