"""Database engine and session factory (SQLAlchemy 1.4 with the 2.0-style API).

There is no module-global session: each process builds one engine from settings, and each
request, action run or command opens its own short session with `session_scope`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeMeta, Session, registry, sessionmaker
from sqlalchemy.pool import NullPool

from bot.settings import DatabaseSettings

# Stable constraint names make Alembic migrations reproducible across SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

mapper_registry = registry(metadata=MetaData(naming_convention=NAMING_CONVENTION))


class Base(metaclass=DeclarativeMeta):
    """Declarative base for all of our tables.

    Models list their personal-data columns in `__personal_data__` so masking, export and
    deletion code (and reviewers) can find them without reading every column.
    """

    __abstract__ = True
    registry = mapper_registry
    metadata = mapper_registry.metadata
    __personal_data__: tuple[str, ...] = ()
    __init__ = mapper_registry.constructor


def make_engine(settings: DatabaseSettings) -> Engine:
    """Create the engine; SQLite gets foreign keys and a busy timeout for multi-process use."""
    if settings.url.startswith("sqlite"):
        engine = create_engine(
            settings.url,
            future=True,
            connect_args={"timeout": 30, "check_same_thread": False},
            # SQLAlchemy 1.4's default for SQLite files, kept on 2.0 (the gateway's
            # environment): each unit of work opens the file anew, so an outage or a restored
            # file is seen at once instead of through a pooled, still-open handle.
            poolclass=NullPool,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(
        settings.url,
        future=True,
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_pre_ping=True,
    )


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error, always close."""
    session: Session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def create_all(engine: Engine) -> None:
    """Create every table known to the models (embedded profile; production uses Alembic)."""
    import bot.models  # noqa: F401  (registers the tables)

    Base.metadata.create_all(engine)
