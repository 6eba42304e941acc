"""Shared helpers of the action server: settings and one engine per process.

No module-global session: actions open a short `session_scope(session_factory())` per run.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import sessionmaker

from bot.db import create_all, make_engine, make_session_factory
from bot.settings import Settings, load_settings


def settings() -> Settings:
    return load_settings()


@lru_cache(maxsize=8)
def _session_factory_for(url: str) -> sessionmaker:
    # Keyed by URL so tests that point BR_DATABASE_URL at a fresh database get a fresh engine.
    engine = make_engine(load_settings().database)
    create_all(engine)
    return make_session_factory(engine)


def session_factory() -> sessionmaker:
    """The per-process session factory for the configured database."""
    return _session_factory_for(load_settings().database.url)
