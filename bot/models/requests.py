"""Requests that leave the chat: follow-up calls, officer bookings, service complaints, ratings.

Each belongs to the inquiry it came from, so the citizen has one reference number for all.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    column,
)
from sqlalchemy.orm import relationship
from sqlalchemy.sql.elements import ColumnElement

from bot.clock import utcnow
from bot.db import Base

FOLLOWUP_STATUSES = ("open", "completed", "unreached", "cancelled")
ATTEMPT_OUTCOMES = ("reached", "not_reached", "try_again")
BOOKING_STATUSES = ("received", "assessing", "planned", "declined", "done", "cancelled")
COMPLAINT_TYPES = (
    "waiting_time",
    "rude_treatment",
    "wrong_information",
    "not_contacted",
    "other",
)
COMPLAINT_OUTCOMES = ("pending", "upheld", "not_upheld")


def _one_of(name: str, values: tuple[str, ...]) -> ColumnElement[bool]:
    return column(name).in_(values)


class FollowUpRequest(Base):
    """Tryghedsopfølgning: a witness or worried citizen asked the police to call."""

    __tablename__ = "followup_requests"
    __personal_data__ = ("name", "phone", "topic")
    __table_args__ = (CheckConstraint(_one_of("status", FOLLOWUP_STATUSES), name="status_known"),)

    id = Column(Integer, primary_key=True)
    inquiry_id = Column(Integer, ForeignKey("inquiries.id"), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    name = Column(String(120), nullable=False)
    phone = Column(String(20), nullable=False)
    window_start = Column(DateTime(timezone=True), nullable=False)
    window_end = Column(DateTime(timezone=True), nullable=False)
    topic = Column(Text, nullable=False)
    journal_number = Column(String(19), nullable=True)
    # The service declaration's promise as a date, fixed when the request was made (None only
    # if the knowledge base had no follow-up promise then; the dashboard leaves those out).
    promised_by = Column(Date, nullable=True, index=True)
    status = Column(String(16), nullable=False, default="open", index=True)
    closed_at = Column(DateTime(timezone=True), nullable=True)

    attempts = relationship(
        "FollowUpAttempt",
        back_populates="request",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="FollowUpAttempt.attempted_at",
    )


class FollowUpAttempt(Base):
    """One try to call the citizen back, with its outcome."""

    __tablename__ = "followup_attempts"
    __personal_data__ = ("note",)
    __table_args__ = (CheckConstraint(_one_of("outcome", ATTEMPT_OUTCOMES), name="outcome_known"),)

    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, ForeignKey("followup_requests.id"), nullable=False, index=True)
    attempted_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    advisor_id = Column(String(64), nullable=False)
    outcome = Column(String(16), nullable=False)
    note = Column(Text, nullable=False, default="")

    request = relationship("FollowUpRequest", back_populates="attempts", lazy="raise")


class OfficerBooking(Base):
    """"Bestil en betjent": an organisation asks the police to come and meet them."""

    __tablename__ = "officer_bookings"
    __personal_data__ = ("topic", "place", "wished_dates", "contact_name", "contact")
    __table_args__ = (CheckConstraint(_one_of("status", BOOKING_STATUSES), name="status_known"),)

    id = Column(Integer, primary_key=True)
    inquiry_id = Column(Integer, ForeignKey("inquiries.id"), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    organisation = Column(String(200), nullable=False)
    topic = Column(Text, nullable=False)
    place = Column(String(300), nullable=False)
    wished_dates = Column(Text, nullable=False)
    contact_name = Column(String(120), nullable=False)
    # A Danish phone number (+45 ...) or an e-mail address.
    contact = Column(String(254), nullable=False)
    status = Column(String(16), nullable=False, default="received", index=True)
    status_changed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    planned_for = Column(Date, nullable=True)
    handled_by = Column(String(64), nullable=True)


class ServiceComplaint(Base):
    """A complaint about the police district's service, with the supervisor's outcome."""

    __tablename__ = "service_complaints"
    __personal_data__ = ("description",)
    __table_args__ = (
        CheckConstraint(_one_of("complaint_type", COMPLAINT_TYPES), name="type_known"),
        CheckConstraint(_one_of("outcome", COMPLAINT_OUTCOMES), name="outcome_known"),
    )

    id = Column(Integer, primary_key=True)
    inquiry_id = Column(Integer, ForeignKey("inquiries.id"), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    complaint_type = Column(String(32), nullable=False, index=True)
    description = Column(Text, nullable=False, default="")
    outcome = Column(String(16), nullable=False, default="pending")
    outcome_recorded_at = Column(DateTime(timezone=True), nullable=True)
    outcome_recorded_by = Column(String(64), nullable=True)


class ChatRating(Base):
    """The citizen's rating of a chat (1-5) with an optional comment; one per inquiry."""

    __tablename__ = "chat_ratings"
    __personal_data__ = ("comment",)
    __table_args__ = (CheckConstraint(column("score").between(1, 5), name="score_range"),)

    id = Column(Integer, primary_key=True)
    inquiry_id = Column(Integer, ForeignKey("inquiries.id"), nullable=False, unique=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    score = Column(SmallInteger, nullable=False)
    comment = Column(Text, nullable=False, default="")
