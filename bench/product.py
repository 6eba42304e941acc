"""The whole product as `make run` starts it (`python -m bot.cli run`, the supervising runner),
on free ports and in a var/ directory of its own: for the soak (bench/soak.py) and the tests
that kill its processes (tests/reliability/).

The runner and its children are real processes; callers kill them with SIGKILL by the pids
the runner writes to var/runner.json, and stop everything with SIGTERM, as an operator would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import free_port
from bot.environments import rasa_executable
from bot.runner.services import is_healthy
from bot.settings import PROJECT_ROOT


class ProductFailed(RuntimeError):
    """`make run` did not come up; the message has its output."""


BANNER = "Borgerrådgiveren is running."


def product_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    gateway_port = free_port()
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith("BR_")  # nothing of the test process's own settings
    }
    env.update({
        "BR_VAR_DIR": str(var_dir),
        "BR_GATEWAY_PORT": str(gateway_port),
        "BR_RASA_URL": f"http://127.0.0.1:{free_port()}",
        "BR_ACTION_SERVER_URL": f"http://127.0.0.1:{free_port()}",
        "BR_ALLOWED_ORIGINS": f"http://127.0.0.1:{gateway_port}",
        "BR_RASA_TIMEOUT_SECONDS": "20",
        # Advisors on duty around the clock, so a handover always queues.
        "BR_OFFICE_HOURS": "mon-sun 00:00-24:00",
        "BR_CLOSED_ON_CONSTITUTION_DAY": "0",
        "BR_CLOSED_ON_CHRISTMAS_EVE": "0",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


@dataclass
class Product:
    """One `make run`: the runner process, its output, and its var/ directory."""

    var_dir: Path
    env: dict[str, str]
    output_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.env['BR_GATEWAY_PORT']}"

    def start(self, timeout: float = 240) -> None:
        with self.output_path.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 (fixed argument list)
                [str(rasa_executable("python")), "-m", "bot.cli", "run"],
                cwd=PROJECT_ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while BANNER not in self.output():
            if self.process.poll() is not None:
                raise ProductFailed(
                    f"make run exited with {self.process.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise ProductFailed(f"make run not up after {timeout:.0f} s:\n{self.output()}")
            time.sleep(0.5)

    def output(self) -> str:
        try:
            return self.output_path.read_text(errors="replace")
        except OSError:
            return ""

    def status(self) -> dict[str, Any]:
        return dict(json.loads((self.var_dir / "runner.json").read_text()))

    def pid(self, service: str) -> int:
        return int(self.status()["services"][service]["pid"])

    def kill(self, service: str) -> int:
        """SIGKILL one service's process group, as an out-of-memory kill would."""
        pid = self.pid(service)
        os.killpg(pid, signal.SIGKILL)
        return pid

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            assert time.monotonic() < deadline, f"{text!r} never printed:\n{self.output()}"
            time.sleep(0.2)

    def wait_state(self, service: str, state: str, timeout: float = 180) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            entry = dict(self.status()["services"][service])
            if entry["state"] == state:
                return entry
            assert time.monotonic() < deadline, f"{service} never {state}:\n{self.output()}"
            time.sleep(0.2)

    def all_pids(self) -> list[int]:
        return [int(e["pid"]) for e in self.status()["services"].values() if e["pid"]]

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM to the runner, like Ctrl-C; returns its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.wait()

    def healthy(self) -> bool:
        return is_healthy(f"{self.url}/health")


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie of a killed child is gone for every purpose here.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


