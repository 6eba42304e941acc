"""`make run` keeps serving when one of its processes dies, and a second one starts nothing.

The real runner (`python -m bot.cli run`) with the trained model: processes are killed with
SIGKILL, as an out-of-memory kill would; the runner restarts them, the gateway's `/health`
says "degraded" meanwhile, and a citizen's message sent while Rasa restarts is answered
once it is back. Crash loops and back-off timing: tests/bot/runner/test_supervisor.py.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.chat import texts
from bot.environments import rasa_executable
from bot.settings import PROJECT_ROOT
from tests.ahead import take
from tests.reliability.product import (
    SUPERVISED_PRODUCT_KEY,
    HttpCitizen,
    Product,
    process_alive,
    start_supervised_product,
)

pytestmark = pytest.mark.model

QUESTION = "hvad er en henlæggelse"


@pytest.fixture(scope="module")
def product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Product]:
    # Usually started ahead, beside the session's first tests (tests/ahead.py).
    running = take(SUPERVISED_PRODUCT_KEY) or start_supervised_product(
        tmp_path_factory.mktemp("supervised") / "var")
    var_dir = running.var_dir
    yield running
    pids = running.all_pids()
    assert running.stop() == 0, running.output()
    # Only Ctrl-C / SIGTERM stops everything, and then everything.
    assert [pid for pid in pids if process_alive(pid)] == []
    assert "==> All processes stopped." in running.output()
    assert not (var_dir / "runner.json").exists()


@pytest.fixture
async def citizen(product: Product) -> AsyncIterator[HttpCitizen]:
    browser = HttpCitizen(product, "supervised")
    await browser.start()
    yield browser
    await browser.close()


def _health(product: Product) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"{product.url}/health", timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_second_run_names_each_port_and_its_holder_and_starts_nothing(
    product: Product, tmp_path: Path
) -> None:
    other_var = tmp_path / "second"
    env = {**product.env, "BR_VAR_DIR": str(other_var)}
    second = subprocess.run(
        [str(rasa_executable("python")), "-m", "bot.cli", "run"], cwd=PROJECT_ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == 1
    assert "Borgerrådgiveren is running." not in second.stdout
    errors = second.stderr
    for service, setting, command in (
        ("gateway", "BR_GATEWAY_PORT", "bot.webapp"),
        ("rasa", "BR_RASA_URL", "bot.rasa_server run"),
        ("actions", "BR_ACTION_SERVER_URL", "rasa_sdk"),
    ):
        port = product.env[setting].rsplit(":", 1)[-1]
        line = next(x for x in errors.splitlines() if x.startswith(f"ERROR: port {port} "))
        assert f"({service}) is already in use by pid {product.pid(service)} (" in line
        assert command in line and f"choose another port with {setting}" in line
    # Rasa's command line carries its API token; the message never does.
    assert (product.var_dir / "rasa_token").read_text().strip() not in errors
    assert errors.rstrip().endswith("Nothing was started.")
    assert not (other_var / "logs").exists() and not (other_var / "runner.json").exists()
    # The same var/ directory: told that it already runs, by whom.
    same = subprocess.run(
        [str(rasa_executable("python")), "-m", "bot.cli", "run"], cwd=PROJECT_ROOT,
        env=product.env, capture_output=True, text=True, timeout=120, check=False)
    assert same.returncode == 1 and product.process is not None
    assert (f"already running from {product.var_dir} (runner pid {product.process.pid})"
            in same.stderr)


def test_a_killed_action_server_and_gateway_are_restarted_and_health_says_degraded_meanwhile(
    product: Product,
) -> None:
    assert _health(product)[0] == 200
    killed = product.kill("actions")
    seen_degraded: dict[str, Any] = {}
    deadline = time.monotonic() + 60
    while True:
        status, body = _health(product)
        if status == 503:
            seen_degraded = body
        elif seen_degraded and product.status()["services"]["actions"]["state"] == "up":
            break
        assert time.monotonic() < deadline, product.output()
        time.sleep(0.1)
    assert seen_degraded == {"status": "degraded", "checks": {
        "rasa": True, "action_server": False, "database": True}}
    assert "!! actions exited with code -9 (SIGKILL); restarting in 1 s" in product.output()
    entry = product.wait_state("actions", "up")
    assert (entry["restarts"], entry["last_exit"]) == (1, -9) and entry["pid"] != killed
    assert not process_alive(killed)

    killed = product.kill("gateway")
    product.wait_for_output("!! gateway exited with code -9 (SIGKILL)")
    entry = product.wait_state("gateway", "up", timeout=60)
    assert entry["restarts"] == 1 and entry["pid"] != killed
    assert _health(product) == (200, {"status": "ok", "checks": {
        "rasa": True, "action_server": True, "database": True}})


async def test_a_message_sent_while_rasa_restarts_is_answered_once_when_it_is_back(
    product: Product, citizen: HttpCitizen
) -> None:
    await citizen.turn("hej")
    product.kill("rasa")
    product.wait_for_output("!! rasa exited with code -9 (SIGKILL)")
    notice = await citizen.turn(QUESTION)
    assert [(m["sender"], m["text"]) for m in notice] == [("system", texts.BOT_QUEUED)]
    assert _health(product)[1]["checks"]["rasa"] is False

    product.wait_state("rasa", "up")
    asked = next(m for m in await citizen.history() if m["text"] == QUESTION)
    deadline = time.monotonic() + 60
    # Only a bot line after the question counts: the greeting's answer is already there.
    while not any(m["sender"] == "bot" and m["seq"] > asked["seq"]
                  for m in await citizen.history()):
        assert time.monotonic() < deadline, "the queued question was never answered"
        await asyncio.sleep(0.5)
    await asyncio.sleep(2)  # the redelivery's next rounds add nothing
    lines = await citizen.history()
    after = [m for m in lines if m["seq"] > asked["seq"]]
    senders = [m["sender"] for m in after]
    assert senders[0] == "system" and len(senders) > 1 and set(senders[1:]) == {"bot"}
    assert [m["seq"] for m in lines] == list(range(1, len(lines) + 1))
    # Rasa ran the question exactly once.
    token = (product.var_dir / "rasa_token").read_text().strip()
    session_id = next(c.value for c in citizen.http.cookie_jar
                      if c.key == "br_chat").rpartition(".")[0]
    url = f"{product.env['BR_RASA_URL']}/conversations/{session_id}/tracker?token={token}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        events = json.loads(response.read())["events"]
    assert [e.get("text") for e in events if e.get("event") == "user"].count(QUESTION) == 1
    assert product.status()["services"]["rasa"]["restarts"] == 1
