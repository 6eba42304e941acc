"""`make run`: check, start, wait until healthy, print where to go, supervise until Ctrl-C.

Before anything starts: one runner per var/ directory (a lock file), both environments
installed, and every port free (a conflict names the process that holds the port).
"""

from __future__ import annotations

import fcntl
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.environments import missing_environments
from bot.runner.ports import planned_ports, port_conflicts
from bot.runner.services import build_services, service_environment, start, stop, wait_healthy
from bot.runner.supervisor import STATUS_FILE, Supervisor
from bot.settings import Settings

LOCK_FILE = "runner.lock"


class AlreadyRunning(RuntimeError):
    """Another runner holds this var/ directory."""


@contextmanager
def run_lock(var_dir: Path) -> Iterator[None]:
    """Held while the product runs from `var_dir`; `restore` refuses to run while it is."""
    var_dir.mkdir(parents=True, exist_ok=True)
    with (var_dir / LOCK_FILE).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise AlreadyRunning(
                f"Borgerrådgiveren is already running from {var_dir} (runner pid {holder}); "
                "stop it first (Ctrl-C in its terminal)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def is_running(var_dir: Path) -> bool:
    """True while a runner holds the lock of `var_dir`."""
    path = var_dir / LOCK_FILE
    if not path.exists():
        return False
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def preflight(settings: Settings) -> list[str]:
    """Everything that would make the start fail half-way, as operator messages."""
    return missing_environments() + port_conflicts(planned_ports(settings))


def run_all(
    settings: Settings,
    model: Path,
    banner: Callable[[], str],
    health_timeout: float = 180,
    prepare: Callable[[], None] = lambda: None,
) -> int:
    """Check, `prepare` (database, demo data), start everything, print the banner once
    healthy, and supervise until Ctrl-C or SIGTERM."""

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        with run_lock(settings.var_dir):
            problems = preflight(settings)
            if problems:
                for problem in problems:
                    print(f"ERROR: {problem}", file=sys.stderr, flush=True)
                print("Nothing was started.", file=sys.stderr, flush=True)
                return 1
            prepare()
            return _start_and_supervise(settings, model, banner, health_timeout)
    except AlreadyRunning as exc:
        print(f"ERROR: {exc}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before anything started
        return 0


def _start_and_supervise(settings: Settings, model: Path, banner: Callable[[], str],
                         health_timeout: float) -> int:
    log_dir = settings.var_dir / "logs"
    status_path = settings.var_dir / STATUS_FILE
    services = build_services(settings, model, service_environment(settings))
    try:
        start(services, log_dir)
        wait_healthy(services, health_timeout, log_dir)
        print(banner(), flush=True)
        Supervisor(services, log_dir, status_path).run_forever()
    except KeyboardInterrupt:
        print("\n==> Stopping all processes ...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"ERROR: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        stop(services)
        status_path.unlink(missing_ok=True)
        print("==> All processes stopped.", flush=True)
    return 0
