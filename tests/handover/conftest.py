"""A fresh database with every table for the handover tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import sessionmaker

from bot.db import create_all, make_engine, make_session_factory
from bot.settings import load_settings


@pytest.fixture
def session_factory() -> Iterator[sessionmaker]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()
