"""What the load benchmark measures: latencies per level, and memory of process trees."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.dashboard.queries import percentile

# How long one turn (message sent -> first line of the answer) may take before it counts as an
# error.
TURN_TIMEOUT = 30.0


def latency_ms(milliseconds: list[float], share: float) -> int | None:
    """A latency percentile; None for a level in which no message got an answer."""
    return round(percentile(milliseconds, share)) if milliseconds else None


@dataclass
class LevelResult:
    target: str  # "gateway" or "rasa"
    concurrency: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    # Service name -> CPU milliseconds per answered message (see CpuMeter); {} if not measured.
    cpu_ms: dict[str, float] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def summary(self) -> dict[str, Any]:
        ms = [v * 1000 for v in self.latencies]
        return {
            "target": self.target, "concurrency": self.concurrency,
            "messages": len(ms), "seconds": round(self.seconds, 1),
            "per_second": round(len(ms) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": latency_ms(ms, 0.50),
            "p95_ms": latency_ms(ms, 0.95),
            "p99_ms": latency_ms(ms, 0.99),
            "errors": self.errors,
            "error_kinds": self.error_kinds,
            "cpu_ms_per_message": self.cpu_ms,
        }


def _process_tree(root_pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
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
    tree, pending = [], [root_pid]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def process_tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total = 0
    for pid in _process_tree(root_pid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def process_tree_cpu(root_pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants."""
    total = 0
    for pid in _process_tree(root_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU per answered message of each service during one level: where a path's cost goes.

    On a shared 2-core machine the ratio of two paths' throughput follows what each costs in
    CPU per message; "load generator" is this benchmark's own process (its clients run on the
    same cores as the product).
    """

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self._start: dict[str, float] = {}
        self._machine: tuple[int, int] = (0, 0)
        # Summed over every round measured with this meter.
        self._used: dict[str, float] = {}
        self._busy = self._total = 0

    def _now(self) -> dict[str, float]:
        now = {name: process_tree_cpu(pid) for name, pid in self.pids.items()}
        now["load generator"] = time.process_time()
        return now

    def start(self) -> None:
        self._start = self._now()
        self._machine = machine_cpu_jiffies()

    def stop(self) -> None:
        for name, seconds in self._now().items():
            self._used[name] = self._used.get(name, 0.0) + seconds - self._start[name]
        busy, total = (b - a for a, b in zip(self._machine, machine_cpu_jiffies(), strict=True))
        self._busy += busy
        self._total += total

    def per_message_ms(self, messages: int) -> dict[str, float]:
        """Each service's CPU ms per message, and "idle %" of the machine's cores meanwhile
        (not 0: something other than CPU held the path back)."""
        if not messages or not self._used:
            return {}
        figures = {name: round(seconds * 1000 / messages, 1)
                   for name, seconds in self._used.items()}
        figures["idle %"] = (round(100 * (self._total - self._busy) / self._total, 1)
                             if self._total else 0.0)
        return figures


def machine_cpu_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, in clock ticks (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already counted in user
    return total - idle, total


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
