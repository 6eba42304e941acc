"""The processes of `make run`: secrets per machine, health waiting, clean stop, endpoints."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from bot.runner import Service, ensure_secret, start, stop, wait_healthy
from tests.ports import free_port


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
