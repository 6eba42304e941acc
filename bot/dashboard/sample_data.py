"""Generated, realistic-looking inquiries with their requests, ratings and complaints.

For tests, the benchmark and demos of the dashboard; deterministic for a given seed. Uses
bulk inserts so 10,000 inquiries take about a second. Never run against production data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bot.calendar_dk import add_working_days
from bot.clock import COPENHAGEN
from bot.inquiries.references import ALPHABET, CODE_LENGTH, PREFIX
from bot.models.inquiries import Inquiry
from bot.models.requests import (
    COMPLAINT_TYPES,
    ChatRating,
    FollowUpAttempt,
    FollowUpRequest,
    OfficerBooking,
    ServiceComplaint,
)

CATEGORIES = (
    ("case_status", 30),
    ("victim_rights", 18),
    ("witness", 12),
    ("reporting", 15),
    ("worried_citizen", 10),
    ("book_officer", 5),
    ("complaint", 5),
    (None, 5),
)
OUTCOME_WEIGHTS = (
    ("answered_by_bot", 55),
    ("handed_over", 20),
    ("callback_booked", 8),
    ("officer_booked", 2),
    ("complaint_registered", 3),
    ("abandoned", 10),
    (None, 2),
)
PROMISE_WORKDAYS = 2


@dataclass(frozen=True)
class SampleSummary:
    inquiries: int
    followups: int
    attempts: int
    bookings: int
    complaints: int
    ratings: int


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def generate_sample_data(
    session: Session,
    *,
    inquiries: int,
    start: date,
    days: int,
    seed: int = 7,
    today: date | None = None,
) -> SampleSummary:
    """Insert `inquiries` inquiries spread over `days` local days from `start`, with extras."""
    rng = random.Random(seed)
    today = today or start + timedelta(days=days)
    references: set[str] = set()
    rows: dict[str, list[dict[str, Any]]] = {
        "inquiries": [], "followups": [], "attempts": [], "bookings": [], "complaints": [],
        "ratings": [],
    }
    for inquiry_id in range(1, inquiries + 1):
        day = start + timedelta(days=rng.randrange(days))
        started = datetime.combine(day, time(7), tzinfo=COPENHAGEN) + timedelta(
            seconds=rng.randrange(15 * 3600)
        )
        reference = ""
        while not reference or reference in references:
            code = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
            reference = f"{PREFIX}-{day.year}-{code}"
        references.add(reference)
        outcome = _pick(rng, OUTCOME_WEIGHTS)
        row: dict[str, Any] = {
            "id": inquiry_id,
            "reference": reference,
            "conversation_id": f"sample-{seed}-{inquiry_id}",
            "channel": "web",
            "category": _pick(rng, CATEGORIES),
            "started_at": _utc(started),
            "last_activity_at": _utc(started + timedelta(minutes=rng.randrange(1, 20))),
            "outcome": outcome,
            "outcome_at": _utc(started + timedelta(minutes=5)) if outcome else None,
            "journal_number": None,
            "bot_answers": rng.randrange(0, 4),
            "handover_requested_at": None,
            "advisor_joined_at": None,
            "advisor_id": None,
            "ended_at": None,
        }
        if outcome == "handed_over":
            requested = started + timedelta(seconds=rng.randrange(30, 300))
            wait = timedelta(seconds=min(3600.0, rng.lognormvariate(5.5, 0.8)))
            row.update(
                handover_requested_at=_utc(requested),
                advisor_joined_at=_utc(requested + wait),
                advisor_id=f"advisor-{rng.randrange(1, 12)}",
            )
        rows["inquiries"].append(row)
        if outcome == "callback_booked":
            _add_followup(rng, rows, inquiry_id, started, today)
        elif outcome == "officer_booked":
            rows["bookings"].append(
                {
                    "inquiry_id": inquiry_id,
                    "created_at": _utc(started),
                    "organisation": "Grundejerforeningen Eksempel",
                    "topic": "Indbrudsforebyggelse",
                    "place": "Fælleshuset",
                    "wished_dates": "En hverdagsaften i næste måned",
                    "contact_name": "Eksempel Person",
                    "contact": "+45 20 30 40 50",
                    "status": rng.choice(("received", "assessing", "planned", "done")),
                    "status_changed_at": _utc(started),
                    "planned_for": None,
                    "handled_by": None,
                }
            )
        elif outcome == "complaint_registered":
            rows["complaints"].append(
                {
                    "inquiry_id": inquiry_id,
                    "created_at": _utc(started),
                    "complaint_type": rng.choice(COMPLAINT_TYPES),
                    "description": "",
                    "outcome": _pick(rng, (("pending", 3), ("upheld", 2), ("not_upheld", 5))),
                    "outcome_recorded_at": None,
                    "outcome_recorded_by": None,
                }
            )
        if rng.random() < 0.3:
            rows["ratings"].append(
                {
                    "inquiry_id": inquiry_id,
                    "created_at": _utc(started + timedelta(minutes=10)),
                    "score": _pick(rng, ((1, 5), (2, 7), (3, 15), (4, 35), (5, 38))),
                    "comment": "",
                }
            )
    tables = (
        (Inquiry, "inquiries"),
        (FollowUpRequest, "followups"),
        (FollowUpAttempt, "attempts"),
        (OfficerBooking, "bookings"),
        (ServiceComplaint, "complaints"),
        (ChatRating, "ratings"),
    )
    for model, key in tables:
        if rows[key]:
            session.execute(insert(model), rows[key])
    session.flush()
    return SampleSummary(**{key: len(rows[key]) for key in (
        "inquiries", "followups", "attempts", "bookings", "complaints", "ratings"
    )})


def _add_followup(
    rng: random.Random,
    rows: dict[str, list[dict[str, Any]]],
    inquiry_id: int,
    started: datetime,
    today: date,
) -> None:
    request_id = len(rows["followups"]) + 1
    promised_by = add_working_days(started.date(), PROMISE_WORKDAYS)
    window_start = datetime.combine(started.date() + timedelta(days=1), time(10), COPENHAGEN)
    roll = rng.random()
    first_try_day = None
    if roll < 0.85:
        first_try_day = started.date() + timedelta(days=rng.randrange(0, 3))
        first_try_day = min(first_try_day, promised_by)
    elif roll < 0.95:
        first_try_day = promised_by + timedelta(days=rng.randrange(1, 4))
    status = "open"
    if first_try_day is not None and first_try_day <= today:
        attempt_at = datetime.combine(first_try_day, time(11), COPENHAGEN)
        if attempt_at < started:
            attempt_at = started + timedelta(hours=1)
        outcome = _pick(rng, (("reached", 7), ("not_reached", 2), ("try_again", 1)))
        rows["attempts"].append(
            {
                "request_id": request_id,
                "attempted_at": _utc(attempt_at),
                "advisor_id": f"advisor-{rng.randrange(1, 12)}",
                "outcome": outcome,
                "note": "",
            }
        )
        status = "completed" if outcome == "reached" else "open"
    rows["followups"].append(
        {
            "id": request_id,
            "inquiry_id": inquiry_id,
            "created_at": _utc(started),
            "name": "Eksempel Borger",
            "phone": "+45 20 30 40 50",
            "window_start": _utc(window_start),
            "window_end": _utc(window_start + timedelta(hours=2)),
            "topic": "Utryg efter indbrud i opgangen",
            "journal_number": None,
            "promised_by": promised_by,
            "status": status,
            "closed_at": None,
        }
    )
