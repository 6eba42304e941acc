"""The Alembic migrations build exactly the models' schema on PostgreSQL; SQLite still works."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import bot.models  # noqa: F401  (registers every table)
from bot.db import Base, create_all, make_engine
from bot.migrate import upgrade_to_head
from bot.settings import DatabaseSettings

pytestmark = pytest.mark.production


def test_upgrade_head_on_an_empty_postgresql_database_creates_exactly_the_model_tables(
    postgres_url: str,
) -> None:
    settings = DatabaseSettings(url=postgres_url)
    upgrade_to_head(settings)
    engine = make_engine(settings)
    try:
        tables = set(inspect(engine).get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        with engine.connect() as connection:
            # Columns, types, nullability, indexes, constraints: nothing left to migrate.
            differences = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}),
                Base.metadata,
            )
        assert differences == []
    finally:
        engine.dispose()


def test_upgrade_head_twice_changes_nothing(postgres_url: str) -> None:
    settings = DatabaseSettings(url=postgres_url)
    upgrade_to_head(settings)
    upgrade_to_head(settings)
    engine = make_engine(settings)
    try:
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {
            "alembic_version"
        }
    finally:
        engine.dispose()


def test_embedded_profile_still_creates_its_sqlite_tables_without_alembic(tmp_path: Path) -> None:
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{tmp_path / 'embedded.db'}"))
    try:
        create_all(engine)
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables)
    finally:
        engine.dispose()


def test_the_phone_migration_brings_old_call_back_phones_into_the_one_stored_form(
    postgres_url: str,
) -> None:
    from alembic import command
    from sqlalchemy import text

    from bot.migrate import alembic_config
    from tests.bot.test_db import INSERT_CALLBACK

    settings = DatabaseSettings(url=postgres_url)
    engine = make_engine(settings)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "cda8b4a0c255")  # the schema as issue 16 found it
            for session, phone in (("s1", "12345678"), ("s2", "+45 20 30 40 50")):
                connection.execute(INSERT_CALLBACK, {"session": session, "phone": phone})
        upgrade_to_head(settings)
        with engine.connect() as connection:
            phones = connection.execute(
                text("SELECT phone FROM callbacks ORDER BY session_id")
            ).scalars().all()
        assert phones == ["+45 12 34 56 78", "+45 20 30 40 50"]
    finally:
        engine.dispose()
