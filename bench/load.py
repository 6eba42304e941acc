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
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import aiohttp

from bench.conversations import gateway_conversation, rasa_conversation, run_level
from bench.extras import PLAIN_PROCESSES, Extras, plain_rasa, run_extras
from bench.handover import measure_handover
from bench.measure import TURN_TIMEOUT, CpuMeter, LevelResult, RssSampler
from bench.report import evaluate_targets, render_report, write_report
from bot.ports import free_port, port_is_free
from bot.settings import PROJECT_ROOT, load_settings

ORIGIN_HOST = "127.0.0.1"
EMBEDDED_ACTION_PORT = 5055

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
    from bot.db import make_session_factory, open_engine

    settings = load_settings()
    engine = open_engine(settings.database)
    factory = make_session_factory(engine)
    load_demo(factory)
    username, password = ensure_demo_advisor(factory, var_dir)
    engine.dispose()
    logins = [(login.journal_number, login.receipt_code) for login in demo_logins()]
    return logins, username, password


# ---------------------------------------------------------------- main


async def run_benchmark(env: dict[str, str], levels: list[int], duration: float,
                        logins: list[tuple[str, str]], advisor: tuple[str, str],
                        pids: dict[str, int], handover_rounds: int,
                        extras: Extras | None = None, rounds: int = 1,
                        plain: dict[str, tuple[str, int]] | None = None,
                        plain_levels: tuple[int, ...] = ()) -> dict[str, Any]:
    """The levels, then the extras; each `plain` Rasa (target -> URL, pid) joins the rounds at
    `plain_levels`."""
    plain = plain or {}
    base_url = f"http://127.0.0.1:{env['BR_GATEWAY_PORT']}"
    rasa_url = env["BR_RASA_URL"]
    urls = {"rasa": rasa_url}
    cpu_pids = dict(pids)
    for target, (url, pid) in plain.items():
        urls[target] = url
        cpu_pids[PLAIN_PROCESSES[target]] = pid
    sampler = RssSampler(pids)  # the product's processes only
    sampler.start()
    results: dict[str, Any] = {"levels": []}
    try:
        # Warm both paths once: the first turns load lazily built parts of the pipeline.
        await run_level(1, 3, gateway_conversation(base_url, logins),
                        LevelResult("gateway", 1))
        if handover_rounds:
            results["handover"] = await measure_handover(base_url, *advisor, handover_rounds)
        async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=max(levels, default=0) + 10)) as client:
            for level in levels:
                # The paths take turns, `rounds` times: all see the same drift of the
                # machine's load, and each figure sums all its rounds.
                targets = ["gateway", "rasa"]
                if level in plain_levels:
                    targets.extend(plain)
                measured = {target: (LevelResult(target, level), CpuMeter(cpu_pids))
                            for target in targets}
                for _ in range(rounds):
                    for target, (result, meter) in measured.items():
                        talk = (gateway_conversation(base_url, logins) if target == "gateway"
                                else rasa_conversation(urls[target], client, logins))
                        await run_level(level, duration, talk, result, meter)
                for target, (result, _meter) in measured.items():
                    print(f"    {target:7} {level:3} concurrent: {result.summary()}", flush=True)
                    results["levels"].append(result.summary())
            results.update(await run_extras(base_url, rasa_url, client, extras or Extras()))
    finally:
        await sampler.stop()
        sampler.sample()
    results["rss_mb"] = {name: round(rss / 2**20) for name, rss in sampler.peak.items()}
    results["rss_total_mb"] = round(sampler.peak_total / 2**20)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,20,100", help="concurrent conversations")
    parser.add_argument("--duration", type=float, default=30.0,
                        help="seconds per level, target and round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds per level: gateway and Rasa take turns this many times")
    parser.add_argument("--handover-rounds", type=int, default=5)
    parser.add_argument("--long-chat-turns", type=int, default=200,
                        help="turns of the one long chat (0: skip)")
    parser.add_argument("--capacity-levels", default="60,120,180,240,300,400,500,600",
                        help="open-loop concurrent citizens to try, in order ('': skip)")
    parser.add_argument("--capacity-seconds", type=float, default=90.0)
    parser.add_argument("--plain-rasa-levels", default="100",
                        help="levels (among --levels) at which a single-worker Rasa on the "
                             "same model takes turns too ('': skip)")
    parser.add_argument("--skip-training", action="store_true", help="do not time a training")
    parser.add_argument("--report", default="docs/BENCHMARKS.md")
    parser.add_argument("--notes", default="", help="file whose text follows the results")
    parser.add_argument("--json", default="var/bench/load.json")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.levels.split(",") if n.strip()]
    plain_levels = tuple(int(n) for n in args.plain_rasa_levels.split(",") if n.strip())
    if not set(plain_levels) <= set(levels):
        parser.error("--plain-rasa-levels must be among --levels: plain Rasa takes turns "
                     "with the product in the same rounds")
    extras = Extras(args.long_chat_turns,
                    tuple(int(n) for n in args.capacity_levels.split(",") if n.strip()),
                    args.capacity_seconds)

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
                               "rounds": args.rounds,
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
        service_env = service_environment(settings)
        os.environ["BR_RASA_TOKEN"] = service_env["BR_RASA_TOKEN"]
        services = build_services(settings, model, service_env)
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
            with ExitStack() as stack:
                plain = {target: stack.enter_context(plain_rasa(services, log_dir, target))
                         for target in (PLAIN_PROCESSES if plain_levels else ())}
                print("==> Load", flush=True)
                results.update(asyncio.run(run_benchmark(
                    env, levels, args.duration, logins, (username, password), pids,
                    args.handover_rounds, extras, args.rounds, plain, plain_levels)))
        finally:
            stop(services)
    for name, mb in results.pop("rss_mb").items():
        figures[f"peak RSS, {name} (MB)"] = mb
    figures["peak RSS, all processes together (MB)"] = results.pop("rss_total_mb")
    handover = results.get("handover", {})
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


