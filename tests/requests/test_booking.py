"""Officer bookings: the district's list and the status citizens may see."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pytest
from sqlalchemy.orm import Session

from bot.inquiries.repository import get_by_conversation
from bot.requests.booking import (
    BookingStatus,
    booking_status_by_reference,
    bookings_to_handle,
    create_booking,
    set_booking_status,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def _book(session: Session) -> int:
    booking = create_booking(
        session,
        conversation_id="conv-1",
        organisation="Grundejerforeningen Bakken",
        topic="Indbrud",
        place="Fælleshuset",
        wished_dates="En aften i december",
        contact_name="Anne Hansen",
        contact="+45 20 30 40 50",
        now=NOW,
    )
    return int(booking.id)


def test_status_by_reference_shows_only_status_and_dates(session: Session) -> None:
    booking_id = _book(session)
    reference = get_by_conversation(session, "conv-1").reference  # type: ignore[union-attr]
    status = booking_status_by_reference(session, reference.lower())
    assert status == BookingStatus("received", date(2026, 11, 20), date(2026, 11, 20), None)
    assert {f.name for f in dataclasses.fields(BookingStatus)} == {
        "status",
        "received_on",
        "changed_on",
        "planned_for",
    }
    set_booking_status(
        session,
        booking_id,
        "planned",
        handled_by="officer-2",
        planned_for=date(2026, 12, 3),
        at=NOW,
    )
    planned = booking_status_by_reference(session, reference)
    assert planned is not None and planned.planned_for == date(2026, 12, 3)


def test_unknown_reference_or_inquiry_without_booking_has_no_status(session: Session) -> None:
    assert booking_status_by_reference(session, "HV-2026-ZZZZZZ") is None


def test_planned_needs_a_date_and_done_leaves_the_work_list(session: Session) -> None:
    booking_id = _book(session)
    with pytest.raises(ValueError, match="planned date"):
        set_booking_status(session, booking_id, "planned", handled_by="officer-2")
    assert [b.id for b in bookings_to_handle(session)] == [booking_id]
    set_booking_status(session, booking_id, "done", handled_by="officer-2")
    assert bookings_to_handle(session) == []
