"""Advisor accounts and their console login sessions.

The password hash is deferred so it is loaded only by the login check, never by lists of
colleagues. Session tokens are stored as SHA-256 digests: a leaked table does not log anyone in.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import deferred

from bot.clock import utcnow
from bot.db import Base

ROLE_ADVISOR = "advisor"
ROLE_SUPERVISOR = "supervisor"
ROLES = (ROLE_ADVISOR, ROLE_SUPERVISOR)


class AdvisorAccount(Base):
    __tablename__ = "advisor_accounts"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(128), nullable=False, default="")
    role = Column(String(16), nullable=False, default=ROLE_ADVISOR)
    # "scrypt$n$r$p$<salt b64>$<hash b64>"; see bot/hashing.py.
    password_hash = deferred(Column(String(256), nullable=False))
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    # SHA-256 hex of the cookie value; the cookie value itself is never stored.
    token_digest = Column(String(64), primary_key=True)
    account_id = Column(Integer, ForeignKey("advisor_accounts.id"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = Column(DateTime(timezone=True), nullable=False)
