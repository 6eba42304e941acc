"""Advisor login: scrypt password hashes, server-side sessions, CSRF tokens and roles.

The session cookie holds a random token; the database stores only its SHA-256 digest, so
logout (deleting the row) really ends the session. Each session has its own CSRF token,
which every POST form must echo back (compared in constant time).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, undefer

from bot.clock import as_utc
from bot.hashing import dummy_hash
from bot.hashing import hash_secret as hash_password
from bot.hashing import secret_matches as verify_password
from bot.models.accounts import ROLES, AdvisorAccount, ConsoleSession
from bot.models.audit import record_audit

SESSION_COOKIE = "br_console"
LOGIN_CSRF_COOKIE = "br_console_login"
SESSION_TTL = timedelta(hours=10)
MIN_PASSWORD_CHARS = 12


class AuthError(ValueError):
    """Bad input to an account operation (operator-facing, English)."""


@dataclass(frozen=True)
class Advisor:
    """The logged-in advisor, as the views see them."""

    id: int
    username: str
    display_name: str
    role: str
    csrf_token: str

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def create_account(
    session: Session, *, username: str, password: str, role: str, display_name: str = ""
) -> AdvisorAccount:
    username = username.strip().lower()
    if role not in ROLES:
        raise AuthError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 64 or not username.replace(".", "").replace("-", "")\
            .replace("_", "").isalnum():
        raise AuthError("username: 1-64 letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AuthError(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    if session.execute(
        select(AdvisorAccount.id).where(AdvisorAccount.username == username)
    ).first():
        raise AuthError(f"user {username!r} already exists")
    account = AdvisorAccount(
        username=username, display_name=display_name or username, role=role,
        password_hash=hash_password(password), active=True,
    )
    session.add(account)
    session.flush()
    return account


def authenticate(session: Session, username: str, password: str) -> AdvisorAccount | None:
    account = session.execute(
        select(AdvisorAccount)
        .where(AdvisorAccount.username == username.strip().lower())
        .options(undefer(AdvisorAccount.password_hash))
    ).scalar_one_or_none()
    if account is None or not account.active:
        # An unknown name costs as long as a wrong password.
        verify_password(password, dummy_hash())
        return None
    return account if verify_password(password, str(account.password_hash)) else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(session: Session, account_id: int, now: datetime) -> str:
    """Create a login session; return the cookie value (never stored)."""
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            token_digest=_digest(token), account_id=account_id,
            csrf_token=secrets.token_urlsafe(32), created_at=now, expires_at=now + SESSION_TTL,
        )
    )
    return token


def load_advisor(session: Session, token: str, now: datetime) -> Advisor | None:
    row = session.execute(
        select(ConsoleSession, AdvisorAccount)
        .join(AdvisorAccount, AdvisorAccount.id == ConsoleSession.account_id)
        .where(ConsoleSession.token_digest == _digest(token))
    ).first()
    if row is None:
        return None
    login, account = row
    if as_utc(login.expires_at) <= now or not account.active:
        return None
    return Advisor(int(account.id), str(account.username), str(account.display_name),
                   str(account.role), str(login.csrf_token))


def end_session(session: Session, token: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_digest == _digest(token)))


def list_advisors(session: Session) -> list[AdvisorAccount]:
    return list(
        session.execute(
            select(AdvisorAccount).where(AdvisorAccount.active.is_(True))
            .order_by(AdvisorAccount.display_name)
        ).scalars()
    )


def advisor_names(session: Session) -> dict[int, str]:
    """Display names of every account, also former advisors (notes and audit name them)."""
    return {int(a.id): str(a.display_name) for a in session.execute(select(AdvisorAccount))
            .scalars()}


def active_account(session: Session, account_id: int) -> AdvisorAccount | None:
    account = session.get(AdvisorAccount, account_id)
    return account if account is not None and account.active else None


def record_advisor_action(
    session: Session, advisor_id: int, action: str, subject_type: str, subject_id: object,
    detail: str = "",
) -> None:
    """Write what an advisor did (opened, changed) to the audit log, under their account id."""
    record_audit(session, actor_type="advisor", actor_id=str(advisor_id), action=action,
                 subject_type=subject_type, subject_id=str(subject_id), detail=detail)


def csrf_matches(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and secrets.compare_digest(
        expected.encode(), given.encode()
    )


def set_cookie(response: web.StreamResponse, name: str, value: str, *, secure: bool,
               max_age: int | None = None) -> None:
    response.set_cookie(
        name, value, path="/console", httponly=True, samesite="Strict", secure=secure,
        max_age=max_age,
    )
