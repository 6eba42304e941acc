"""The demo advisor login of `make run`: one account with a random per-machine password.

The password is kept in var/ (mode 0600) so the banner can show it on every start; it is
never a fixed string in the repository.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.console.auth import create_account, hash_password
from bot.db import session_scope
from bot.models.accounts import ROLE_SUPERVISOR, AdvisorAccount

DEMO_USERNAME = "demo.raadgiver"
PASSWORD_FILE = "demo_advisor_password"  # noqa: S105 (a file name, not a password)


def ensure_demo_advisor(factory: sessionmaker, var_dir: Path) -> tuple[str, str]:
    """Create (or re-key) the demo advisor; return (username, password) for the banner."""
    path = var_dir / PASSWORD_FILE
    if path.exists():
        password = path.read_text().strip()
    else:
        var_dir.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(12)
        path.write_text(password)
        path.chmod(0o600)
    with session_scope(factory) as session:
        account = session.execute(
            select(AdvisorAccount).where(AdvisorAccount.username == DEMO_USERNAME)
        ).scalar_one_or_none()
        if account is None:
            create_account(session, username=DEMO_USERNAME, password=password,
                           role=ROLE_SUPERVISOR, display_name="Demo-rådgiver")
        else:
            account.password_hash = hash_password(password)
    return DEMO_USERNAME, password
