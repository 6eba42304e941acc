"""The runner of the embedded profile (`make run`): start, supervise and stop the processes.

- `run`: the checks before the start (lock, environments, ports) and the main loop;
- `services`: what each process is and how it starts and stops;
- `supervisor`: restarts with back-off, crash loops, var/runner.json;
- `ports` and `procfs`: who holds a port or a file; `environments`: which venv runs what.
"""

from bot.runner.run import is_running, run_all
from bot.runner.services import (
    Service,
    build_services,
    ensure_secret,
    service_environment,
    start,
    stop,
    wait_healthy,
)

__all__ = [
    "Service",
    "build_services",
    "ensure_secret",
    "is_running",
    "run_all",
    "service_environment",
    "start",
    "stop",
    "wait_healthy",
]
