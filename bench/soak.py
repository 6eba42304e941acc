"""`make soak`: the embedded profile under simulated citizens for a long time, with faults.

- Starts the product as `make run` does (`python -m bot.cli run`, the supervising runner) in
  var/soak/ on free ports, rate limits raised (all citizens come from one address).
- Simulated citizens (`bench/soak_citizen.py`) talk over the WebSocket like the widget, with
  think times, conversation after conversation.
- Every few minutes one random process (action server, Rasa, gateway) is killed with
  SIGKILL, once the runner reports all of them up; now and then a writer holds SQLite's write
  lock on var/borgerraadgiveren.db for 10 s.
- At the end no new messages; a drain until every message has its answer (or a timeout);
  then the counts from each chat's transcript and Rasa's tracker (`bench/soak_count.py`).

Loopback only, bounded: every loop has a deadline. Results: printed, var/bench/soak.json,
and the "Soak with faults" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import aiohttp

from bench.load import machine
from bench.measure import process_tree_rss
from bench.product import Product, product_environment
from bench.report import write_report
from bench.soak_citizen import SoakCitizen
from bench.soak_count import Outcome, Sent, classify, rasa_turns, summarise
from bot.settings import PROJECT_ROOT

REPORT_HEADING = "## Soak with faults"
SERVICES = ("actions", "rasa", "gateway")


class Faults:
    """Kills and database locks on a schedule, with a log of what was done when."""

    def __init__(self, product: Product, rng: random.Random, started: float) -> None:
        self.product, self.rng, self.started = product, rng, started
        self.log: list[dict[str, Any]] = []

    def note(self, kind: str, **detail: Any) -> None:
        entry = {"at_s": round(time.monotonic() - self.started), "kind": kind, **detail}
        self.log.append(entry)
        print(f"    fault at {entry['at_s']} s: {kind} {detail}", flush=True)

    async def kills(self, every: float, stop_at: float) -> None:
        while time.monotonic() + every < stop_at:
            await asyncio.sleep(every)
            while not all(e["state"] == "up" for e in self.product.status()["services"].values()):
                await asyncio.sleep(1)  # one fault at a time: wait for the last restart
            service = self.rng.choice(SERVICES)
            self.note("kill -9", service=service, pid=self.product.kill(service))

    async def locks(self, every: float, hold: float, stop_at: float) -> None:
        database = self.product.var_dir / "borgerraadgiveren.db"
        while time.monotonic() + every < stop_at:
            await asyncio.sleep(every)
            self.note("SQLite write lock", seconds=hold)
            await asyncio.get_running_loop().run_in_executor(None, _hold_write_lock, database,
                                                             hold)


def _hold_write_lock(database: Path, seconds: float) -> None:
    """One writer takes SQLite's write lock and keeps it, as a stuck writer would."""
    connection = sqlite3.connect(database, timeout=30, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        time.sleep(seconds)
        connection.execute("ROLLBACK")
    finally:
        connection.close()


class Memory:
    """RSS of each process (tree) every 30 s, by pid: a restarted process is a new series."""

    def __init__(self, product: Product) -> None:
        self.product = product
        self.samples: list[tuple[float, str, int, int]] = []

    def sample(self) -> None:
        now = time.monotonic()
        pids = {name: int(e["pid"]) for name, e in self.product.status()["services"].items()
                if e["state"] == "up"}
        if self.product.process is not None:
            pids["runner"] = self.product.process.pid
        for name, pid in pids.items():
            rss = process_tree_rss(pid) if name != "runner" else _own_rss(pid)
            # A process killed after the runner's status was read has no RSS any more: a
            # zero is no sample (it read as a huge shrink of that process before).
            if rss > 0:
                self.samples.append((now, name, pid, rss))

    async def run(self, stop_at: float) -> None:
        while time.monotonic() < stop_at:
            await asyncio.get_running_loop().run_in_executor(None, self.sample)
            await asyncio.sleep(30)

    def summary(self) -> dict[str, Any]:
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for _, name, _, rss in self.samples:
            first.setdefault(name, rss)
            last[name] = rss
        series: dict[tuple[str, int], list[tuple[float, int]]] = {}
        for at, name, pid, rss in self.samples:
            series.setdefault((name, pid), []).append((at, rss))
        growth = {}
        for (name, pid), points in series.items():
            minutes = (points[-1][0] - points[0][0]) / 60
            if minutes >= 5:
                rate = (points[-1][1] - points[0][1]) / 2**20 / minutes * 60
                growth[f"{name} (pid {pid}, {minutes:.0f} min)"] = round(rate, 1)
        return {"start_mb": {n: round(v / 2**20) for n, v in first.items()},
                "end_mb": {n: round(v / 2**20) for n, v in last.items()},
                "growth_mb_per_hour": growth}


def _own_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


async def _tracker_events(client: aiohttp.ClientSession, product: Product,
                          session_id: str) -> list[dict[str, Any]] | None:
    token = (product.var_dir / "rasa_token").read_text().strip()
    url = f"{product.env['BR_RASA_URL']}/conversations/{session_id}/tracker"
    try:
        async with client.get(url, params={"token": token}) as response:
            if response.status == 200:
                return list((await response.json())["events"])
    except (aiohttp.ClientError, asyncio.TimeoutError):
        pass
    return None


async def _account(product: Product, citizens: list[SoakCitizen]) -> tuple[
        list[Sent], list[Outcome], int]:
    """Outcomes from the transcripts and the trackers; and how many trackers were missing."""
    sent: list[Sent] = []
    outcomes: list[Outcome] = []
    missing_trackers = 0
    async with aiohttp.ClientSession() as rasa:
        for citizen in citizens:
            for conversation in citizen.conversations:
                if not conversation.sent:
                    continue
                async with aiohttp.ClientSession(
                        cookies={"br_chat": conversation.cookie}) as browser, browser.get(
                        f"{product.url}/api/messages", params={"after": "0"}) as response:
                    transcript = list((await response.json())["messages"])
                events = await _tracker_events(rasa, product,
                                               conversation.cookie.rpartition(".")[0])
                missing_trackers += events is None
                turns = rasa_turns(events) if events is not None else None
                sent += conversation.sent
                outcomes += classify(conversation.sent, transcript, turns)
    return sent, outcomes, missing_trackers


async def _drain(tasks: list[asyncio.Task[None]], timeout: float) -> None:
    """Let the citizens finish their last message; whatever still waits then is cut off."""
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def soak(args: argparse.Namespace, product: Product) -> dict[str, Any]:
    rng = random.Random(args.seed)
    started = time.monotonic()
    stop_at = started + args.minutes * 60
    faults, memory = Faults(product, rng, started), Memory(product)
    citizens = [SoakCitizen(product.url, n, random.Random(args.seed + n),
                            think=(args.think_min, args.think_max),
                            answer_timeout=args.answer_timeout)
                for n in range(args.citizens)]
    memory.sample()
    background = [asyncio.ensure_future(coroutine) for coroutine in (
        faults.kills(args.kill_every, stop_at),
        faults.locks(args.lock_every, args.lock_seconds, stop_at),
        memory.run(stop_at))]
    talking = [asyncio.ensure_future(c.run(stop_at)) for c in citizens]
    await asyncio.sleep(max(0.0, stop_at - time.monotonic()))
    print("==> Time is up: no new messages; waiting for the last answers", flush=True)
    await _drain(talking, args.answer_timeout + 60)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    memory.sample()
    sent, outcomes, missing = await _account(product, citizens)
    errors: dict[str, int] = {}
    for citizen in citizens:
        for kind, count in citizen.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    restarts = {name: int(e["restarts"]) for name, e in product.status()["services"].items()}
    return {"summary": summarise(sent, outcomes), "faults": faults.log, "restarts": restarts,
            "memory": memory.summary(), "client_errors": errors,
            "conversations": sum(len(c.conversations) for c in citizens),
            "trackers_missing": missing, "minutes": args.minutes, "citizens": args.citizens}


def render_report(results: dict[str, Any], args: argparse.Namespace) -> str:
    s, m = results["summary"], results["machine"]
    kills = [f for f in results["faults"] if f["kind"] == "kill -9"]
    killed = ", ".join(f"{name} {sum(f['service'] == name for f in kills)}"
                       for name in SERVICES)
    memory = results["memory"]
    rows = [
        ("messages sent", s["sent"]),
        ("answered by the bot", s["answered"]),
        ("answered with a notice only (the bot could not answer; try again)",
         s["notice_only"]),
        ("**lost** (no answer at all)", s["lost"]),
        ("**answered twice** (two answers shown for one message)", s["answered_twice"]),
        ("run twice by Rasa, shown once (a gateway died mid-turn)",
         s["run_twice_shown_once"]),
        ("messages the citizen had to send again (not acknowledged before a kill)",
         s["resent"]),
        ("longest wait for the first line of an answer, incl. the \"kept\" notice (s)",
         s["wait_first_line_max_s"]),
        ("wait for the first line, median / p99 (s)",
         f"{s['wait_first_line_p50_s']} / {s['wait_first_line_p99_s']}"),
        ("longest wait for the bot's answer (s)", s["wait_bot_answer_max_s"]),
        ("processes killed (kill -9)", f"{len(kills)} ({killed})"),
        ("restarts by the runner", ", ".join(f"{k} {v}" for k, v in results["restarts"].items())),
        ("SQLite write lock held 10 s", sum(f["kind"] == "SQLite write lock"
                                            for f in results["faults"])),
        ("RSS at start (MB)", ", ".join(f"{k} {v}" for k, v in memory["start_mb"].items())),
        ("RSS at end (MB)", ", ".join(f"{k} {v}" for k, v in memory["end_mb"].items())),
    ]
    lines = [
        REPORT_HEADING, "",
        "What: `make soak` (`bench/soak.py`) runs the embedded profile as `make run` does "
        "(the supervising runner) with simulated citizens on the gateway's WebSocket "
        "(`bench/soak_citizen.py`: the widget's resend and catch-up, think time "
        f"{args.think_min:.0f}-{args.think_max:.0f} s, knowledge questions), kills a random "
        f"process with SIGKILL every {args.kill_every:.0f} s (once all are up again), and holds "
        f"SQLite's write lock for {args.lock_seconds:.0f} s every {args.lock_every:.0f} s. "
        "Counts come from each chat's transcript and Rasa's tracker (`bench/soak_count.py`), "
        "after a drain.", "",
        f"Run: {results['when']}, {results['minutes']} min, {results['citizens']} citizens, "
        f"{results['conversations']} conversations, seed {args.seed}. Machine: "
        f"{m.get('cores')} cores, \"{m.get('cpu', '?')}\", {m.get('ram_gb', '?')} GB RAM, "
        f"load average before {m.get('load_before', '?')} (shared with other jobs).", "",
        "| | value |", "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
        "Memory growth per process instance that ran at least 5 minutes without a restart "
        "(MB per hour): " + (", ".join(f"{k}: {v}" for k, v in
                                       memory["growth_mb_per_hour"].items()) or "none"),
        "",
        f"Client-side events (reconnects while a process was down): "
        f"{results['client_errors'] or 'none'}. Trackers not readable at the end: "
        f"{results['trackers_missing']}. Raw numbers: `{args.json}` of the run.", "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float,
                        default=float(os.environ.get("SOAK_MINUTES", "30")))
    parser.add_argument("--citizens", type=int, default=8)
    parser.add_argument("--think-min", type=float, default=3.0)
    parser.add_argument("--think-max", type=float, default=10.0)
    parser.add_argument("--kill-every", type=float, default=180.0, help="seconds")
    parser.add_argument("--lock-every", type=float, default=600.0, help="seconds")
    parser.add_argument("--lock-seconds", type=float, default=10.0)
    parser.add_argument("--answer-timeout", type=float, default=240.0)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--report", default="docs/BENCHMARKS.md",
                        help="where the section goes ('' for none)")
    parser.add_argument("--json", default="var/bench/soak.json")
    args = parser.parse_args(argv)

    var_dir = PROJECT_ROOT / "var" / "soak"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = product_environment(var_dir / "var", BR_MESSAGES_PER_MINUTE="100000",
                              BR_SESSIONS_PER_ADDRESS_PER_HOUR="1000000")
    product = Product(var_dir / "var", env, var_dir / "run.out")
    info = machine()
    print(f"==> Starting the product (output: {product.output_path})", flush=True)
    product.start()
    try:
        print(f"==> Soak: {args.minutes:g} min, {args.citizens} citizens", flush=True)
        results = asyncio.run(soak(args, product))
    finally:
        code = product.stop()
        print(f"==> Product stopped (runner exit code {code})", flush=True)
    results.update(machine=info, when=time.strftime("%Y-%m-%d %H:%M"), runner_exit=code)
    json_path = PROJECT_ROOT / args.json
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    section = render_report(results, args)
    print(section)
    if args.report:
        write_report(PROJECT_ROOT / args.report, section, "", heading=REPORT_HEADING)
    summary = results["summary"]
    return 0 if summary["lost"] == 0 and summary["answered_twice"] == 0 else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    raise SystemExit(main())
