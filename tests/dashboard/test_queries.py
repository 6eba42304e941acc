"""Dashboard aggregates on a small, hand-made data set with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session

from bot.dashboard import queries
from bot.inquiries.repository import (
    open_inquiry,
    record_advisor_joined,
    record_handover_requested,
    set_category,
    update_outcome,
)
from bot.models.requests import FollowUpAttempt, FollowUpRequest
from bot.requests.complaints import record_complaint_outcome, register_service_complaint
from bot.requests.ratings import save_rating

DAY1 = date(2026, 11, 16)
DAY2 = date(2026, 11, 17)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    # 10:00 UTC is 11:00 in Copenhagen in November: always the same local day.
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def small_data(session: Session) -> Session:
    """Day 1: 3 inquiries (2 case_status, 1 witness); day 2: 1 uncategorised; 1 outside."""
    for name, day, category in (
        ("a", DAY1, "case_status"),
        ("b", DAY1, "case_status"),
        ("c", DAY1, "witness"),
        ("d", DAY2, None),
        ("outside", DAY2 + timedelta(days=5), "case_status"),
    ):
        open_inquiry(session, name, started_at=at(day, 10))
        if category:
            set_category(session, name, category)
    update_outcome(session, "a", "answered_by_bot", at=at(DAY1, 10, 5))
    for name, wait_minutes in (("b", 2), ("c", 10)):
        record_handover_requested(session, name, at=at(DAY1, 10, 1))
        record_advisor_joined(session, name, "adv", at=at(DAY1, 10, 1 + wait_minutes))
    # Follow-ups: on time, late, overdue without a try, pending without a try.
    for number, (promised, tried) in enumerate(
        (
            (DAY2, at(DAY2, 10)),
            (DAY1, at(DAY2, 10)),
            (DAY1, None),
            (DAY2 + timedelta(days=10), None),
        ),
        start=1,
    ):
        session.add(
            FollowUpRequest(
                id=number,
                inquiry_id=1,
                created_at=at(DAY1, 11),
                name="x",
                phone="+45 20 30 40 50",
                window_start=at(DAY2, 9),
                window_end=at(DAY2, 10),
                topic="t",
                promised_by=promised,
                status="open",
            )
        )
        if tried:
            session.add(
                FollowUpAttempt(
                    request_id=number, attempted_at=tried, advisor_id="adv", outcome="reached"
                )
            )
    save_rating(session, conversation_id="a", score=5, comment="", now=at(DAY1, 11))
    save_rating(session, conversation_id="b", score=4, comment="", now=at(DAY1, 11))
    save_rating(session, conversation_id="c", score=2, comment="", now=at(DAY2, 11))
    first = register_service_complaint(
        session,
        conversation_id="d",
        complaint_type="waiting_time",
        description="",
        now=at(DAY2, 11),
    )
    register_service_complaint(
        session,
        conversation_id="d",
        complaint_type="waiting_time",
        description="",
        now=at(DAY2, 11),
    )
    record_complaint_outcome(session, first.id, "upheld", supervisor_id="sup")
    session.flush()
    return session


def test_inquiries_per_day_by_category(small_data: Session) -> None:
    data = queries.inquiries_per_day(small_data, DAY1, DAY2)
    assert data.days == [DAY1, DAY2]
    assert data.categories == ["case_status", "ukendt", "witness"]
    assert data.count(DAY1, "case_status") == 2
    assert data.count(DAY1, "witness") == 1
    assert data.count(DAY2, "ukendt") == 1
    assert data.total == 4


def test_outcome_shares_bot_versus_handed_over(small_data: Session) -> None:
    data = queries.outcome_shares(small_data, DAY1, DAY2)
    assert data.counts["answered_by_bot"] == 1
    assert data.counts["handed_over"] == 2
    assert data.counts["complaint_registered"] == 1
    assert data.share("handed_over") == 0.5


def test_advisor_wait_median_and_p90(small_data: Session) -> None:
    data = queries.advisor_wait(small_data, DAY1, DAY2)
    assert data.count == 2
    assert data.median == 360.0  # (2 + 10) / 2 minutes
    assert data.p90 == 600.0  # nearest rank: the 10-minute wait
    assert data.median_by_day == {DAY1: 360.0}


def test_callback_timeliness_against_the_promised_date(small_data: Session) -> None:
    data = queries.callback_timeliness(small_data, DAY1, DAY2, today=DAY2)
    assert (data.on_time, data.late, data.overdue, data.pending) == (1, 1, 1, 1)
    assert data.on_time_share == pytest.approx(1 / 3)


def test_satisfaction_counts_and_average(small_data: Session) -> None:
    data = queries.satisfaction(small_data, DAY1, DAY2)
    assert data.counts == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    assert data.average == pytest.approx(11 / 3)


def test_complaints_by_type_and_outcome(small_data: Session) -> None:
    data = queries.complaint_counts(small_data, DAY1, DAY2)
    assert data.count("waiting_time", "upheld") == 1
    assert data.count("waiting_time", "pending") == 1
    assert data.total == 2
    assert data.upheld_share() == 1.0


def test_percentile_uses_nearest_rank() -> None:
    assert queries.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert queries.percentile([7], 0.9) == 7
