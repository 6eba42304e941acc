"""Time: what we store (aware UTC) and what citizens and advisors read (Danish local time).

Every stored moment is UTC. SQLite hands datetimes back without a zone, so whatever reads a
stored moment passes it through `as_utc` before comparing or converting it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def utcnow() -> datetime:
    """Now, aware, in UTC: the default of every timestamp column."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """The same moment in UTC; a naive value (as SQLite returns it) is taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def local_now() -> datetime:
    """Now in Danish local time, for "today" as a citizen or advisor sees it."""
    return datetime.now(COPENHAGEN)


def local_date(moment: datetime) -> date:
    """The Danish calendar day of a stored moment (a chat at 00:30 belongs to that day)."""
    return as_utc(moment).astimezone(COPENHAGEN).date()
