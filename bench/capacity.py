"""Capacity for operators: open-loop citizens, the most one machine serves with p95 < 1 s.

Citizens arrive at a rate, each opens a chat over the gateway's WebSocket, writes 5-15
messages with 10-30 s of thinking between them, and leaves. Arrivals do not wait for answers
(open loop), so a slow server meets as many new citizens as a fast one. For a level of N
concurrent citizens the arrival rate is N / (mean chat length); each level starts with N
citizens already in the middle of their chats (random delay and remaining turns), so it is at
steady state from the start. A level passes with p95 < 1 s and no errors; the capacity is the
largest passing level.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.citizen import Citizen
from bench.measure import LevelResult

THINK_SECONDS = (10.0, 30.0)
TURNS = (5, 15)
P95_LIMIT_MS = 1000.0
LINES = (
    "hej",
    "hvad betyder det at min sag er henlagt",
    "hvor har du det fra?",
    "hvornår er fristen for erstatning fra staten",
    "hvordan anmelder jeg et indbrud fra i går",
    "kan jeg få en bistandsadvokat",
    "hvad er en bøde",
    "tak",
)


def mean_chat_seconds() -> float:
    return (sum(TURNS) / 2) * (sum(THINK_SECONDS) / 2)


def arrival_rate(concurrent: int) -> float:
    """Citizens per second that keep `concurrent` chats open on average (Little's law)."""
    return concurrent / mean_chat_seconds()


@dataclass
class Plan:
    """What one simulated citizen will do: wait, then write `turns` lines, thinking between."""

    delay: float
    turns: int
    thinks: list[float] = field(default_factory=list)


def plan_citizen(rng: random.Random, *, already_chatting: bool) -> Plan:
    turns = rng.randint(*TURNS)
    if already_chatting:  # joined before the level started: somewhere in its chat
        turns = rng.randint(1, turns)
    delay = rng.uniform(0, THINK_SECONDS[1]) if already_chatting else 0.0
    return Plan(delay, turns, [rng.uniform(*THINK_SECONDS) for _ in range(turns - 1)])


async def _citizen(base_url: str, plan: Plan, deadline: float, result: LevelResult,
                   rng: random.Random) -> None:
    await asyncio.sleep(plan.delay)
    if time.perf_counter() >= deadline:
        return
    citizen = Citizen(base_url)
    try:
        await citizen.start(base_url)
        socket = await citizen.connect(base_url)
        for turn in range(plan.turns):
            if time.perf_counter() >= deadline:
                break
            said = await citizen.say(socket, rng.choice(LINES), timeout=30)
            result.latencies.append(said.seconds)
            if said.reply.get("sender") == "system":
                result.error("system notice (bot unavailable)")
            if turn < len(plan.thinks):
                await asyncio.sleep(plan.thinks[turn])
        await socket.close()
    except (aiohttp.ClientError, RuntimeError, TimeoutError, asyncio.TimeoutError) as exc:
        result.error(type(exc).__name__)
    finally:
        await citizen.close()


async def run_capacity_level(base_url: str, concurrent: int, duration: float,
                             seed: int = 14) -> dict[str, Any]:
    """One level: `concurrent` citizens on average for `duration` seconds."""
    rng = random.Random(seed + concurrent)
    result = LevelResult("capacity", concurrent)
    started = time.perf_counter()
    deadline = started + duration
    tasks = [asyncio.create_task(_citizen(base_url, plan_citizen(rng, already_chatting=True),
                                          deadline, result, rng))
             for _ in range(concurrent)]
    rate = arrival_rate(concurrent)
    while True:
        gap = rng.expovariate(rate)
        if time.perf_counter() + gap >= deadline:
            break
        await asyncio.sleep(gap)
        tasks.append(asyncio.create_task(_citizen(
            base_url, plan_citizen(rng, already_chatting=False), deadline, result, rng)))
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - started
    summary = result.summary()
    summary["citizens"] = len(tasks)
    summary["passed"] = (summary["errors"] == 0 and summary["p95_ms"] is not None
                         and summary["p95_ms"] < P95_LIMIT_MS)
    return summary


async def find_capacity(base_url: str, levels: list[int], duration: float) -> dict[str, Any]:
    """Levels in increasing order until one fails; the capacity is the last that passed."""
    rows: list[dict[str, Any]] = []
    capacity = 0
    for level in sorted(levels):
        row = await run_capacity_level(base_url, level, duration)
        print(f"    capacity {level:4} citizens: {row}", flush=True)
        rows.append(row)
        if not row["passed"]:
            break
        capacity = level
    return {"levels": rows, "capacity": capacity}
