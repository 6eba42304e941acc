"""Every dashboard chart's numbers as a table, with Danish labels and Danish numbers.

The page shows each table beside its chart: a screen reader user, or anyone who wants the
exact figure, reads the same numbers the picture shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.dashboard.charts import counts_by_label
from bot.dashboard.labels import (
    COMPLAINT_OUTCOME_TEXT_DA,
    COMPLAINT_TYPE_TEXT_DA,
    OUTCOME_TEXT_DA,
    TIMELINESS_TEXT_DA,
)
from bot.dashboard.queries import (
    AdvisorWait,
    CallbackTimeliness,
    ComplaintCounts,
    InquiriesPerDay,
    OutcomeShares,
    Satisfaction,
)
from bot.dashboard.svg import plain_number
from bot.formats import format_date_da
from bot.models.requests import COMPLAINT_OUTCOMES, COMPLAINT_TYPES

NO_VALUE = "–"


@dataclass(frozen=True)
class ChartTable:
    caption: str
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def _minutes(seconds: float | None) -> str:
    return NO_VALUE if seconds is None else plain_number(round(seconds / 60, 1))


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def inquiries_per_day_table(data: InquiriesPerDay) -> ChartTable:
    by_label = counts_by_label(data)
    rows = [
        (format_date_da(day), str(sum(c[i] for c in by_label.values())),
         *(str(counts[i]) for counts in by_label.values()))
        for i, day in enumerate(data.days)
    ]
    return ChartTable("Henvendelser pr. dag fordelt på emne",
                      ("Dag", "I alt", *by_label), rows)


def outcome_shares_table(data: OutcomeShares) -> ChartTable:
    rows = [(OUTCOME_TEXT_DA[o], str(n), _percent(data.share(o))) for o, n in data.counts.items()]
    return ChartTable("Hvordan henvendelserne endte", ("Udfald", "Henvendelser", "Andel"), rows)


def advisor_wait_table(data: AdvisorWait) -> ChartTable:
    rows = [(format_date_da(day), _minutes(data.median_by_day.get(day)),
             _minutes(data.p90_by_day.get(day))) for day in data.days]
    rows.append(("Hele perioden", _minutes(data.median), _minutes(data.p90)))
    return ChartTable("Ventetid til en rådgiver i minutter",
                      ("Dag", "Median", "90. percentil"), rows)


def callback_timeliness_table(data: CallbackTimeliness) -> ChartTable:
    keys = ("on_time", "late", "overdue", "pending", "without_promise")
    rows = [(TIMELINESS_TEXT_DA[k], str(getattr(data, k))) for k in keys]
    return ChartTable("Opringninger holdt mod servicedeklarationen", ("Status", "Opringninger"),
                      rows)


def satisfaction_table(data: Satisfaction) -> ChartTable:
    rows = [(str(score), str(data.counts.get(score, 0))) for score in range(1, 6)]
    return ChartTable("Tilfredshed med chatten (1-5)", ("Karakter", "Bedømmelser"), rows)


def complaints_table(data: ComplaintCounts) -> ChartTable:
    rows = [(COMPLAINT_TYPE_TEXT_DA[t], *(str(data.count(t, o)) for o in COMPLAINT_OUTCOMES))
            for t in COMPLAINT_TYPES]
    return ChartTable("Klager over service fordelt på type og afgørelse",
                      ("Type", *(COMPLAINT_OUTCOME_TEXT_DA[o] for o in COMPLAINT_OUTCOMES)), rows)
