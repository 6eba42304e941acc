"""The public server runs current aiohttp in its own environment and names no library versions.

Rasa 3.6 pins aiohttp < 3.10, whose advisories (decompression bombs, request smuggling in the
pure-Python parser) the internet-facing gateway must not carry; so the gateway runs in
`.venv-gateway` (SECURITY.md "Library versions"). The probes go to a real gateway process
started with the interpreter the runner uses, including requests so malformed that aiohttp's
HTTP parser answers them before any of our code runs.
"""

from __future__ import annotations

import http.client
import importlib.metadata
import re
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.environments import gateway_python
from bot.ports import free_port
from tests.reliability.processes import ManagedProcess, base_environment

# "aiohttp/3.14.5", "Python/3.10", "SQLAlchemy 2.0.58", "yarl 1.25" ...
VERSION_LEAK = re.compile(
    r"(aiohttp|python|yarl|multidict|sqlalchemy|jinja2?|redis|psycopg2?|gunicorn|uvloop)"
    r"[/ -]?v?\d+\.\d+",
    re.IGNORECASE,
)
MALFORMED_REQUESTS = (
    b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n",
    b"BLAH\r\n\r\n",
    b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n",
    b"POST /api/messages HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_gateway_environment_runs_aiohttp_3_14_or_newer_without_rasa() -> None:
    probe = subprocess.run(
        [str(gateway_python()), "-c",
         "import importlib.util, aiohttp, yarl, multidict; "
         "print(aiohttp.__version__, yarl.__version__, multidict.__version__, "
         "importlib.util.find_spec('rasa') is None)"],
        capture_output=True, text=True, check=True, timeout=60,
    )
    aiohttp_version, yarl_version, _multidict, no_rasa = probe.stdout.split()
    assert _version(aiohttp_version) >= (3, 14), aiohttp_version
    assert _version(yarl_version) >= (1, 10), yarl_version  # no yarl<1.10 workaround here
    assert no_rasa == "True"
    # These tests run in the same environment as the gateway they start.
    assert importlib.metadata.version("aiohttp") == aiohttp_version


@pytest.fixture(scope="module")
def gateway_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("versions")
    port = free_port()
    env = base_environment(workdir, f"sqlite:///{workdir / 'db.sqlite'}")
    env.update({"BR_GATEWAY_PORT": str(port), "BR_SECRET_KEY": "versions-test-key",
                "BR_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}",
                # Nothing listens there: /health reports them as down, which is fine here.
                "BR_RASA_URL": f"http://127.0.0.1:{free_port()}",
                "BR_ACTION_SERVER_URL": f"http://127.0.0.1:{free_port()}"})
    process = ManagedProcess("gateway", [str(gateway_python()), "-m", "bot.webapp"],
                             f"http://127.0.0.1:{port}/health/live", env,
                             Path(workdir) / "gateway.log")
    process.start()
    try:
        process.wait_healthy(60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.stop()


def _assert_no_versions(where: str, headers: dict[str, str], body: str) -> None:
    assert headers.get("Server", headers.get("server")) == "borgerraadgiveren", (where, headers)
    for name, value in headers.items():
        assert not VERSION_LEAK.search(f"{name}: {value}"), (where, name, value)
    assert not VERSION_LEAK.search(body), (where, VERSION_LEAK.search(body))


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/", {}),
        ("GET", "/health", {}),
        ("GET", "/health/live", {}),
        ("GET", "/static/widget.js", {}),
        ("GET", "/console/login", {}),
        ("GET", "/console/", {}),
        ("POST", "/api/session", {"Origin": "http://evil.example"}),
        ("GET", "/api/messages?after=0", {}),
        ("GET", "/no/such/page", {}),
        ("DELETE", "/health", {}),
        ("GET", "/api/ws", {"Connection": "Upgrade", "Upgrade": "websocket",
                            "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "x"}),
    ],
)
def test_no_public_endpoint_names_a_library_version(
    gateway_url: str, method: str, path: str, headers: dict[str, str]
) -> None:
    connection = http.client.HTTPConnection(gateway_url.removeprefix("http://"), timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
    finally:
        connection.close()
    _assert_no_versions(f"{method} {path}", dict(response.getheaders()), body)


@pytest.mark.parametrize("raw", MALFORMED_REQUESTS, ids=lambda raw: repr(raw[:24]))
def test_malformed_requests_get_an_error_that_names_no_version(
    gateway_url: str, raw: bytes
) -> None:
    host, port = gateway_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(raw)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.decode(errors="replace").partition("\r\n\r\n")
    assert head.split(" ")[1] == "400", head
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    _assert_no_versions(repr(raw[:24]), headers, body)
