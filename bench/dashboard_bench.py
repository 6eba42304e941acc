"""Benchmark: dashboard data + SVG rendering on >= 10,000 generated inquiries.

Generates the data into a temporary SQLite database, then times `dashboard_context` (all six
aggregates and charts) over a 90-day range several times and prints the median. Run with
`.venv/bin/python bench/dashboard_bench.py [--inquiries N] [--runs N]`.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bot.dashboard.report import dashboard_context
from bot.dashboard.sample_data import generate_sample_data
from bot.db import make_session_factory, open_engine, session_scope
from bot.settings import DatabaseSettings

START = date(2026, 8, 1)
DAYS = 90


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inquiries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(DatabaseSettings(url=f"sqlite:///{Path(tmp) / 'bench.db'}"))
        factory = make_session_factory(engine)
        started = time.perf_counter()
        with session_scope(factory) as session:
            summary = generate_sample_data(
                session, inquiries=args.inquiries, start=START, days=DAYS, seed=11
            )
        generated = time.perf_counter() - started
        timings = []
        end = START + timedelta(days=DAYS - 1)
        for _ in range(args.runs):
            started = time.perf_counter()
            with session_scope(factory) as session:
                context = dashboard_context(session, START, end, today=end + timedelta(days=5))
            timings.append(time.perf_counter() - started)
        engine.dispose()
    svg_bytes = sum(len(svg) for svg in context["charts"].values())
    print(f"CPU: {cpu_model()}")
    print(f"Data: {summary}")
    print(f"Generation: {generated:.2f} s")
    print(f"Dashboard (6 aggregates + 6 SVG, {DAYS} days, {svg_bytes} bytes of SVG):")
    print(f"  runs={args.runs} median={statistics.median(timings) * 1000:.0f} ms "
          f"min={min(timings) * 1000:.0f} ms max={max(timings) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
