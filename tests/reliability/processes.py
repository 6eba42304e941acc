"""Real processes for fault tests: the Rasa server, the action server and the gateway.

Each process runs in its own process group (so a kill reaches Sanic's workers too), logs to a
file in the test's directory, and can be killed, stopped and started again on the same port,
which is what a crash and a restart look like to the other processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.build import rasa_process_env
from bot.environments import gateway_python, rasa_executable, rasa_server_command
from bot.ports import free_port
from bot.runner.services import is_healthy
from bot.settings import PROJECT_ROOT
from tests.ahead import take
from tests.conftest import required_model

# Fixed for the whole session: the shared stack outlives each test's own environment.
RASA_TOKEN = "reliability-test-rasa-token-0123456789"
ACTION_SERVER_TOKEN = "reliability-test-action-server-token-0123456789"
IDENTITY_CLAIM_KEY = "reliability-test-identity-claim-key-0123456789"


@dataclass
class ManagedProcess:
    """One child process that a test may kill, stop and start again."""

    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_healthy(self, timeout: float = 240) -> float:
        """Seconds until the health URL answered; fails the test with the log's tail if not."""
        started = time.monotonic()
        while not is_healthy(self.health_url):
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} exited with {self.process.returncode}:\n{self.tail()}")
            if time.monotonic() - started > timeout:
                pytest.fail(f"{self.name} not healthy after {timeout:.0f} s:\n{self.tail()}")
            time.sleep(0.25)
        return time.monotonic() - started

    def _signal(self, signum: int) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """A crash: SIGKILL to the whole process group, no chance to clean up."""
        self._signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 20) -> None:
        """An orderly stop (SIGTERM), as a deployment or `make run`'s Ctrl-C does it."""
        self._signal(signal.SIGTERM)
        if self.process is None:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"


@dataclass
class RasaStack:
    """The action server and the Rasa server of one test module, sharing one database."""

    actions: ManagedProcess
    rasa: ManagedProcess
    database_url: str
    rasa_url: str
    action_server_url: str
    workdir: Path

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()


def base_environment(workdir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(rasa_process_env())
    env.update(
        {
            "BR_VAR_DIR": str(workdir),
            "BR_DATABASE_URL": database_url,
            "SANIC_HOST": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
            # The REST channel, the action server's webhook and the identity claims need them.
            "BR_RASA_TOKEN": RASA_TOKEN,
            "BR_ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN,
            "BR_IDENTITY_CLAIM_KEY": IDENTITY_CLAIM_KEY,
            # Advisors "on duty" around the clock, so a handover always queues.
            "BR_OFFICE_HOURS": "mon-sun 00:00-24:00",
            "BR_CLOSED_ON_CONSTITUTION_DAY": "0",
            "BR_CLOSED_ON_CHRISTMAS_EVE": "0",
        }
    )
    return env


def write_endpoints(workdir: Path, action_port: int) -> Path:
    """Like endpoints.yml, but with this test's action server and its own tracker database."""
    path = workdir / "endpoints.yml"
    path.write_text(
        "action_endpoint:\n"
        f'  url: "http://127.0.0.1:{action_port}/webhook"\n'
        "  headers:\n"
        f"    Authorization: Bearer {ACTION_SERVER_TOKEN}\n"
        "tracker_store:\n"
        "  type: SQL\n"
        "  dialect: sqlite\n"
        f"  db: {workdir / 'rasa_tracker.db'}\n",
        encoding="utf-8",
    )
    return path


def start_rasa_stack(workdir: Path) -> RasaStack:
    """Start actions and Rasa with the latest trained model; wait until both answer."""
    model = required_model()
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{workdir / 'borgerraadgiveren.db'}"
    env = base_environment(workdir, database_url)
    action_port, rasa_port = free_port(), free_port()
    endpoints = write_endpoints(workdir, action_port)
    action_url = f"http://127.0.0.1:{action_port}"
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    actions = ManagedProcess(
        "actions",
        [str(rasa_executable("python")), "-m", "rasa_sdk", "--actions", "actions",
         "--port", str(action_port)],
        f"{action_url}/health",
        env,
        workdir / "actions.log",
    )
    rasa = ManagedProcess(
        "rasa",
        [*rasa_server_command(), "--model", str(model), "--interface", "127.0.0.1",
         "--port", str(rasa_port), "--endpoints", str(endpoints),
         "--credentials", "credentials.yml", "--enable-api", "--auth-token", RASA_TOKEN,
         # BR_TEST_RASA_DEBUG=1: every policy's prediction in rasa.log, to see why a turn went
         # the way it did.
         *(["--debug"] if os.environ.get("BR_TEST_RASA_DEBUG") else [])],
        f"{rasa_url}/",
        env,
        workdir / "rasa.log",
    )
    actions.start()
    rasa.start()
    try:
        actions.wait_healthy()
        rasa.wait_healthy()
    except BaseException:
        rasa.kill()
        actions.kill()
        raise
    return RasaStack(actions, rasa, database_url, rasa_url, action_url, workdir)


def gateway_process(stack: RasaStack, env_overrides: dict[str, str]) -> ManagedProcess:
    """The gateway as its own process (`python -m bot.webapp`), for restart tests."""
    port = free_port()
    env = base_environment(stack.workdir, stack.database_url)
    env.update(
        {
            "BR_RASA_URL": stack.rasa_url,
            "BR_ACTION_SERVER_URL": stack.action_server_url,
            "BR_RASA_TOKEN": RASA_TOKEN,
            "BR_GATEWAY_PORT": str(port),
            "BR_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}",
        }
    )
    env.update(env_overrides)
    return ManagedProcess(
        "gateway",
        [str(gateway_python()), "-m", "bot.webapp"],
        f"http://127.0.0.1:{port}/health/live",
        env,
        stack.workdir / "gateway.log",
    )


_SHARED: dict[str, RasaStack] = {}
SHARED_STACK_KEY = "shared rasa stack"


def shared_rasa_stack(request: pytest.FixtureRequest) -> RasaStack:
    """One Rasa + action server for the whole test session (starting Rasa takes 30-70 s).

    Used by session-scoped fixtures in several conftests; the first one starts it (or takes it
    from `tests/ahead.py`, which starts it beside the session's first tests) and stops it at
    the end of the session. Tests that kill a process must start it again.
    """
    stack = _SHARED.get("stack")
    if stack is None:
        stack = take(SHARED_STACK_KEY) or start_rasa_stack(
            request.getfixturevalue("tmp_path_factory").mktemp("rasa-stack"))
        _SHARED["stack"] = stack

        def _stop() -> None:
            _SHARED.pop("stack", None)
            stack.stop()

        request.addfinalizer(_stop)
    return stack


def uses_shared_rasa_stack(item: pytest.Item) -> bool:
    return "rasa_stack" in getattr(item, "fixturenames", ())


def point_environment_at(stack: RasaStack, monkeypatch: pytest.MonkeyPatch, *, origin: str,
                         rasa_timeout_seconds: int) -> None:
    """This test's environment (the in-process gateway's settings) aimed at the shared stack."""
    ensure_running(stack)
    monkeypatch.setenv("BR_DATABASE_URL", stack.database_url)
    monkeypatch.setenv("BR_RASA_URL", stack.rasa_url)
    monkeypatch.setenv("BR_ACTION_SERVER_URL", stack.action_server_url)
    monkeypatch.setenv("BR_RASA_TOKEN", RASA_TOKEN)
    monkeypatch.setenv("BR_IDENTITY_CLAIM_KEY", IDENTITY_CLAIM_KEY)
    monkeypatch.setenv("BR_ALLOWED_ORIGINS", origin)
    monkeypatch.setenv("BR_RASA_TIMEOUT_SECONDS", str(rasa_timeout_seconds))


def ensure_running(stack: RasaStack) -> None:
    """Bring back whatever an earlier (failed) test left stopped."""
    for process in (stack.actions, stack.rasa):
        if not process.is_running():
            process.start()
            process.wait_healthy()
