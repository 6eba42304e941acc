"""Case status for verified victims and witnesses: case system, verification, deadlines."""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from bot.cases.system import CaseSystem, HttpCaseSystem, SqlCaseSystem
from bot.settings import CaseSystemSettings


def make_case_system(settings: CaseSystemSettings, session_factory: sessionmaker) -> CaseSystem:
    """The HTTP case system when a URL is configured, else our own database."""
    if settings.url:
        return HttpCaseSystem(settings.url, settings.api_token, settings.timeout_seconds)
    return SqlCaseSystem(session_factory)
