"""The gateway's own cost per chat turn, with Rasa replaced by a stub that answers at once
(or after `--stub-delay-ms`).

`make bench` compares the gateway with Rasa on a shared 2-core machine, where every figure
moves with Rasa's and the machine's noise. This isolates what the gateway adds (issue #14,
"Gateway overhead"): the real gateway process (`python -m bot.webapp`, SQLite in a temporary
directory) in front of a stub REST channel in a process of its own, one citizen at a time on
the real WebSocket API (`bench/citizen.py`), the load benchmark's Danish script.

Reported: latency over the gateway and straight to the stub (the difference is the gateway's
share of a turn), and the gateway process's CPU time per turn (from /proc, the least noisy
figure). `--cprofile PATH` runs the gateway under cProfile (its main thread only) and writes
its stats there; `--py-spy PATH` samples all its threads during the measured turns with a
py-spy binary given by `--py-spy-binary` (not a dependency of the project), as collapsed stacks.

    .venv/bin/python -m bench.gateway_alone --turns 400 [--cprofile /tmp/gateway.prof]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import aiohttp

from bench.citizen import Citizen
from bench.conversations import SCRIPT
from bench.long_chat import EDGE_TURNS, LongChat
from bench.long_chat import questions as long_chat_questions
from bot.environments import gateway_python
from bot.ports import free_port
from bot.settings import PROJECT_ROOT

# A knowledge answer's size and shape: one text of a few sentences, two buttons.
STUB_ANSWER = ("Når en sag er henlagt, betyder det, at politiet har stoppet efterforskningen. "
               "Du kan klage over afgørelsen inden for fire uger. " * 3).strip()
STUB_RASA = f"""
import asyncio, sys
from aiohttp import web

async def webhook(request):
    body = await request.json()
    await asyncio.sleep(float(sys.argv[2]) / 1000)
    return web.json_response([{{"recipient_id": body["sender"], "text": {STUB_ANSWER!r},
        "buttons": [{{"title": "Hvad kan jeg gøre nu?", "payload": "/ask_next"}},
                    {{"title": "Tal med en borgerrådgiver", "payload": "/request_human"}}]}}])

async def ok(_request):
    return web.Response(text="ok")

app = web.Application()
app.router.add_post("/webhooks/rest/webhook", webhook)
app.router.add_get("/", ok)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None,
            access_log=None)
"""


def _wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (loopback URL)
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def _summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"{name:8} turns {len(ms):4}  p50 {statistics.median(ms):6.1f} ms  "
            f"p95 {p95:6.1f} ms  mean {statistics.fmean(ms):6.1f} ms")


async def _one_chat(base_url: str, turns: int) -> list[float]:
    """All turns in one conversation: does the gateway's share grow with the chat's length?"""
    latencies: list[float] = []
    citizen = Citizen(base_url)
    try:
        await citizen.start(base_url)
        socket = await citizen.connect(base_url)
        for line in long_chat_questions(turns):
            latencies.append((await citizen.say(socket, line)).seconds)
        await socket.close()
    finally:
        await citizen.close()
    return latencies


async def _through_gateway(base_url: str, turns: int, one_chat: bool = False) -> list[float]:
    if one_chat:
        return await _one_chat(base_url, turns)
    latencies: list[float] = []
    while len(latencies) < turns:
        citizen = Citizen(base_url)
        try:
            await citizen.start(base_url)
            socket = await citizen.connect(base_url)
            for line in SCRIPT:
                turn = await citizen.say(socket, line.format(journal="0100-80150-01234-26",
                                                             code="DDDD-4444"))
                latencies.append(turn.seconds)
            await socket.close()
        finally:
            await citizen.close()
    return latencies


async def _straight(stub_url: str, turns: int) -> list[float]:
    latencies: list[float] = []
    async with aiohttp.ClientSession() as client:
        while len(latencies) < turns:
            sender = uuid.uuid4().hex
            for line in SCRIPT:
                started = time.perf_counter()
                async with client.post(f"{stub_url}/webhooks/rest/webhook",
                                       json={"sender": sender, "message": line}) as response:
                    await response.json()
                latencies.append(time.perf_counter() - started)
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--stub-delay-ms", type=float, default=0.0,
                        help="the stub takes this long per answer, as Rasa would: work the "
                             "gateway does while it waits shows as overlap, not as cost")
    parser.add_argument("--one-chat", action="store_true",
                        help="all turns in one conversation; report the first and last turns")
    parser.add_argument("--cprofile", default="", help="write the gateway's cProfile stats here")
    parser.add_argument("--py-spy", default="", help="write py-spy's collapsed stacks here")
    parser.add_argument("--py-spy-binary", default="py-spy")
    args = parser.parse_args(argv)
    stub_port, gateway_port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{gateway_port}"
    stub_url = f"http://127.0.0.1:{stub_port}"
    with tempfile.TemporaryDirectory(prefix="borger-gw-alone-") as tmp:
        env = dict(os.environ, BR_PROFILE="embedded", BR_VAR_DIR=tmp,
                   BR_DATABASE_URL=f"sqlite:///{tmp}/gateway.db",
                   BR_GATEWAY_PORT=str(gateway_port), BR_RASA_URL=stub_url, BR_RASA_URLS="",
                   BR_ALLOWED_ORIGINS=base_url, BR_MESSAGES_PER_MINUTE="100000",
                   BR_SESSIONS_PER_ADDRESS_PER_HOUR="1000000", PYTHONUNBUFFERED="1")
        for name in ("BR_SECRET_KEY", "BR_IDENTITY_CLAIM_KEY", "BR_JWT_SECRET",
                     "BR_TRACKER_KEY", "BR_RASA_TOKEN", "BR_ACTION_SERVER_TOKEN"):
            env.setdefault(name, uuid.uuid4().hex + uuid.uuid4().hex)
        profile = ["-m", "cProfile", "-o", args.cprofile] if args.cprofile else []
        with open(Path(tmp) / "stub.log", "wb") as stub_log, \
                open(Path(tmp) / "gateway.log", "wb") as gateway_log:
            stub = subprocess.Popen(  # noqa: S603 (fixed argument list)
                [sys.executable, "-c", STUB_RASA, str(stub_port), str(args.stub_delay_ms)],
                stdout=stub_log, stderr=subprocess.STDOUT)
            gateway = subprocess.Popen(  # noqa: S603 (fixed argument list)
                [str(gateway_python()), *profile, "-m", "bot.webapp"], cwd=PROJECT_ROOT,
                env=env, stdout=gateway_log, stderr=subprocess.STDOUT)
            try:
                _wait_up(f"{stub_url}/")
                _wait_up(f"{base_url}/health/live")
                # Warm-up: lazily loaded parts (the language detector's models) load here.
                asyncio.run(_through_gateway(base_url, 20))
                spy = subprocess.Popen(  # noqa: S603 (fixed argument list)
                    [args.py_spy_binary, "record", "--pid", str(gateway.pid), "--rate", "500",
                     "--format", "raw", "--output", args.py_spy, "--threads", "--gil"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                ) if args.py_spy else None
                cpu_before = _cpu_seconds(gateway.pid)
                started = time.perf_counter()
                over_gateway = asyncio.run(_through_gateway(base_url, args.turns, args.one_chat))
                elapsed = time.perf_counter() - started
                user, system = (after - before for before, after in
                                zip(cpu_before, _cpu_seconds(gateway.pid), strict=True))
                if spy is not None:
                    spy.send_signal(signal.SIGINT)
                    spy.wait(30)
                straight = asyncio.run(_straight(stub_url, args.turns))
            finally:
                gateway.send_signal(signal.SIGINT)
                stub.send_signal(signal.SIGINT)
                gateway.wait(30)
                stub.wait(30)
    print(_summary("gateway", over_gateway))
    if args.one_chat:
        chat = LongChat("gateway", latencies=over_gateway).summary()
        print(f"one chat: first {EDGE_TURNS} turns {chat.get('first_ms')} ms, "
              f"last {EDGE_TURNS} {chat.get('last_ms')} ms, ratio {chat.get('ratio')}")
    print(_summary("stub", straight))
    print(f"gateway p50 - stub p50: "
          f"{(statistics.median(over_gateway) - statistics.median(straight)) * 1000:.1f} ms")
    turns = len(over_gateway)
    print(f"gateway CPU per turn: {(user + system) / turns * 1000:.1f} ms (user "
          f"{user / turns * 1000:.1f}, system {system / turns * 1000:.1f}; "
          f"{turns / elapsed:.1f} turns/s, conversation starts included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
