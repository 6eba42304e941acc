"""CSV export of every dashboard chart: the numbers behind the picture, one row per bar.

Cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with a quote, since
category names are data and exports are opened in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from bot.dashboard.queries import (
    IN_PROGRESS,
    AdvisorWait,
    CallbackTimeliness,
    ComplaintCounts,
    InquiriesPerDay,
    OutcomeShares,
    Satisfaction,
)
from bot.models.inquiries import INQUIRY_OUTCOMES
from bot.models.requests import COMPLAINT_OUTCOMES, COMPLAINT_TYPES

CellValue = str | int | float | None


def _cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def inquiries_per_day_csv(data: InquiriesPerDay) -> str:
    return _csv(
        ("date", "category", "inquiries"),
        ((day.isoformat(), c, data.count(day, c)) for day in data.days for c in data.categories),
    )


def outcome_shares_csv(data: OutcomeShares) -> str:
    return _csv(
        ("outcome", "inquiries", "share"),
        ((o, data.counts.get(o, 0), data.share(o)) for o in (*INQUIRY_OUTCOMES, IN_PROGRESS)),
    )


def advisor_wait_csv(data: AdvisorWait) -> str:
    rows: list[Sequence[CellValue]] = [
        (
            day.isoformat(),
            data.median_by_day.get(day),
            data.p90_by_day.get(day),
        )
        for day in data.days
    ]
    rows.append(("all", data.median, data.p90))
    return _csv(("date", "median_wait_seconds", "p90_wait_seconds"), rows)


def callback_timeliness_csv(data: CallbackTimeliness) -> str:
    return _csv(
        ("status", "followups"),
        (
            ("on_time", data.on_time),
            ("late", data.late),
            ("overdue", data.overdue),
            ("pending", data.pending),
            ("without_promise", data.without_promise),
        ),
    )


def satisfaction_csv(data: Satisfaction) -> str:
    return _csv(("score", "ratings"), ((s, data.counts.get(s, 0)) for s in range(1, 6)))


def complaints_csv(data: ComplaintCounts) -> str:
    return _csv(
        ("complaint_type", "outcome", "complaints"),
        ((t, o, data.count(t, o)) for t in COMPLAINT_TYPES for o in COMPLAINT_OUTCOMES),
    )
