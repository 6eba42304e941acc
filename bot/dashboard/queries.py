"""Aggregate queries behind the supervisor dashboard, over a range of Danish local days.

Rows are fetched with narrow column selects and grouped in Python: days must be Danish days
(not UTC days), which SQL cannot express portably across SQLite and PostgreSQL, and a year
of inquiries is a few hundred thousand small tuples at most.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.clock import COPENHAGEN, as_utc
from bot.inquiries.repository import local_day_bounds
from bot.models.inquiries import INQUIRY_OUTCOMES, Inquiry
from bot.models.requests import (
    COMPLAINT_OUTCOMES,
    COMPLAINT_TYPES,
    ChatRating,
    FollowUpAttempt,
    FollowUpRequest,
    ServiceComplaint,
)

UNCATEGORISED = "ukendt"
IN_PROGRESS = "in_progress"


def local_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(COPENHAGEN).date()


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that really occurred, as supervisors expect."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class InquiriesPerDay:
    days: list[date]
    categories: list[str]
    counts: dict[tuple[date, str], int]

    def count(self, day: date, category: str) -> int:
        return self.counts.get((day, category), 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class OutcomeShares:
    counts: dict[str, int]  # every outcome in INQUIRY_OUTCOMES plus IN_PROGRESS

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, outcome: str) -> float:
        return self.counts.get(outcome, 0) / self.total if self.total else 0.0


@dataclass(frozen=True)
class AdvisorWait:
    """Seconds from asking for a person until an advisor joined."""

    days: list[date]
    median_by_day: dict[date, float]
    p90_by_day: dict[date, float]
    median: float | None
    p90: float | None
    count: int


@dataclass(frozen=True)
class CallbackTimeliness:
    """Follow-ups against the promised date: first try on time, late, or none yet."""

    on_time: int
    late: int
    pending: int  # no try yet, promise not yet due
    overdue: int  # no try yet, promise broken
    without_promise: int = 0  # made while no promise was configured; not judged

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class Satisfaction:
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(score * n for score, n in self.counts.items()) / self.total


@dataclass(frozen=True)
class ComplaintCounts:
    counts: dict[tuple[str, str], int]  # (type, outcome) -> n

    def count(self, complaint_type: str, outcome: str) -> int:
        return self.counts.get((complaint_type, outcome), 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def upheld_share(self) -> float | None:
        decided = sum(n for (_, o), n in self.counts.items() if o != "pending")
        upheld = sum(n for (_, o), n in self.counts.items() if o == "upheld")
        return upheld / decided if decided else None


def inquiries_per_day(session: Session, start: date, end: date) -> InquiriesPerDay:
    first, after = local_day_bounds(start, end)
    rows = session.execute(
        select(Inquiry.started_at, Inquiry.category).where(
            Inquiry.started_at >= first, Inquiry.started_at < after
        )
    ).all()
    counts: Counter[tuple[date, str]] = Counter(
        (local_day(started), category or UNCATEGORISED) for started, category in rows
    )
    totals: Counter[str] = Counter()
    for (_, category), n in counts.items():
        totals[category] += n
    categories = [c for c, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    return InquiriesPerDay(
        days=days_between(start, end), categories=categories, counts=dict(counts)
    )


def _counts_within(session: Session, start: date, end: date, moment: Any, *columns: Any
                   ) -> Sequence[Row[Any]]:
    """(values of `columns`..., count) for the rows whose `moment` falls on those local days."""
    first, after = local_day_bounds(start, end)
    return session.execute(
        select(*columns, func.count())
        .where(moment >= first, moment < after)
        .group_by(*columns)
    ).all()


def outcome_shares(session: Session, start: date, end: date) -> OutcomeShares:
    rows = _counts_within(session, start, end, Inquiry.started_at, Inquiry.outcome)
    counts = {outcome: 0 for outcome in (*INQUIRY_OUTCOMES, IN_PROGRESS)}
    for outcome, n in rows:
        counts[outcome or IN_PROGRESS] += n
    return OutcomeShares(counts=counts)


def advisor_wait(session: Session, start: date, end: date) -> AdvisorWait:
    first, after = local_day_bounds(start, end)
    rows = session.execute(
        select(Inquiry.handover_requested_at, Inquiry.advisor_joined_at).where(
            Inquiry.started_at >= first,
            Inquiry.started_at < after,
            Inquiry.handover_requested_at.is_not(None),
            Inquiry.advisor_joined_at.is_not(None),
        )
    ).all()
    by_day: dict[date, list[float]] = {}
    waits: list[float] = []
    for requested, joined in rows:
        seconds = max(0.0, (as_utc(joined) - as_utc(requested)).total_seconds())
        waits.append(seconds)
        by_day.setdefault(local_day(requested), []).append(seconds)
    return AdvisorWait(
        days=days_between(start, end),
        median_by_day={day: statistics.median(v) for day, v in by_day.items()},
        p90_by_day={day: percentile(v, 0.9) for day, v in by_day.items()},
        median=statistics.median(waits) if waits else None,
        p90=percentile(waits, 0.9) if waits else None,
        count=len(waits),
    )


def callback_timeliness(
    session: Session, start: date, end: date, today: date
) -> CallbackTimeliness:
    """Follow-ups made in the range; on time means the first try was on or before the promise."""
    first, after = local_day_bounds(start, end)
    first_try = (
        select(
            FollowUpAttempt.request_id.label("request_id"),
            func.min(FollowUpAttempt.attempted_at).label("first_at"),
        )
        .group_by(FollowUpAttempt.request_id)
        .subquery()
    )
    rows = session.execute(
        select(FollowUpRequest.promised_by, first_try.c.first_at)
        .outerjoin(first_try, first_try.c.request_id == FollowUpRequest.id)
        .where(FollowUpRequest.created_at >= first, FollowUpRequest.created_at < after)
    ).all()
    on_time = late = pending = overdue = without_promise = 0
    for promised_by, first_at in rows:
        if promised_by is None:
            without_promise += 1
        elif first_at is None:
            if promised_by >= today:
                pending += 1
            else:
                overdue += 1
        elif local_day(first_at) <= promised_by:
            on_time += 1
        else:
            late += 1
    return CallbackTimeliness(
        on_time=on_time,
        late=late,
        pending=pending,
        overdue=overdue,
        without_promise=without_promise,
    )


def satisfaction(session: Session, start: date, end: date) -> Satisfaction:
    rows = _counts_within(session, start, end, ChatRating.created_at, ChatRating.score)
    counts = {score: 0 for score in range(1, 6)}
    for score, n in rows:
        counts[int(score)] = n
    return Satisfaction(counts=counts)


def complaint_counts(session: Session, start: date, end: date) -> ComplaintCounts:
    rows = _counts_within(session, start, end, ServiceComplaint.created_at,
                          ServiceComplaint.complaint_type, ServiceComplaint.outcome)
    counts = {(t, o): 0 for t in COMPLAINT_TYPES for o in COMPLAINT_OUTCOMES}
    for complaint_type, outcome, n in rows:
        counts[(complaint_type, outcome)] = n
    return ComplaintCounts(counts=counts)
