"""Alembic environment: our models' metadata, and the database URL from BR_DATABASE_URL.

The URL comes from the same settings every process reads (never from alembic.ini), so a
migration runs against exactly the database the gateway and the action server use. A caller
may pass a ready connection in `config.attributes["connection"]` (tests, `borger migrate`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

import bot.models  # noqa: F401  (registers every table on Base.metadata)
from bot.db import Base, make_engine
from bot.settings import load_settings

target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`), for review."""
    context.configure(
        url=load_settings().database.url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _configure(given)
        return
    engine = make_engine(load_settings().database)
    try:
        with engine.connect() as connection:
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
