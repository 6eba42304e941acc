"""The "Load" section of docs/BENCHMARKS.md: the results as tables and the targets met."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

REPORT_START = "## Load (embedded profile)"


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
        overhead = (g - r) / r * 100 if g is not None and r else float("nan")
        targets.append(("gateway overhead <= 10% of Rasa's p50 (1 concurrent)",
                        f"{g} vs {r} ms: {overhead:+.0f}%", overhead <= 10))
    for level in (20, 100):
        if ("gateway", level) in by and ("rasa", level) in by:
            g, r = by[("gateway", level)]["p50_ms"], by[("rasa", level)]["p50_ms"]
            overhead = (g - r) / r * 100 if g is not None and r else float("nan")
            targets.append((f"gateway overhead <= 10% of Rasa's p50 ({level} concurrent)",
                            f"{g} vs {r} ms: {overhead:+.0f}%", overhead <= 10))
    if ("gateway", 20) in by:
        p95 = by[("gateway", 20)]["p95_ms"]
        targets.append(("p95 < 250 ms at 20 concurrent", f"{p95} ms",
                        p95 is not None and p95 < 250))
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
