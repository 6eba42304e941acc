"""The processes of `make run`: their commands, environments, health URLs, start and stop.

Each child runs in its own process group (a stop or a crash clean-up reaches its children,
e.g. Sanic workers, too) and logs to var/logs/<name>.log. Rasa and the action server run in
the Rasa environment, the gateway in its own (`bot/environments.py`).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from bot.build import rasa_process_env
from bot.environments import gateway_python, rasa_executable, rasa_server_command
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
    env.update(rasa_process_env())
    env.setdefault("BR_SECRET_KEY", ensure_secret(settings.var_dir, "secret_key"))
    env.setdefault("BR_RASA_TOKEN", ensure_secret(settings.var_dir, "rasa_token"))
    env.setdefault("BR_TRACKER_KEY", ensure_secret(settings.var_dir, "tracker_key"))
    # Gateway -> actions identity claims, and Rasa -> action server calls (SECURITY.md).
    env.setdefault("BR_IDENTITY_CLAIM_KEY", ensure_secret(settings.var_dir, "identity_claim_key"))
    env.setdefault("BR_ACTION_SERVER_TOKEN", ensure_secret(settings.var_dir, "action_server_token"))
    env["SANIC_HOST"] = "127.0.0.1"
    if settings.profile != "production":
        env.update(rasa_worker_env(env))
    env["PYTHONUNBUFFERED"] = "1"
    if settings.profile == "production":
        from bot.production import rasa_environment

        for name, value in rasa_environment(settings).items():
            env.setdefault(name, value)
    return env


def rasa_worker_env(env: dict[str, str]) -> dict[str, str]:
    """Sanic workers of the embedded profile's Rasa: one per core, BR_RASA_WORKERS to choose.

    Several workers share conversations through the SQLite lock store (endpoints.yml); each
    loads the model (about 1 GB). TensorFlow's threads are split among them so they do not
    fight for cores. Without TED, two workers on 2 cores moved 1.87x plain single-worker
    Rasa's messages at 100 concurrent, 1.40x through the gateway (docs/BENCHMARKS.md).
    """
    cores = os.cpu_count() or 1
    workers = max(1, int(env.get("BR_RASA_WORKERS") or cores))
    threads = env.get("TF_INTRA_OP_PARALLELISM_THREADS") if workers == 1 else None
    return {"SANIC_WORKERS": str(workers),
            "TF_INTRA_OP_PARALLELISM_THREADS": threads or str(max(1, cores // workers))}


def embedded_endpoints(settings: Settings) -> Path:
    """endpoints.yml with this run's action server URL and tracker database (var/).

    The repository's endpoints.yml names the default port and `var/`; BR_ACTION_SERVER_URL
    and BR_VAR_DIR (tests, the soak, a second instance) must reach Rasa too.
    """
    from bot.production import EMBEDDED_ENDPOINTS

    endpoints: dict[str, Any] = yaml.safe_load(EMBEDDED_ENDPOINTS.read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = (
        f"{settings.rasa.action_server_url.rstrip('/')}/webhook")
    tracker_db = make_url(settings.rasa.tracker_db_url).database
    if tracker_db:
        endpoints["tracker_store"]["db"] = str(Path(tracker_db).resolve())
    endpoints["lock_store"]["db"] = str((settings.var_dir / "rasa_locks.db").resolve())
    path = settings.var_dir / "endpoints.yml"
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    path.write_text("# Written by the runner from endpoints.yml; edit that file instead.\n"
                    + yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def build_services(settings: Settings, model: Path, env: dict[str, str]) -> list[Service]:
    from bot.production import endpoints_file

    endpoints = (endpoints_file(settings) if settings.profile == "production"
                 else str(embedded_endpoints(settings)))
    action_port = settings.rasa.action_server_url.rsplit(":", 1)[-1]
    # One Rasa server per BR_RASA_URLS entry (one in the embedded profile).
    rasa_servers = [
        Service(
            "rasa" if number == 0 else f"rasa-{number}",
            [*rasa_server_command(), "--model", str(model),
             "--interface", "127.0.0.1", "--port", url.rsplit(":", 1)[-1],
             "--credentials", "credentials.yml", "--endpoints", endpoints,
             # One argument, "--auth-token=...": a token that starts with "-" (1 in 64 of
             # token_urlsafe's) is otherwise read by argparse as an option, and Rasa exits.
             "--enable-api", f"--auth-token={env['BR_RASA_TOKEN']}"],
            f"{url}/",
            env,
        )
        for number, url in enumerate(settings.rasa.urls)
    ]
    return [
        Service(
            "actions",
            [str(rasa_executable("python")), "-m", "rasa_sdk", "--actions", "actions",
             "--port", action_port],
            f"{settings.rasa.action_server_url}/health",
            env,
        ),
        *rasa_servers,
        Service(
            "gateway",
            [str(gateway_python()), "-m", "bot.webapp"],
            f"http://127.0.0.1:{settings.gateway.port}/health/live",
            env,
        ),
    ]


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback URL)
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start_one(service: Service, log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / f"{service.name}.log").open("ab") as log:
        service.process = subprocess.Popen(  # noqa: S603 (fixed argument list)
            service.command,
            cwd=PROJECT_ROOT,
            env=service.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start(services: list[Service], log_dir: Path) -> None:
    for service in services:
        print(f"==> Starting {service.name}", flush=True)
        start_one(service, log_dir)


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
            if is_healthy(service.health_url):
                pending.discard(service.name)
                print(f"    {service.name} is up ({time.monotonic() - started:.0f} s)", flush=True)
        if pending:
            if time.monotonic() - started > timeout:
                waiting = ", ".join(sorted(pending))
                raise RuntimeError(f"not healthy after {timeout:.0f} s: {waiting}")
            print(f"    waiting for {', '.join(sorted(pending))} ...", end="\r", flush=True)
            time.sleep(1)


def kill_group(service: Service) -> None:
    """SIGKILL what is left of a service's process group (after a crash of its leader)."""
    if service.process is not None:
        try:
            os.killpg(service.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


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
            kill_group(service)
