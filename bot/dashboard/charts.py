"""The six dashboard charts as SVG strings: pure functions of the aggregates."""

from __future__ import annotations

import math
from datetime import date

from bot.dashboard.labels import (
    COMPLAINT_OUTCOME_TEXT_DA,
    COMPLAINT_TYPE_TEXT_DA,
    OUTCOME_TEXT_DA,
    TIMELINESS_TEXT_DA,
    category_label,
)
from bot.dashboard.queries import (
    IN_PROGRESS,
    AdvisorWait,
    CallbackTimeliness,
    ComplaintCounts,
    InquiriesPerDay,
    OutcomeShares,
    Satisfaction,
)
from bot.dashboard.svg import Series, horizontal_bars, line_chart, plain_number, stacked_bars
from bot.models.inquiries import INQUIRY_OUTCOMES
from bot.models.requests import COMPLAINT_OUTCOMES, COMPLAINT_TYPES

OUTCOME_COLORS = {
    "answered_by_bot": "#009E73",
    "handed_over": "#0072B2",
    "callback_booked": "#56B4E9",
    "officer_booked": "#CC79A7",
    "complaint_registered": "#E69F00",
    "abandoned": "#999999",
    IN_PROGRESS: "#dddddd",
}


def _day(day: date) -> str:
    return f"{day.day}/{day.month}"


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _minutes(seconds: float) -> str:
    return plain_number(round(seconds / 60, 1))


def counts_by_label(data: InquiriesPerDay) -> dict[str, list[int]]:
    """Inquiries per day under each category's Danish name, largest first; codes that share
    a name (several not yet named) are one series."""
    series: dict[str, list[int]] = {}
    for category in data.categories:
        counts = series.setdefault(category_label(category), [0] * len(data.days))
        for i, day in enumerate(data.days):
            counts[i] += data.count(day, category)
    return series


def render_inquiries_per_day_svg(data: InquiriesPerDay) -> str:
    by_label = counts_by_label(data)
    series = [Series(label, counts) for label, counts in by_label.items()]
    return stacked_bars(
        "inquiries-per-day",
        "Henvendelser pr. dag fordelt på emne",
        f"{data.total} henvendelser fra {_day(data.days[0])} til {_day(data.days[-1])}, "
        f"i {len(by_label)} emner.",
        [_day(day) for day in data.days],
        series,
        y_label="Henvendelser",
    )


def render_outcome_shares_svg(data: OutcomeShares) -> str:
    order = [
        "answered_by_bot",
        "handed_over",
        *(o for o in INQUIRY_OUTCOMES if o not in ("answered_by_bot", "handed_over")),
        IN_PROGRESS,
    ]
    return horizontal_bars(
        "outcome-shares",
        "Hvordan henvendelserne endte",
        f"Af {data.total} henvendelser blev {_percent(data.share('answered_by_bot'))} besvaret "
        f"af chatbotten og {_percent(data.share('handed_over'))} overdraget til en rådgiver.",
        [OUTCOME_TEXT_DA[o] for o in order],
        [data.share(o) for o in order],
        fmt=_percent,
        colors=[OUTCOME_COLORS[o] for o in order],
    )


def render_advisor_wait_svg(data: AdvisorWait) -> str:
    if data.median is None or data.p90 is None:
        summary = "Ingen overdragelser til en rådgiver i perioden."
    else:
        summary = (
            f"{data.count} overdragelser. Median ventetid {_minutes(data.median)} minutter, "
            f"90 % fik en rådgiver inden for {_minutes(data.p90)} minutter."
        )
    return line_chart(
        "advisor-wait",
        "Ventetid til en rådgiver (minutter)",
        summary,
        [_day(day) for day in data.days],
        [
            Series("Median", [data.median_by_day.get(d, math.nan) / 60 for d in data.days]),
            Series("90. percentil", [data.p90_by_day.get(d, math.nan) / 60 for d in data.days]),
        ],
        y_label="Minutter",
    )


def render_callback_timeliness_svg(data: CallbackTimeliness) -> str:
    keys = ("on_time", "late", "overdue", "pending")
    share = data.on_time_share
    summary = (
        "Ingen opringninger var forfaldne i perioden."
        if share is None
        else f"{_percent(share)} af de forfaldne opringninger blev foretaget inden for "
        "servicedeklarationens frist."
    )
    return horizontal_bars(
        "callback-timeliness",
        "Opringninger holdt mod servicedeklarationen",
        summary,
        [TIMELINESS_TEXT_DA[k] for k in keys],
        [getattr(data, k) for k in keys],
        colors=["#009E73", "#E69F00", "#D55E00", "#999999"],
    )


def render_satisfaction_svg(data: Satisfaction) -> str:
    average = data.average
    summary = (
        "Ingen bedømmelser i perioden."
        if average is None
        else f"{data.total} bedømmelser, gennemsnit {plain_number(round(average, 1))} af 5."
    )
    return stacked_bars(
        "satisfaction",
        "Tilfredshed med chatten (1-5)",
        summary,
        [str(score) for score in range(1, 6)],
        [Series("Bedømmelser", [data.counts.get(score, 0) for score in range(1, 6)], "#0072B2")],
        y_label="Bedømmelser",
    )


def render_complaints_svg(data: ComplaintCounts) -> str:
    upheld = data.upheld_share()
    summary = f"{data.total} klager over service." + (
        "" if upheld is None else f" Borgeren fik medhold i {_percent(upheld)} af de afgjorte."
    )
    colors = {"upheld": "#D55E00", "not_upheld": "#0072B2", "pending": "#999999"}
    return stacked_bars(
        "complaints",
        "Klager over service fordelt på type og afgørelse",
        summary,
        [COMPLAINT_TYPE_TEXT_DA[t] for t in COMPLAINT_TYPES],
        [
            Series(
                COMPLAINT_OUTCOME_TEXT_DA[o],
                [data.count(t, o) for t in COMPLAINT_TYPES],
                colors[o],
            )
            for o in COMPLAINT_OUTCOMES
        ],
        y_label="Klager",
    )
