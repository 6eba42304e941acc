"""The processes of `make run`: secrets per machine, health waiting, clean stop, endpoints."""

from __future__ import annotations

import argparse
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import yaml

from bot.environments import gateway_python, rasa_executable
from bot.ports import free_port
from bot.production import EMBEDDED_ENDPOINTS
from bot.runner import Service, build_services, ensure_secret, start, stop, wait_healthy
from bot.runner.services import embedded_endpoints, rasa_worker_env
from bot.settings import load_settings


def test_secret_is_created_once_and_kept_private(tmp_path: Path) -> None:
    first = ensure_secret(tmp_path, "secret_key")
    assert len(first) >= 40
    assert ensure_secret(tmp_path, "secret_key") == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_wait_healthy_returns_once_the_health_url_answers(tmp_path: Path) -> None:
    port = free_port()

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", port), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    service = Service("sleeper", [sys.executable, "-c", "import time; time.sleep(30)"],
                      f"http://127.0.0.1:{port}/", {})
    try:
        start([service], tmp_path)
        wait_healthy([service], timeout=10, log_dir=tmp_path)
    finally:
        stop([service])
        server.shutdown()
    assert service.process is not None and service.process.poll() is not None


def test_wait_healthy_reports_a_process_that_died(tmp_path: Path) -> None:
    service = Service("crasher", [sys.executable, "-c", "raise SystemExit(3)"],
                      f"http://127.0.0.1:{free_port()}/", {})
    start([service], tmp_path)
    with pytest.raises(RuntimeError, match="crasher exited with code 3"):
        wait_healthy([service], timeout=10, log_dir=tmp_path)
    stop([service])


def test_rasa_gets_this_runs_action_server_and_tracker_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BR_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("BR_ACTION_SERVER_URL", "http://127.0.0.1:15055")
    path = embedded_endpoints(load_settings())
    written = yaml.safe_load(path.read_text())
    original = yaml.safe_load(EMBEDDED_ENDPOINTS.read_text())
    assert path.parent == tmp_path
    assert written["action_endpoint"]["url"] == "http://127.0.0.1:15055/webhook"
    assert written["tracker_store"]["db"] == str(tmp_path / "rasa_tracker.db")
    assert written["lock_store"]["db"] == str(tmp_path / "rasa_locks.db")
    # Everything else (store type, encryption, lock store type ...) as in endpoints.yml.
    for section, values in original.items():
        for key, value in values.items():
            if (section, key) not in {("action_endpoint", "url"), ("tracker_store", "db"),
                                      ("lock_store", "db")}:
                assert written[section][key] == value, (section, key)


def test_rasa_and_the_action_server_run_in_the_rasa_environment_the_gateway_in_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BR_VAR_DIR", str(tmp_path))
    services = {s.name: s for s in build_services(load_settings(), tmp_path / "model.tar.gz",
                                                  {"BR_RASA_TOKEN": "t"})}
    assert services["rasa"].command[:4] == [str(rasa_executable("python")), "-m",
                                            "bot.rasa_server", "run"]
    assert services["actions"].command[0] == str(rasa_executable("python"))
    assert services["gateway"].command[:3] == [str(gateway_python()), "-m", "bot.webapp"]


def test_a_rasa_token_that_starts_with_a_dash_reaches_rasa_as_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """token_urlsafe starts with "-" once in 64 tries; as a separate argument, Rasa's argparse
    took it for an option and Rasa exited with "expected one argument"."""
    monkeypatch.setenv("BR_VAR_DIR", str(tmp_path))
    services = {s.name: s for s in build_services(load_settings(), tmp_path / "model.tar.gz",
                                                  {"BR_RASA_TOKEN": "-Ab3_x"})}
    parser = argparse.ArgumentParser()  # parses "--auth-token" the way `rasa run` does
    parser.add_argument("-t", "--auth-token")
    parsed, _ = parser.parse_known_args(services["rasa"].command[2:])
    assert parsed.auth_token == "-Ab3_x"


def test_embedded_rasa_runs_one_worker_per_core_unless_asked_and_splits_tensorflows_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert rasa_worker_env({"TF_INTRA_OP_PARALLELISM_THREADS": "2"}) == {
        "SANIC_WORKERS": "2", "TF_INTRA_OP_PARALLELISM_THREADS": "1"}
    assert rasa_worker_env({"BR_RASA_WORKERS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}) == {
        "SANIC_WORKERS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}
