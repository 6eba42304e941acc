"""Schema migrations (Alembic, `migrations/`): what `borger migrate` and the tests run.

The embedded profile (SQLite) still creates its tables with `bot.db.create_all`; PostgreSQL
in the production profile gets its schema only from these migrations, so every change is
reviewed as a migration and applied the same way on every installation.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot.db import make_engine
from bot.settings import PROJECT_ROOT, DatabaseSettings


def alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


def upgrade_to_head(database: DatabaseSettings) -> None:
    """Apply every migration not yet applied to the database of `database.url`."""
    config = alembic_config()
    engine = make_engine(database)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
