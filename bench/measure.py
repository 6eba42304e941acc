"""What the load benchmark measures: latencies per level, and memory of process trees."""

from __future__ import annotations

import asyncio
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
