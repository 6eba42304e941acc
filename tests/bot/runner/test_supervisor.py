"""The supervisor restarts a crashed process with growing delays and gives up on a crash loop.

Real child processes: a small HTTP server stands in for a healthy service, and a process
that exits at once for one that cannot start.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ports import free_port
from bot.runner.services import Service, is_healthy, start, stop
from bot.runner.supervisor import (
    STOPPED,
    UP,
    WAITING,
    RestartPolicy,
    Supervisor,
    exit_description,
)

FAST = RestartPolicy(first_delay=0.2, max_delay=1.0, crash_loop_count=5,
                     crash_loop_window=60.0, stable_after=60.0, start_timeout=20.0)


def _web_server(name: str = "web") -> Service:
    port = free_port()
    return Service(name, [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                   f"http://127.0.0.1:{port}/", {**os.environ, "PYTHONUNBUFFERED": "1"})


def _run_until(supervisor: Supervisor, done: object, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not done():  # type: ignore[operator]
        assert time.monotonic() < deadline, supervisor.status()
        supervisor.check_once()
        time.sleep(0.05)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    stop(started)


def _started(services: list[Service], tmp_path: Path, *new: Service) -> None:
    start(list(new), tmp_path)
    services.extend(new)
    deadline = time.monotonic() + 15
    while not all(is_healthy(s.health_url) for s in new if "http.server" in s.command):
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_a_killed_process_is_restarted_logged_with_its_exit_code_and_healthy_again(
    services: list[Service], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web = _web_server()
    _started(services, tmp_path, web)
    supervisor = Supervisor(services, tmp_path, tmp_path / "runner.json", FAST)
    first_pid = web.process.pid if web.process else 0

    os.killpg(first_pid, signal.SIGKILL)
    _run_until(supervisor, lambda: supervisor.watched[0].state == WAITING)
    assert not is_healthy(web.health_url)  # down while it waits: /health would say degraded
    _run_until(supervisor, lambda: supervisor.watched[0].state == UP)

    assert is_healthy(web.health_url)
    assert web.process is not None and web.process.pid != first_pid
    out = capsys.readouterr().out
    assert "!! web exited with code -9 (SIGKILL); restarting in 0 s" in out
    assert "==> Restarting web (restart 1)" in out and "web is up again" in out
    status = json.loads((tmp_path / "runner.json").read_text())["services"]["web"]
    assert status == {**status, "state": UP, "restarts": 1, "last_exit": -9,
                      "pid": web.process.pid}


def test_the_delay_doubles_from_one_second_up_to_thirty() -> None:
    supervisor = Supervisor.__new__(Supervisor)
    supervisor.policy = RestartPolicy()
    assert [supervisor.delay_for(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_crash_loop_stops_that_process_only_and_says_so(
    services: list[Service], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web = _web_server()
    broken = Service("broken", [sys.executable, "-c", "raise SystemExit(3)"],
                     f"http://127.0.0.1:{free_port()}/", dict(os.environ))
    _started(services, tmp_path, web, broken)
    supervisor = Supervisor(services, tmp_path, tmp_path / "runner.json", FAST)

    _run_until(supervisor, lambda: supervisor.watched[1].state == STOPPED)
    time.sleep(FAST.max_delay + 0.5)
    supervisor.check_once()  # stays stopped: no sixth start

    entry = supervisor.watched[1]
    assert (entry.state, entry.restarts, entry.last_exit) == (STOPPED, 4, 3)
    assert supervisor.watched[0].state == UP and is_healthy(web.health_url)
    out = capsys.readouterr().out
    assert out.count("==> Restarting broken") == 4
    assert ("!! broken exited with code 3: 5 crashes within 60 s. It is in a crash loop and "
            "stays stopped; the other processes keep serving.") in out
    status = json.loads((tmp_path / "runner.json").read_text())["services"]
    assert status["broken"]["state"] == STOPPED and status["web"]["state"] == UP


def test_delays_start_again_from_the_first_after_a_stable_run(
    services: list[Service], tmp_path: Path
) -> None:
    web = _web_server()
    _started(services, tmp_path, web)
    policy = RestartPolicy(first_delay=0.2, max_delay=5.0, stable_after=0.5)
    supervisor = Supervisor(services, tmp_path, tmp_path / "runner.json", policy)
    entry = supervisor.watched[0]
    for expected_streak in (1, 2):
        assert web.process is not None
        os.killpg(web.process.pid, signal.SIGKILL)
        _run_until(supervisor, lambda: entry.state == WAITING)
        assert entry.streak == expected_streak
        _run_until(supervisor, lambda: entry.state == UP)
    time.sleep(0.6)
    supervisor.check_once()
    assert entry.streak == 0


def test_exit_codes_name_the_signal() -> None:
    assert exit_description(-9) == "code -9 (SIGKILL)"
    assert exit_description(-15) == "code -15 (SIGTERM)"
    assert exit_description(1) == "code 1"
