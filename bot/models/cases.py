"""Criminal cases as the citizen may see them: case, public timeline, decisions, parties.

Also the verification attempts (for lockout and audit) and the used identity-token ids
(replay protection). Receipt-code hashes are deferred so they load only when checked.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import deferred, relationship

from bot.clock import utcnow
from bot.db import Base

PARTY_ROLES = ("victim", "witness", "complainant")
DECISION_KINDS = (
    "dropped",  # henlæggelse
    "charge_dropped",  # påtaleopgivelse
    "charged",  # sigtelse
    "indicted",  # tiltale
    "hearing",  # retsmøde
    "verdict",  # dom
    "appeal",  # anke
)


class Case(Base):
    __tablename__ = "cases"
    __personal_data__ = ("contact_name", "contact_phone", "contact_email")

    id = Column(Integer, primary_key=True)
    journal_number = Column(String(19), nullable=False, unique=True)
    police_district = Column(String(80), nullable=False)
    offence_category = Column(String(40), nullable=False)
    # One of the knowledge base's case-step ids (knowledge/case_step/<id>.yml).
    current_step = Column(String(40), nullable=False)
    reported_on = Column(Date, nullable=False)
    contact_name = Column(String(120), nullable=True)
    contact_phone = Column(String(40), nullable=True)
    contact_email = Column(String(254), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    events = relationship("CaseEvent", back_populates="case", lazy="raise",
                          cascade="all, delete-orphan", order_by="CaseEvent.occurred_on")
    decisions = relationship("CaseDecision", back_populates="case", lazy="raise",
                             cascade="all, delete-orphan", order_by="CaseDecision.decided_on")
    parties = relationship("Party", back_populates="case", lazy="raise",
                           cascade="all, delete-orphan")


class CaseEvent(Base):
    """One dated entry of the public timeline ("Sagen blev anmeldt", "Der er rejst tiltale")."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    occurred_on = Column(Date, nullable=False)
    step = Column(String(40), nullable=False)
    # Written by the police for the citizen; never contains another party's personal data.
    public_text = Column(Text, nullable=False)

    case = relationship("Case", back_populates="events", lazy="raise")


class CaseDecision(Base):
    __tablename__ = "case_decisions"

    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(20), nullable=False)
    decided_on = Column(Date, nullable=False)
    # The day the citizen was told; complaint deadlines run from here when known.
    notified_on = Column(Date, nullable=True)
    # True when nothing more can change the outcome (no appeal possible or made).
    is_final = Column(Boolean, nullable=False, default=False)
    court = Column(String(120), nullable=True)
    place = Column(String(200), nullable=True)
    # Hearings: the date and time the hearing starts (local time).
    scheduled_at = Column(DateTime, nullable=True)

    case = relationship("Case", back_populates="decisions", lazy="raise")


class Party(Base):
    """A victim, witness or complainant in a case, with the code from their receipt letter."""

    __tablename__ = "case_parties"
    __personal_data__ = ("name", "phone", "email", "person_ref")

    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    # Opaque, random id used in slots and audit lines instead of the name.
    party_ref = Column(String(40), nullable=False, unique=True)
    role = Column(String(20), nullable=False)
    name = Column(String(120), nullable=False)
    phone = Column(String(40), nullable=True)
    email = Column(String(254), nullable=True)
    # The opaque person id the website's MitID login names in the identity token.
    person_ref = Column(String(128), nullable=True, index=True)
    receipt_code_hash = deferred(Column(String(200), nullable=True))

    case = relationship("Case", back_populates="parties", lazy="raise")


class VerificationAttempt(Base):
    """Every try to prove a right to see a case; the lockout counts these rows."""

    __tablename__ = "verification_attempts"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    # As the citizen gave it (normalised); a journal number is not personal data.
    journal_number = Column(String(40), nullable=False, index=True)
    method = Column(String(20), nullable=False)
    # "success", "failure" or "locked" (refused without checking).
    outcome = Column(String(10), nullable=False)


class UsedIdentityToken(Base):
    """The jti of every identity token already accepted, kept until it has expired."""

    __tablename__ = "used_identity_tokens"

    jti = Column(String(128), primary_key=True)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)
