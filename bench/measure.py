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


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# How often the RSS sampler looks for new processes in a service's tree (a full /proc walk);
# between walks it reads only the known processes.
TREE_REFRESH_SECONDS = 5.0


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1])."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].decode().split()
    except (OSError, IndexError):  # gone, or read while it ended
        return None


def _children() -> dict[int, list[int]]:
    """Every process's children: one walk of /proc (milliseconds, so not at every sample)."""
    children: dict[int, list[int]] = {}
    with os.scandir("/proc") as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _descendants(root_pid: int, children: dict[int, list[int]]) -> list[int]:
    """A process and all its descendants."""
    tree, pending = [], [root_pid]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def _rss(pids: list[int]) -> int:
    """Resident memory (bytes) of these processes; those gone count nothing."""
    fields = (_stat_fields(pid) for pid in pids)
    # Field 24 of stat: resident pages, the figure `VmRSS` of /proc/<pid>/status shows.
    return sum(int(f[21]) for f in fields if f is not None) * PAGE_SIZE


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by these processes."""
    fields = (_stat_fields(pid) for pid in pids)
    return sum(int(f[11]) + int(f[12]) for f in fields if f is not None) / CLOCK_TICKS


def process_tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    return _rss(_descendants(root_pid, _children()))


def process_tree_cpu(root_pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants."""
    return _cpu(_descendants(root_pid, _children()))


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
        children = _children()
        now = {name: _cpu(_descendants(pid, children)) for name, pid in self.pids.items()}
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
    """Peak RSS per service and of all together, sampled every half second.

    It runs in the load generator, on the cores it measures: a sample reads only the known
    processes (a /proc walk for every service at every sample cost 25 ms, 5 % of a core,
    which the product then lacked under load; docs/BENCHMARKS.md, "Eighth pass").
    """

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.peak: dict[str, int] = dict.fromkeys(pids, 0)
        self.peak_total = 0
        self._task: asyncio.Task[None] | None = None
        self._trees: dict[str, list[int]] = {}
        self._trees_due = 0.0

    def sample(self) -> None:
        if time.monotonic() >= self._trees_due:
            children = _children()
            self._trees = {name: _descendants(pid, children) for name, pid in self.pids.items()}
            self._trees_due = time.monotonic() + TREE_REFRESH_SECONDS
        now = {name: _rss(tree) for name, tree in self._trees.items()}
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
