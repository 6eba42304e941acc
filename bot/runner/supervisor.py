"""Keeps the processes of `make run` serving: a crash restarts that one process, not all.

A process that exits unexpectedly is restarted after 1, 2, 4 ... seconds (at most 30); the
delay starts again from 1 s once it has stayed healthy for a minute. A process that crashes
5 times within 2 minutes is in a crash loop: it stays stopped, said clearly, and the others
keep serving. Only Ctrl-C or SIGTERM stops everything. The gateway's `/health` shows a
stopped Rasa or action server as degraded (it probes them); the runner writes each process's
state to var/runner.json for operators, `borger status` and the soak test.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bot.runner.services import Service, is_healthy, kill_group, start_one

STATUS_FILE = "runner.json"

UP = "up"
STARTING = "starting"
WAITING = "waiting to restart"
STOPPED = "stopped (crash loop)"


@dataclass(frozen=True)
class RestartPolicy:
    first_delay: float = 1.0
    max_delay: float = 30.0
    crash_loop_count: int = 5
    crash_loop_window: float = 120.0
    # Healthy this long after a restart: the next crash starts the delays from the beginning.
    stable_after: float = 60.0
    # A restarted process that is not healthy by then counts as crashed again.
    start_timeout: float = 180.0


def exit_description(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"code {code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"code {code}"
    return f"code {code}"


@dataclass
class Supervised:
    """One service under supervision, with its crash history."""

    service: Service
    state: str = UP
    restarts: int = 0
    last_exit: int | None = None
    crashes: deque[float] = field(default_factory=deque)
    streak: int = 0  # crashes since it was last stable; sets the next delay
    restart_at: float = 0.0
    started_at: float = 0.0
    healthy_since: float | None = None
    since: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())

    def set_state(self, state: str) -> None:
        self.state = state
        self.since = datetime.now(timezone.utc).isoformat()


class Supervisor:
    """Watches started, healthy services and restarts the ones that exit."""

    def __init__(self, services: list[Service], log_dir: Path, status_path: Path,
                 policy: RestartPolicy | None = None) -> None:
        self.policy = policy or RestartPolicy()
        self.log_dir = log_dir
        self.status_path = status_path
        now = time.monotonic()
        self.watched = [Supervised(s, started_at=now, healthy_since=now) for s in services]
        self.write_status()

    def say(self, line: str) -> None:
        print(line, flush=True)

    def delay_for(self, streak: int) -> float:
        return min(self.policy.first_delay * 2 ** (streak - 1), self.policy.max_delay)

    def check_once(self) -> None:
        """One round: notice exits, restart what is due, note what became healthy."""
        changed = False
        now = time.monotonic()
        for entry in self.watched:
            process = entry.service.process
            if entry.state in (UP, STARTING) and process is not None:
                code = process.poll()
                if code is None and entry.state == STARTING:
                    if now - entry.started_at > self.policy.start_timeout:
                        self.say(f"!! {entry.service.name} not healthy "
                                 f"{self.policy.start_timeout:.0f} s after its restart; "
                                 "killing it")
                        kill_group(entry.service)
                        code = process.wait()
                if code is not None:
                    self._crashed(entry, code, now)
                    changed = True
                    continue
            if entry.state == WAITING and now >= entry.restart_at:
                entry.restarts += 1
                self.say(f"==> Restarting {entry.service.name} (restart {entry.restarts})")
                start_one(entry.service, self.log_dir)
                entry.started_at = now
                entry.healthy_since = None
                entry.set_state(STARTING)
                changed = True
            elif entry.state == STARTING and is_healthy(entry.service.health_url):
                self.say(f"    {entry.service.name} is up again "
                         f"({now - entry.started_at:.0f} s after its restart)")
                entry.healthy_since = now
                entry.set_state(UP)
                changed = True
            elif (entry.state == UP and entry.streak and entry.healthy_since is not None
                  and now - entry.healthy_since >= self.policy.stable_after):
                entry.streak = 0
        if changed:
            self.write_status()

    def _crashed(self, entry: Supervised, code: int, now: float) -> None:
        name = entry.service.name
        log = self.log_dir / f"{name}.log"
        kill_group(entry.service)  # its children must not keep the port
        entry.last_exit = code
        entry.crashes.append(now)
        while entry.crashes and now - entry.crashes[0] > self.policy.crash_loop_window:
            entry.crashes.popleft()
        if len(entry.crashes) >= self.policy.crash_loop_count:
            entry.set_state(STOPPED)
            self.say(
                f"!! {name} exited with {exit_description(code)}: "
                f"{len(entry.crashes)} crashes within {self.policy.crash_loop_window:.0f} s. "
                f"It is in a crash loop and stays stopped; the other processes keep serving. "
                f"See {log}; fix the cause, then restart with Ctrl-C and `make run`."
            )
            return
        entry.streak += 1
        delay = self.delay_for(entry.streak)
        entry.restart_at = now + delay
        entry.set_state(WAITING)
        self.say(f"!! {name} exited with {exit_description(code)}; restarting in "
                 f"{delay:.0f} s (see {log})")

    def status(self) -> dict[str, object]:
        return {
            "runner_pid": os.getpid(),
            "updated_at": datetime.now(timezone.utc).isoformat(),
            "services": {
                e.service.name: {
                    "state": e.state,
                    "pid": e.service.process.pid if e.service.process else None,
                    "restarts": e.restarts,
                    "last_exit": e.last_exit,
                    "since": e.since,
                }
                for e in self.watched
            },
        }

    def write_status(self) -> None:
        """Atomically, so a reader never sees half a file."""
        partial = self.status_path.with_suffix(".tmp")
        partial.write_text(json.dumps(self.status(), indent=2), encoding="utf-8")
        os.replace(partial, self.status_path)

    def run_forever(self, interval: float = 0.5) -> None:
        while True:
            self.check_once()
            time.sleep(interval)


def read_status(var_dir: Path) -> dict[str, object] | None:
    try:
        return dict(json.loads((var_dir / STATUS_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
