"""Port conflicts are found before anything starts, naming the port and who holds it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ports import free_port
from bot.runner.ports import PortUse, planned_ports, port_conflicts, port_is_free
from bot.runner.procfs import command_line, listeners
from bot.settings import load_settings

LISTEN = """import socket, sys, time
server = socket.socket()
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen()
time.sleep(60)
"""


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """Another program listening on a port (with a secret on its command line)."""
    port = free_port()
    script = tmp_path / "listen.py"
    script.write_text(LISTEN)
    process = subprocess.Popen(
        [sys.executable, str(script), str(port), "--auth-token", "s3cret-token",
         "--password=-other-s3cret"])
    deadline = time.monotonic() + 10
    while port_is_free("127.0.0.1", port):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield port, process
    process.kill()
    process.wait()


def test_a_taken_port_is_reported_with_the_process_that_holds_it(
    listener: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, process = listener
    problems = port_conflicts([PortUse("gateway", "127.0.0.1", port, "BR_GATEWAY_PORT")])
    assert len(problems) == 1
    problem = problems[0]
    assert problem.startswith(f"port {port} (gateway) is already in use by pid {process.pid} (")
    assert "choose another port with BR_GATEWAY_PORT" in problem
    # The command line is shown, its secrets are not.
    assert "listen.py" in problem and "s3cret" not in problem
    assert "--auth-token *** --password=***" in command_line(process.pid)


def test_listeners_are_found_through_proc_for_ipv4_and_not_for_free_ports(
    listener: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, process = listener
    assert [p.pid for p in listeners(port)] == [process.pid]
    assert listeners(free_port()) == []


def test_free_and_distinct_ports_are_fine_and_a_port_used_twice_is_not() -> None:
    one, two = free_port(), free_port()
    assert port_conflicts([PortUse("rasa", "127.0.0.1", one, "BR_RASA_URL"),
                           PortUse("actions", "127.0.0.1", two, "BR_ACTION_SERVER_URL")]) == []
    assert port_conflicts([PortUse("gateway", "127.0.0.1", one, "BR_GATEWAY_PORT"),
                           PortUse("rasa", "127.0.0.1", one, "BR_RASA_URL")]) == [
        f"port {one} is configured for both gateway (BR_GATEWAY_PORT) and rasa (BR_RASA_URL)"]


def test_the_planned_ports_follow_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BR_GATEWAY_PORT", "18000")
    monkeypatch.setenv("BR_RASA_URLS", "http://127.0.0.1:15005,http://127.0.0.1:15006")
    monkeypatch.setenv("BR_ACTION_SERVER_URL", "http://127.0.0.1:15055")
    assert [(u.service, u.port, u.setting) for u in planned_ports(load_settings())] == [
        ("gateway", 18000, "BR_GATEWAY_PORT"), ("rasa", 15005, "BR_RASA_URLS"),
        ("rasa-1", 15006, "BR_RASA_URLS"), ("actions", 15055, "BR_ACTION_SERVER_URL")]
