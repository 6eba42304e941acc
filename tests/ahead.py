"""Slow processes started ahead of the tests that use them, beside the first tests.

Starting Rasa loads the model for 30-70 s, mostly on one core, and the session's first tests
leave the other core idle. So when the collected tests include a user of the shared Rasa
stack or of the supervised product, the session starts them at its beginning, one after the
other in a background thread (never two models loading at once), and the fixture that needs
one takes it, waiting only for what is left of its start. A start that fails fails its fixture
as it did before, with the same message. Whatever no fixture took is stopped at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest

_STARTS: dict[str, Future[Any]] = {}


def take(key: str) -> Any | None:
    """The process started ahead under `key`, once up (None: nothing was started ahead).

    Taken once: the caller owns it from now on and stops it."""
    started = _STARTS.pop(key, None)
    return None if started is None else started.result()


Job = tuple[str, Callable[[pytest.Item], bool], Callable[[], Callable[[], Any]],
            Callable[[Any], None]]


def start_ahead(session: pytest.Session, jobs: list[Job]) -> Iterator[None]:
    """Start each job whose user was collected, in order; stop what was not taken at the end.

    A job is (key, is_user(item), prepare() -> start, stop(process)): `prepare` runs here, in
    pytest's thread (temporary directories: pytest's tmp_path_factory is not thread-safe),
    `start()` in the background thread, returning the process once it is up.
    """
    wanted = [job for job in jobs if any(job[1](item) for item in session.items)]
    stoppers: dict[str, Callable[[Any], None]] = {}
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ahead")
    for key, _is_user, prepare, stop in wanted:
        _STARTS[key] = executor.submit(prepare())
        stoppers[key] = stop
    try:
        yield
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        for key, stop in stoppers.items():
            started = _STARTS.pop(key, None)
            if started is not None and not started.cancelled() and started.exception() is None:
                stop(started.result())
