"""`make bench`: load benchmark of the embedded profile, gateway against plain Rasa.

Starts the product as `make run` does (action server, Rasa, gateway; SQLite in a temporary
var/ directory, demo cases and the demo advisor loaded, rate limits raised), then measures:

- training time (a forced `rasa train` into a temporary directory) and cold start;
- simulated citizens over the gateway's real WebSocket API (`bench/citizen.py`) with a
  Danish conversation (knowledge questions, a case-status lookup with a demo login, a
  handover request), at each concurrency level for a fixed time: messages/s, latency
  p50/p95/p99 (message sent -> first line of the answer on the socket), errors;
- the same message mix straight to Rasa's REST channel, same levels, same run;
- handover latency: the bot's decision (its handover line on the citizen's socket) to the
  new chat in the advisor's live queue (console WebSocket), and an advisor's message to the
  citizen's socket;
- peak RSS of each process tree while all this runs.

Loopback only; every loop is bounded by a deadline and every wait by a timeout.
Results: printed, written as JSON (`--json`), and as the "Load" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.citizen import Citizen
from bot.settings import PROJECT_ROOT, load_settings

ORIGIN_HOST = "127.0.0.1"
REPORT_START = "## Load (embedded profile)"
TURN_TIMEOUT = 30.0
EMBEDDED_ACTION_PORT = 5055

# One citizen's conversation; {journal} and {code} come from a demo login.
SCRIPT = (
    "hej",
    "hvad betyder det at min sag er henlagt",
    "hvor har du det fra?",
    "hvor langt er min sag?",
    "{journal}",
    "{code}",
    "hvornår er fristen for erstatning fra staten",
    "hvordan anmelder jeg et indbrud fra i går",
    "tak",
    "jeg vil tale med et menneske",
)


# ---------------------------------------------------------------- measurements


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class LevelResult:
    target: str  # "gateway" or "rasa"
    concurrency: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def summary(self) -> dict[str, Any]:
        ms = [v * 1000 for v in self.latencies]
        return {
            "target": self.target, "concurrency": self.concurrency,
            "messages": len(ms), "seconds": round(self.seconds, 1),
            "per_second": round(len(ms) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(ms, 0.50)), "p95_ms": round(percentile(ms, 0.95)),
            "p99_ms": round(percentile(ms, 0.99)), "errors": self.errors,
            "error_kinds": self.error_kinds,
        }


def process_tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, pending = 0, [root_pid]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class RssSampler:
    """Peak RSS per service and of all together, sampled every half second."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.peak: dict[str, int] = dict.fromkeys(pids, 0)
        self.peak_total = 0
        self._task: asyncio.Task[None] | None = None

    def sample(self) -> None:
        now = {name: process_tree_rss(pid) for name, pid in self.pids.items()}
        for name, rss in now.items():
            self.peak[name] = max(self.peak[name], rss)
        self.peak_total = max(self.peak_total, sum(now.values()))

    async def _run(self) -> None:
        while True:
            await asyncio.get_running_loop().run_in_executor(None, self.sample)
            await asyncio.sleep(0.5)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


# ---------------------------------------------------------------- load


def script_for(number: int, logins: list[tuple[str, str]]) -> list[str]:
    journal, code = logins[number % len(logins)]
    return [line.format(journal=journal, code=code) for line in SCRIPT]


async def run_level(
    concurrency: int, duration: float, conversation: Callable[[int, float, LevelResult],
                                                              Awaitable[None]],
    result: LevelResult,
) -> LevelResult:
    """`concurrency` citizens, each running conversations until the deadline."""
    started = time.perf_counter()
    deadline = started + duration

    async def citizen(number: int) -> None:
        rounds = 0
        while time.perf_counter() < deadline and rounds < 1000:
            await conversation(number * 1000 + rounds, deadline, result)
            rounds += 1

    await asyncio.gather(*(citizen(n) for n in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


def gateway_conversation(base_url: str, logins: list[tuple[str, str]]) -> Callable[
        [int, float, LevelResult], Awaitable[None]]:
    origin = base_url

    async def talk(number: int, deadline: float, result: LevelResult) -> None:
        citizen = Citizen(origin)
        try:
            await citizen.start(base_url)
            socket = await citizen.connect(base_url)
            for line in script_for(number, logins):
                if time.perf_counter() >= deadline:
                    break
                try:
                    turn = await citizen.say(socket, line, timeout=TURN_TIMEOUT)
                except TimeoutError:
                    result.error("timeout")
                    break
                except RuntimeError as exc:
                    result.error(str(exc)[:40])
                    break
                result.latencies.append(turn.seconds)
                if turn.reply.get("sender") == "system":
                    result.error("system notice (bot unavailable)")
            await socket.close()
        except (aiohttp.ClientError, RuntimeError, asyncio.TimeoutError) as exc:
            result.error(type(exc).__name__)
            await asyncio.sleep(0.5)
        finally:
            await citizen.close()

    return talk


def rasa_conversation(rasa_url: str, client: aiohttp.ClientSession,
                      logins: list[tuple[str, str]]) -> Callable[
        [int, float, LevelResult], Awaitable[None]]:
    url = f"{rasa_url}/webhooks/rest/webhook"

    async def talk(number: int, deadline: float, result: LevelResult) -> None:
        sender = uuid.uuid4().hex
        for line in script_for(number, logins):
            if time.perf_counter() >= deadline:
                break
            started = time.perf_counter()
            try:
                async with client.post(url, json={"sender": sender, "message": line,
                                                  "metadata": {"br_channel": "web"}},
                                       timeout=aiohttp.ClientTimeout(total=TURN_TIMEOUT)) as r:
                    body = await r.json(content_type=None)
                    status = r.status
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
                result.error(type(exc).__name__)
                break
            elapsed = time.perf_counter() - started
            if status != 200 or not body:
                result.error(f"HTTP {status}" if status != 200 else "empty answer")
                continue
            result.latencies.append(elapsed)

    return talk


# ---------------------------------------------------------------- handover


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


async def advisor_login(base_url: str, username: str, password: str) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.get(f"{base_url}/console/login") as response:
        token = CSRF.search(await response.text())
    if token is None:
        raise RuntimeError("console login page has no CSRF token")
    async with http.post(f"{base_url}/console/login", allow_redirects=False, data={
            "username": username, "password": password, "csrf_token": token.group(1)}) as r:
        if r.status != 302:
            raise RuntimeError(f"console login failed: HTTP {r.status}")
    return http


async def measure_handover(base_url: str, username: str, password: str,
                           rounds: int) -> dict[str, Any]:
    advisor = await advisor_login(base_url, username, password)
    async with advisor.get(f"{base_url}/console/") as response:
        found = CSRF.search(await response.text())
    if found is None:
        raise RuntimeError("console queue page has no CSRF token")
    csrf = found.group(1)
    live = await advisor.ws_connect(f"{base_url.replace('http', 'ws', 1)}/console/ws",
                                    headers={"Origin": base_url})
    queue_frames: list[tuple[float, set[int]]] = []
    changed = asyncio.Event()

    async def read_live() -> None:
        async for frame in live:
            if frame.type == aiohttp.WSMsgType.TEXT:
                data = frame.json()
                if data.get("type") == "queue":
                    ids = {int(item["id"]) for item in data.get("waiting", [])}
                    queue_frames.append((time.perf_counter(), ids))
                    changed.set()

    reader = asyncio.get_running_loop().create_task(read_live())
    to_screen, request_to_screen, advisor_to_citizen = [], [], []
    try:
        for number in range(rounds):
            known = set().union(*(ids for _, ids in queue_frames)) if queue_frames else set()
            citizen = Citizen(base_url)
            try:
                await citizen.start(base_url)
                socket = await citizen.connect(base_url)
                turn = await citizen.say(socket, "jeg vil tale med et menneske",
                                         timeout=TURN_TIMEOUT)
                decided = time.perf_counter()
                asked = decided - turn.seconds
                new_id = None
                deadline = time.perf_counter() + 10
                while new_id is None and time.perf_counter() < deadline:
                    for at, ids in queue_frames:
                        fresh = ids - known
                        if at >= asked and fresh:
                            new_id, seen_at = max(fresh), at
                            break
                    if new_id is None:
                        changed.clear()
                        try:
                            await asyncio.wait_for(changed.wait(), 1)
                        except asyncio.TimeoutError:
                            continue
                if new_id is None:
                    raise RuntimeError(
                        f"handover {number} never reached the advisor's queue; the bot said "
                        f"{turn.reply.get('text')!r}; queue frames: {queue_frames[-3:]}")
                to_screen.append(max(0.0, seen_at - decided))
                request_to_screen.append(seen_at - asked)
                async with advisor.post(f"{base_url}/console/handovers/{new_id}/claim",
                                        data={"csrf_token": csrf}, allow_redirects=False) as r:
                    if r.status != 302:
                        raise RuntimeError(f"claim failed: HTTP {r.status}")
                text = f"Hej, jeg hedder Ida. Hvad kan jeg hjælpe med? ({number})"
                sent = time.perf_counter()
                async with advisor.post(
                        f"{base_url}/console/handovers/{new_id}/messages",
                        data={"csrf_token": csrf, "text": text},
                        headers={"Accept": "application/json"}) as r:
                    if r.status != 200:
                        raise RuntimeError(f"advisor message failed: HTTP {r.status}")
                await socket.wait_for(lambda f, t=text: f.get("text") == t, 10)
                advisor_to_citizen.append(time.perf_counter() - sent)
                await socket.close()
            finally:
                await citizen.close()
    finally:
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
        await live.close()
        await advisor.close()

    def stats(values: list[float]) -> dict[str, float]:
        ms = [v * 1000 for v in values]
        return {"median_ms": round(statistics.median(ms), 1), "max_ms": round(max(ms), 1)}

    return {"rounds": rounds, "decision_to_advisor_screen": stats(to_screen),
            "citizen_request_to_advisor_screen": stats(request_to_screen),
            "advisor_message_to_citizen": stats(advisor_to_citizen)}


# ---------------------------------------------------------------- setup


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "cores": str(os.cpu_count())}
    try:
        lscpu = subprocess.run(  # noqa: S603 (fixed argument list)
            [shutil.which("lscpu") or "/usr/bin/lscpu"], capture_output=True, text=True,
            check=False,
        ).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(handle.readline().split()[1])
        info["ram_gb"] = f"{kb / 1024 / 1024:.1f}"
        with open("/proc/loadavg", encoding="utf-8") as handle:
            info["load_before"] = " ".join(handle.read().split()[:3])
    except (OSError, ValueError):
        pass
    return info


def measure_training(tmp: Path) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 (fixed argument list)
        [str(Path(sys.executable).parent / "rasa"), "train", "--config", "config.yml",
         "--domain", "domain", "--data", "data", "--out", str(tmp), "--force",
         "--fixed-model-name", "bench"],
        cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def bench_environment(var_dir: Path) -> dict[str, str]:
    gateway_port = free_port()
    return {
        "BR_PROFILE": "embedded",
        "BR_VAR_DIR": str(var_dir),
        "BR_DATABASE_URL": f"sqlite:///{var_dir / 'bench.db'}",
        "BR_GATEWAY_PORT": str(gateway_port),
        "BR_RASA_URL": f"http://127.0.0.1:{free_port()}",
        "BR_RASA_URLS": "",
        # endpoints.yml of the embedded profile names this port for the action server.
        "BR_ACTION_SERVER_URL": f"http://127.0.0.1:{EMBEDDED_ACTION_PORT}",
        "BR_ALLOWED_ORIGINS": f"http://{ORIGIN_HOST}:{gateway_port}",
        # The benchmark is one address opening hundreds of chats at full speed.
        "BR_MESSAGES_PER_MINUTE": "100000",
        "BR_SESSIONS_PER_ADDRESS_PER_HOUR": "1000000",
        "BR_RASA_TIMEOUT_SECONDS": str(TURN_TIMEOUT),
        # Advisors answer at any hour during the benchmark.
        "BR_OFFICE_HOURS": "mon-sun 00:00-23:59",
        "BR_CLOSED_ON_CONSTITUTION_DAY": "0",
        "BR_CLOSED_ON_CHRISTMAS_EVE": "0",
    }


def prepare_database(var_dir: Path) -> tuple[list[tuple[str, str]], str, str]:
    from bot.cases.demo import demo_logins, load_demo
    from bot.console.demo import ensure_demo_advisor
    from bot.db import create_all, make_engine, make_session_factory

    settings = load_settings()
    engine = make_engine(settings.database)
    create_all(engine)
    factory = make_session_factory(engine)
    load_demo(factory)
    username, password = ensure_demo_advisor(factory, var_dir)
    engine.dispose()
    logins = [(login.journal_number, login.receipt_code) for login in demo_logins()]
    return logins, username, password


# ---------------------------------------------------------------- report


def render_report(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        REPORT_START, "",
        "What: `make bench` (`bench/load.py`) starts the embedded profile as `make run` does "
        "(SQLite, one action server, one Rasa server, one gateway; rate limits raised through "
        "the environment), and drives simulated citizens over the gateway's real WebSocket API "
        "with a Danish conversation of ten turns (greeting, two knowledge questions, a "
        "case-status lookup with a demo journal number and receipt code, two more questions, "
        "thanks, a handover request). Each level runs for a fixed time; then the same message "
        "mix goes straight to Rasa's REST channel in the same run. Latency is message sent -> "
        "first line of the answer (on the socket, or the REST response).", "",
        f"Machine: {m.get('cores')} cores, `lscpu` model name \"{m.get('cpu', '?')}\", "
        f"{m.get('ram_gb', '?')} GB RAM, Python {m.get('python')}; load average before the "
        f"run {m.get('load_before', '?')} (the machine is shared with other jobs). "
        f"Run at {results['when']}, {results['duration']} s per level and target.", "",
        "| target | concurrent | messages | msg/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["levels"]:
        lines.append(f"| {row['target']} | {row['concurrency']} | {row['messages']} | "
                     f"{row['per_second']} | {row['p50_ms']} | {row['p95_ms']} | "
                     f"{row['p99_ms']} | {row['errors']} |")
    lines += ["", "| | value |", "|---|---|"]
    for key, value in results["figures"].items():
        lines.append(f"| {key} | {value} |")
    lines += ["", "### Targets", "", "| target | measured | met? |", "|---|---|---|"]
    for target, measured, met in results["targets"]:
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    lines += ["", "Raw numbers: `var/bench/load.json` of the run.", ""]
    return "\n".join(lines)


def write_report(path: Path, section: str, notes: str, heading: str = REPORT_START) -> None:
    """Replace the section that starts with `heading` (or append it), keeping the others."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    before, _, after = text.partition(heading)
    rest = ""
    if after:
        # Keep the sections that follow ours (each starts with "## ").
        following = re.search(r"^## ", after[1:], flags=re.MULTILINE)
        rest = after[1 + following.start():] if following else ""
    notes_block = f"\n{notes.strip()}\n" if notes.strip() else ""
    tail = "\n" + rest if rest else ""
    path.write_text(before.rstrip() + "\n\n" + section + notes_block + tail)


def evaluate_targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    by = {(r["target"], r["concurrency"]): r for r in results["levels"]}
    targets: list[tuple[str, str, bool]] = []
    if ("gateway", 1) in by and ("rasa", 1) in by:
        g, r = by[("gateway", 1)]["p50_ms"], by[("rasa", 1)]["p50_ms"]
        overhead = (g - r) / r * 100 if r else float("nan")
        targets.append(("gateway overhead <= 10% of Rasa's p50 (1 concurrent)",
                        f"{g} vs {r} ms: {overhead:+.0f}%", overhead <= 10))
    for level in (20, 100):
        if ("gateway", level) in by and ("rasa", level) in by:
            g, r = by[("gateway", level)]["p50_ms"], by[("rasa", level)]["p50_ms"]
            overhead = (g - r) / r * 100 if r else float("nan")
            targets.append((f"gateway overhead <= 10% of Rasa's p50 ({level} concurrent)",
                            f"{g} vs {r} ms: {overhead:+.0f}%", overhead <= 10))
    if ("gateway", 20) in by:
        p95 = by[("gateway", 20)]["p95_ms"]
        targets.append(("p95 < 250 ms at 20 concurrent", f"{p95} ms", p95 < 250))
    if ("gateway", 100) in by:
        row = by[("gateway", 100)]
        targets.append((">= 40 msg/s at 100 concurrent, zero errors",
                        f"{row['per_second']} msg/s, {row['errors']} errors",
                        row["per_second"] >= 40 and row["errors"] == 0))
    handover = results.get("handover")
    if handover:
        value = handover["decision_to_advisor_screen"]["max_ms"]
        targets.append(("handover visible to the advisor within 200 ms",
                        f"max {value} ms (median "
                        f"{handover['decision_to_advisor_screen']['median_ms']} ms)",
                        value <= 200))
    cold = results["figures"].get("cold start, all processes healthy (s)")
    if cold is not None:
        targets.append(("cold start < 60 s", f"{cold} s", cold < 60))
    total = results["figures"].get("peak RSS, all processes together (MB)")
    if total is not None:
        targets.append(("all processes < 2.5 GB RSS", f"{total} MB", total < 2560))
    return targets


# ---------------------------------------------------------------- main


async def run_benchmark(env: dict[str, str], levels: list[int], duration: float,
                        logins: list[tuple[str, str]], advisor: tuple[str, str],
                        pids: dict[str, int], handover_rounds: int) -> dict[str, Any]:
    base_url = f"http://127.0.0.1:{env['BR_GATEWAY_PORT']}"
    rasa_url = env["BR_RASA_URL"]
    sampler = RssSampler(pids)
    sampler.start()
    results: dict[str, Any] = {"levels": []}
    try:
        # Warm both paths once: the first turns load lazily built parts of the pipeline.
        await run_level(1, 3, gateway_conversation(base_url, logins),
                        LevelResult("gateway", 1))
        results["handover"] = await measure_handover(base_url, *advisor, handover_rounds)
        async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=max(levels) + 10)) as client:
            for level in levels:
                for target in ("gateway", "rasa"):
                    talk = (gateway_conversation(base_url, logins) if target == "gateway"
                            else rasa_conversation(rasa_url, client, logins))
                    result = await run_level(level, duration, talk,
                                             LevelResult(target, level))
                    print(f"    {target:7} {level:3} concurrent: {result.summary()}", flush=True)
                    results["levels"].append(result.summary())
    finally:
        await sampler.stop()
        sampler.sample()
    results["rss_mb"] = {name: round(rss / 2**20) for name, rss in sampler.peak.items()}
    results["rss_total_mb"] = round(sampler.peak_total / 2**20)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,20,100", help="concurrent conversations")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level/target")
    parser.add_argument("--handover-rounds", type=int, default=5)
    parser.add_argument("--skip-training", action="store_true", help="do not time a training")
    parser.add_argument("--report", default="docs/BENCHMARKS.md")
    parser.add_argument("--notes", default="", help="file whose text follows the results")
    parser.add_argument("--json", default="var/bench/load.json")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.levels.split(",") if n.strip()]

    from bot.build import latest_model
    from bot.runner import build_services, service_environment, start, stop, wait_healthy

    model = latest_model()
    if model is None:
        print("ERROR: no trained model for the current data; run 'make train' first.",
              file=sys.stderr)
        return 1
    if not port_is_free(EMBEDDED_ACTION_PORT):
        print(f"ERROR: port {EMBEDDED_ACTION_PORT} is in use (is `make run` running?); the "
              "embedded profile's action server needs it.", file=sys.stderr)
        return 1
    results: dict[str, Any] = {"machine": machine(), "duration": args.duration,
                               "when": time.strftime("%Y-%m-%d %H:%M"), "figures": {}}
    figures = results["figures"]
    with tempfile.TemporaryDirectory(prefix="borger-bench-") as tmp:
        if not args.skip_training:
            print("==> Timing a full training (rasa train --force)", flush=True)
            figures["training time, full (s)"] = round(measure_training(Path(tmp)), 1)
        var_dir = Path(tmp) / "var"
        var_dir.mkdir()
        env = bench_environment(var_dir)
        os.environ.update(env)
        logins, username, password = prepare_database(var_dir)
        settings = load_settings()
        services = build_services(settings, model, service_environment(settings))
        # Outside the temporary directory, so a failed run can be diagnosed.
        log_dir = PROJECT_ROOT / "var" / "bench" / "logs"
        for old in log_dir.glob("*.log"):
            old.unlink()
        print("==> Cold start: actions, Rasa, gateway", flush=True)
        started = time.perf_counter()
        start(services, log_dir)
        try:
            wait_healthy(services, 300, log_dir)
            figures["cold start, all processes healthy (s)"] = round(
                time.perf_counter() - started, 1)
            pids = {s.name: s.process.pid for s in services if s.process is not None}
            print("==> Load", flush=True)
            results.update(asyncio.run(run_benchmark(
                env, levels, args.duration, logins, (username, password), pids,
                args.handover_rounds)))
        finally:
            stop(services)
    for name, mb in results.pop("rss_mb").items():
        figures[f"peak RSS, {name} (MB)"] = mb
    figures["peak RSS, all processes together (MB)"] = results.pop("rss_total_mb")
    handover = results["handover"]
    for key, value in handover.items():
        if isinstance(value, dict):
            figures[f"handover: {key.replace('_', ' ')} (ms, median / max)"] = (
                f"{value['median_ms']} / {value['max_ms']}")
    results["targets"] = evaluate_targets(results)
    json_path = PROJECT_ROOT / args.json
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    notes = Path(args.notes).read_text() if args.notes else ""
    write_report(PROJECT_ROOT / args.report, render_report(results), notes)
    print(render_report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


