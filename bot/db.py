"""Database engine and session factory (SQLAlchemy 1.4 with the 2.0-style API).

There is no module-global session: each process builds one engine from settings, and each
request, action run or command opens its own short session with `session_scope`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import MetaData, create_engine, event, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeMeta, InstrumentedAttribute, Session, registry, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

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

UpkeepStep = Callable[[Connection], object]
# Rewrites of stored values whose format changed, registered by the models that own them
# (`stored_format_upkeep`); `create_all` runs them on SQLite, Alembic data migrations on
# PostgreSQL. Each must be cheap and safe to repeat.
_STORED_FORMAT_UPKEEP: list[UpkeepStep] = []


def stored_format_upkeep(step: UpkeepStep) -> UpkeepStep:
    """Registers `step` to run on the embedded profile's SQLite file at every start."""
    _STORED_FORMAT_UPKEEP.append(step)
    return step


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
        return _sqlite_engine(settings.url)
    return create_engine(
        settings.url,
        future=True,
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_pre_ping=True,
    )


FileIdentity = tuple[int, int]


def sqlite_file_identity(path: str) -> FileIdentity | None:
    """(device, inode) of the database file; None when it is not there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


# How long a SQLite connection waits for another writer's lock: 30 s for a unit in a worker
# thread; not at all for a unit on the event loop, which hands itself to the thread instead
# (bot/web/database.py). Set at checkout, only when a connection changes between the two.
_BUSY_WAIT = "PRAGMA busy_timeout = 30000"
_BUSY_NO_WAIT = "PRAGMA busy_timeout = 0"
_LOCK_NO_WAIT: ContextVar[bool] = ContextVar("sqlite_lock_no_wait", default=False)


@contextmanager
def sqlite_lock_no_wait() -> Iterator[None]:
    """SQLite connections checked out here fail at once ("database is locked") rather than
    wait for another writer: for work that must not block the event loop."""
    token = _LOCK_NO_WAIT.set(True)
    try:
        yield
    finally:
        _LOCK_NO_WAIT.reset(token)


def _sqlite_engine(url: str) -> Engine:
    """SQLite with pooled connections that never outlive their file.

    Connections are kept open: opening the file anew for each unit of work (NullPool, as
    until 2026-12) cost more than the work itself, because in WAL mode the last connection
    to close checkpoints the WAL and deletes it, and the next one creates it again and runs
    the PRAGMAs (docs/BENCHMARKS.md, "Gateway overhead"). A pooled connection must still
    not hide an outage or a restored file: at every checkout the path must name the same
    file the connection opened, else the connection is dropped and the file opened anew
    (which fails while the file is away, so the unit is retried or refused). `borger restore`
    still refuses while the product runs: SQLite's clean-up when a connection to a replaced
    file closes goes by the file's name.
    """
    path = make_url(url).database or ""
    in_memory = path in ("", ":memory:") or path.startswith("file::memory:")
    engine = create_engine(
        url,
        future=True,
        connect_args={"timeout": 30, "check_same_thread": False},
        # An in-memory database lives only as long as its connection: nothing to pool.
        poolclass=NullPool if in_memory else QueuePool,
        **({} if in_memory else {"pool_size": 5, "max_overflow": 10}),
    )

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL survives a crash of any process (a commit is in the WAL before
        # it returns); only an OS crash or power loss may lose the last commits. It saves
        # an fsync per commit, two per chat turn (docs/BENCHMARKS.md, "Gateway overhead").
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        record.info["file"] = sqlite_file_identity(path)
        record.info["pid"] = os.getpid()

    if not in_memory:
        @event.listens_for(engine, "checkout")
        def _still_the_same_file(_dbapi_connection, record, proxy):  # type: ignore[no-untyped-def]
            if record.info.get("pid") != os.getpid():
                # Made before a fork (Sanic forks Rasa's workers): it belongs to the parent,
                # so it is dropped without closing it and the pool connects anew.
                record.dbapi_connection = proxy.dbapi_connection = None
                raise DisconnectionError("the connection was made in another process")
            if record.info.get("file") != sqlite_file_identity(path):
                # The pool closes it and opens the file anew (or fails to, while it is away).
                raise DisconnectionError("the SQLite file was replaced or is gone")

    @event.listens_for(engine, "checkout")
    def _busy_timeout(dbapi_connection, record, _proxy):  # type: ignore[no-untyped-def]
        wanted = _BUSY_NO_WAIT if _LOCK_NO_WAIT.get() else _BUSY_WAIT
        if record.info.get("busy_timeout") != wanted:
            cursor = dbapi_connection.cursor()
            cursor.execute(wanted)
            cursor.close()
            record.info["busy_timeout"] = wanted

    return engine


def open_engine(settings: DatabaseSettings) -> Engine:
    """This process's engine, with the embedded profile's SQLite schema ensured.

    PostgreSQL (the production profile) gets its schema from the Alembic migrations only
    (`borger migrate`), never from here.
    """
    engine = make_engine(settings)
    if engine.dialect.name == "sqlite":
        create_all(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def short_lived_database(settings: DatabaseSettings) -> Iterator[sessionmaker]:
    """The sessions of a one-off command (`borger ...`); its engine is closed afterwards."""
    engine = open_engine(settings)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


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


def update_by_key(session: Session, key: InstrumentedAttribute[Any], value: object,
                  **values: Any) -> None:
    """Set `values` on the row whose `key` column is `value`, as one UPDATE without loading it.

    A Core UPDATE of the table: the ORM's bulk-update path cost more than the SQL on every
    chat turn (docs/BENCHMARKS.md, "Gateway overhead"). Pending ORM changes are flushed
    first, as the ORM's autoflush did. Objects already in the session are not refreshed:
    callers read the row again when they need the new values.
    """
    table = key.class_.__table__
    session.flush()
    session.execute(update(table).where(table.c[key.key] == value).values(**values))


def create_all(engine: Engine) -> None:
    """Create every table known to the models (embedded profile; production uses Alembic).

    On SQLite it also brings stored values written by an older version into today's format,
    as the Alembic data migrations do on PostgreSQL (each step is safe to repeat).
    """
    import bot.models  # noqa: F401  (registers the tables and their upkeep steps)

    Base.metadata.create_all(engine)
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            for step in _STORED_FORMAT_UPKEEP:
                step(connection)
