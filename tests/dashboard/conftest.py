"""A fresh database per test, in the temporary var/ directory of the shared fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.db import create_all, make_engine, make_session_factory
from bot.settings import load_settings


@pytest.fixture
def session(isolated_environment: Path) -> Iterator[Session]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    factory = make_session_factory(engine)
    with factory() as db_session:
        yield db_session
    engine.dispose()
