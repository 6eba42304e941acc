"""`make run`: start the action server, the Rasa server and the gateway, wait until all are
healthy, print where to go, and stop every process on Ctrl-C.

Each child runs in its own process group so a stop reaches its children (Sanic workers) too.
Output goes to var/logs/<name>.log; the console shows progress and a one-line status.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.build import tensorflow_thread_env
from bot.settings import PROJECT_ROOT, Settings


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None


def ensure_secret(var_dir: Path, name: str) -> str:
    """A random secret per machine, kept in var/ (never in the repo)."""
    path = var_dir / name
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def service_environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(tensorflow_thread_env())
    env.setdefault("BR_SECRET_KEY", ensure_secret(settings.var_dir, "secret_key"))
    env.setdefault("BR_RASA_TOKEN", ensure_secret(settings.var_dir, "rasa_token"))
    env.setdefault("BR_TRACKER_KEY", ensure_secret(settings.var_dir, "tracker_key"))
    # Gateway -> actions identity claims, and Rasa -> action server calls (SECURITY.md).
    env.setdefault("BR_IDENTITY_CLAIM_KEY", ensure_secret(settings.var_dir, "identity_claim_key"))
    env.setdefault("BR_ACTION_SERVER_TOKEN", ensure_secret(settings.var_dir, "action_server_token"))
    env["SANIC_HOST"] = "127.0.0.1"
    env["PYTHONUNBUFFERED"] = "1"
    if settings.profile == "production":
        from bot.production import rasa_environment

        for name, value in rasa_environment(settings).items():
            env.setdefault(name, value)
    return env


def build_services(settings: Settings, model: Path, env: dict[str, str]) -> list[Service]:
    from bot.production import endpoints_file

    bin_dir = Path(sys.executable).parent
    action_port = settings.rasa.action_server_url.rsplit(":", 1)[-1]
    # One Rasa server per BR_RASA_URLS entry (one in the embedded profile).
    rasa_servers = [
        Service(
            "rasa" if number == 0 else f"rasa-{number}",
            [str(bin_dir / "rasa"), "run", "--model", str(model),
             "--interface", "127.0.0.1", "--port", url.rsplit(":", 1)[-1],
             "--credentials", "credentials.yml", "--endpoints", endpoints_file(settings),
             "--enable-api", "--auth-token", env["BR_RASA_TOKEN"]],
            f"{url}/",
            env,
        )
        for number, url in enumerate(settings.rasa.urls)
    ]
    return [
        Service(
            "actions",
            [str(bin_dir / "python"), "-m", "rasa_sdk", "--actions", "actions",
             "--port", action_port],
            f"{settings.rasa.action_server_url}/health",
            env,
        ),
        *rasa_servers,
        Service(
            "gateway",
            [str(bin_dir / "python"), "-m", "bot.webapp"],
            f"http://127.0.0.1:{settings.gateway.port}/health/live",
            env,
        ),
    ]


def _is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback URL)
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(services: list[Service], log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    for service in services:
        print(f"==> Starting {service.name}", flush=True)
        log = (log_dir / f"{service.name}.log").open("ab")
        service.process = subprocess.Popen(  # noqa: S603 (fixed argument list)
            service.command,
            cwd=PROJECT_ROOT,
            env=service.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()


def wait_healthy(services: list[Service], timeout: float, log_dir: Path) -> None:
    started = time.monotonic()
    pending = {s.name for s in services}
    while pending:
        for service in services:
            if service.name not in pending:
                continue
            assert service.process is not None
            if service.process.poll() is not None:
                raise RuntimeError(
                    f"{service.name} exited with code {service.process.returncode}; "
                    f"see {log_dir / (service.name + '.log')}"
                )
            if _is_healthy(service.health_url):
                pending.discard(service.name)
                print(f"    {service.name} is up ({time.monotonic() - started:.0f} s)", flush=True)
        if pending:
            if time.monotonic() - started > timeout:
                waiting = ", ".join(sorted(pending))
                raise RuntimeError(f"not healthy after {timeout:.0f} s: {waiting}")
            print(f"    waiting for {', '.join(sorted(pending))} ...", end="\r", flush=True)
            time.sleep(1)


def stop(services: list[Service]) -> None:
    for service in reversed(services):
        if service.process and service.process.poll() is None:
            try:
                os.killpg(service.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
    deadline = time.monotonic() + 15
    for service in services:
        if not service.process:
            continue
        try:
            service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(service.process.pid, signal.SIGKILL)


def run_all(
    settings: Settings,
    model: Path,
    banner: Callable[[], str],
    health_timeout: float = 180,
) -> int:
    """Start everything, print the banner once healthy, block until Ctrl-C or a crash."""
    env = service_environment(settings)
    log_dir = settings.var_dir / "logs"
    services = build_services(settings, model, env)

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        start(services, log_dir)
        wait_healthy(services, health_timeout, log_dir)
        print(banner(), flush=True)
        while True:
            for service in services:
                assert service.process is not None
                if service.process.poll() is not None:
                    print(f"!! {service.name} stopped (code {service.process.returncode}); "
                          f"see {log_dir / (service.name + '.log')}", flush=True)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("\n==> Stopping all processes ...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"ERROR: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        stop(services)
        print("==> All processes stopped.", flush=True)
