"""Case fixtures: a fresh SQLite database (from BR_DATABASE_URL), optionally with demo cases.

The demo cases are hashed once per test session into a template file and copied per test,
since hashing 110 receipt codes with scrypt takes seconds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from bot.cases.demo import load_demo
from bot.db import create_all, make_engine, make_session_factory
from bot.settings import DatabaseSettings, load_settings


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{path}"))
    create_all(engine)
    load_demo(make_session_factory(engine))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def session_factory() -> Iterator[sessionmaker]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def demo_db(demo_template: Path) -> Path:
    """Copies the demo database to this test's BR_DATABASE_URL before anything opens it."""
    target = Path(str(make_url(load_settings().database.url).database))
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo_session_factory(demo_db: Path) -> Iterator[sessionmaker]:
    engine = make_engine(load_settings().database)
    yield make_session_factory(engine)
    engine.dispose()
