"""Real PostgreSQL and Redis for the production-profile tests, isolated per test.

Each test gets its own database `borger_test_<random>` (created through the `test` database,
dropped afterwards) and its own Redis key/channel prefix (its keys deleted afterwards).
Where the services are missing the tests skip on a developer machine, and fail on CI
(`CI=true`): CI must run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.ports import free_port

PG_ADMIN_URL = os.environ.get("BR_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(what: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is not available, and CI must run the production tests")
    pytest.skip(f"{what} is not available")



@contextmanager
def temporary_database() -> Iterator[str]:
    """URL of a new, empty PostgreSQL database, dropped afterwards."""
    name = f"borger_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    quoted = admin.dialect.identifier_preparer.quote(name)
    try:
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE " + quoted))
    except OperationalError:
        admin.dispose()
        unavailable(f"PostgreSQL at {make_url(PG_ADMIN_URL).render_as_string()}")
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)"))
        admin.dispose()


@dataclass(frozen=True)
class RedisTarget:
    url: str
    prefix: str  # alphanumeric: Rasa's lock store accepts nothing else


@contextmanager
def redis_with_own_prefix() -> Iterator[RedisTarget]:
    """The shared Redis with a prefix of our own; its keys are deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        unavailable(f"Redis at {REDIS_URL}")
    target = RedisTarget(REDIS_URL, f"borgertest{uuid.uuid4().hex[:12]}")
    try:
        yield target
    finally:
        for db in (0, 1):
            scoped = redis.Redis.from_url(REDIS_URL, db=db)
            keys = list(scoped.scan_iter(match=f"{target.prefix}*", count=500))
            if keys:
                scoped.delete(*keys)
            scoped.close()
        client.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with temporary_database() as url:
        yield url


@pytest.fixture
def redis_target() -> Iterator[RedisTarget]:
    with redis_with_own_prefix() as target:
        yield target


class RedisProcess:
    """A private redis-server on a free port, so a test may stop and restart it."""

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server")
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
