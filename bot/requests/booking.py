""""Bestil en betjent": bookings the police district works through, status by reference.

Anyone can type a reference number, so the citizen-facing status view holds only the status
and dates: never the organisation, contact, place or topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import as_utc, local_date, utcnow
from bot.i18n import localized
from bot.inquiries.repository import ensure_inquiry, get_by_reference, update_outcome
from bot.models.requests import BOOKING_STATUSES, OfficerBooking
from bot.requests import texts


def status_text(status: str, language: str = "da") -> str:
    """The citizen's word for a booking status, in the chat's language (bot/requests/texts)."""
    return str(getattr(localized(texts, language), f"BOOKING_STATE_{status.upper()}"))


# The Danish word of each status (the district's work list shows it too).
STATUS_TEXT_DA = {status: status_text(status) for status in BOOKING_STATUSES}


class BookingNotFound(LookupError):
    """No booking with that id."""


@dataclass(frozen=True)
class BookingStatus:
    """What the citizen may see about a booking: status and dates only."""

    status: str
    received_on: date
    changed_on: date
    planned_for: date | None


def create_booking(
    session: Session,
    *,
    conversation_id: str,
    organisation: str,
    topic: str,
    place: str,
    wished_dates: str,
    contact_name: str,
    contact: str,
    now: datetime,
    channel: str = "web",
) -> OfficerBooking:
    """Register the booking; the conversation's inquiry is registered too if it is not yet."""
    inquiry = ensure_inquiry(session, conversation_id, channel=channel, now=now)
    booking = OfficerBooking(
        inquiry_id=inquiry.id,
        created_at=as_utc(now),
        organisation=organisation,
        topic=topic,
        place=place,
        wished_dates=wished_dates,
        contact_name=contact_name,
        contact=contact,
        status="received",
        status_changed_at=as_utc(now),
    )
    session.add(booking)
    update_outcome(session, conversation_id, "officer_booked", at=now)
    session.flush()
    return booking


def bookings_to_handle(session: Session, *, limit: int = 500) -> Sequence[OfficerBooking]:
    """The district's work list: received and assessed bookings, oldest first."""
    return (
        session.execute(
            select(OfficerBooking)
            .where(OfficerBooking.status.in_(("received", "assessing", "planned")))
            .order_by(OfficerBooking.created_at)
            .limit(limit)
        )
        .scalars()
        .all()
    )


def set_booking_status(
    session: Session,
    booking_id: int,
    status: str,
    *,
    handled_by: str,
    planned_for: date | None = None,
    at: datetime | None = None,
) -> OfficerBooking:
    if status not in BOOKING_STATUSES:
        raise ValueError(f"Unknown booking status {status!r}; expected one of {BOOKING_STATUSES}")
    if status == "planned" and planned_for is None:
        raise ValueError("A planned booking needs the planned date")
    booking = session.get(OfficerBooking, booking_id)
    if booking is None:
        raise BookingNotFound(booking_id)
    booking.status = status
    booking.status_changed_at = as_utc(at or utcnow())
    booking.handled_by = handled_by
    if planned_for is not None:
        booking.planned_for = planned_for
    session.flush()
    return booking


def booking_status_by_reference(session: Session, reference: str) -> BookingStatus | None:
    """The status of the latest booking made in the inquiry with this reference, if any."""
    inquiry = get_by_reference(session, reference)
    if inquiry is None:
        return None
    booking = session.execute(
        select(OfficerBooking)
        .where(OfficerBooking.inquiry_id == inquiry.id)
        .order_by(OfficerBooking.created_at.desc(), OfficerBooking.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if booking is None:
        return None
    return BookingStatus(
        status=booking.status,
        received_on=local_date(booking.created_at),
        changed_on=local_date(booking.status_changed_at),
        planned_for=booking.planned_for,
    )
