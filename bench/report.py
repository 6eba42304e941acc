"""The "Load" section of docs/BENCHMARKS.md: the results as tables and the targets met."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.extras import PLAIN_RASA, PLAIN_RASA_FIXED
from bench.long_chat import EDGE_TURNS

REPORT_START = "## Load (embedded profile)"


def _cpu_table(levels: list[dict[str, Any]]) -> list[str]:
    """Where each path's CPU goes: ms per answered message of every process, and idle cores."""
    rows = [row for row in levels if row.get("cpu_ms_per_message")]
    if not rows:
        return []
    names = sorted({name for row in rows for name in row["cpu_ms_per_message"]} - {"idle %"})
    lines = ["", "CPU per answered message (ms, user + system, from /proc) of each process "
             "during the level, and the share of the machine's cores left idle:", "",
             f"| target | concurrent | {' | '.join(names)} | idle % |",
             f"|---|---:|{'---:|' * (len(names) + 1)}"]
    for row in rows:
        cpu = row["cpu_ms_per_message"]
        cells = " | ".join(str(cpu.get(name, "")) for name in names)
        lines.append(f"| {row['target']} | {row['concurrency']} | {cells} | "
                     f"{cpu.get('idle %', '')} |")
    return lines


def render_report(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        REPORT_START, "",
        "What: `make bench` (`bench/load.py`) starts the embedded profile as `make run` does "
        "(SQLite, one action server, one Rasa server with one Sanic worker per core, one "
        "gateway; rate limits raised through the environment), and drives simulated citizens "
        "over the gateway's real WebSocket API "
        "with a Danish conversation of ten turns (greeting, two knowledge questions, a "
        "case-status lookup with a demo journal number and receipt code, two more questions, "
        "thanks, a handover request); each citizen's first conversation starts at a line of its "
        "own, so every path sends the same mix of lines. Each level runs for a fixed time; then "
        "the same message "
        "mix goes straight to Rasa's REST channel in the same run. Latency is message sent -> "
        "first line of the answer (on the socket, or the REST response).", "",
        f"Machine: {m.get('cores')} cores, `lscpu` model name \"{m.get('cpu', '?')}\", "
        f"{m.get('ram_gb', '?')} GB RAM, Python {m.get('python')}; load average before the "
        f"run {m.get('load_before', '?')} (the machine is shared with other jobs). "
        f"Run at {results['when']}, {results['duration']} s per level and target, in "
        f"{results.get('rounds', 1)} rounds in which the gateway, Rasa and plain Rasa take "
        "turns (each row sums its rounds).", "",
        "| target | concurrent | messages | msg/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["levels"]:
        lines.append(f"| {row['target']} | {row['concurrency']} | {row['messages']} | "
                     f"{row['per_second']} | {row['p50_ms']} | {row['p95_ms']} | "
                     f"{row['p99_ms']} | {row['errors']} |")
    lines += _cpu_table(results["levels"])
    lines += _extra_tables(results)
    lines += ["", "| | value |", "|---|---|"]
    for key, value in results["figures"].items():
        lines.append(f"| {key} | {value} |")
    lines += ["", "### Targets", "", "| target | measured | met? |", "|---|---|---|"]
    for target, measured, met in results["targets"]:
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    lines += _workers_alone(results)
    lines += ["", f"Plain single-worker Rasa (\"{PLAIN_RASA}\") is `rasa run` as Rasa ships it, "
              "with the same model and endpoints, `SANIC_WORKERS=1` and TensorFlow on both cores; "
              f"\"{PLAIN_RASA_FIXED}\" is the same with the product's fix to Rasa's code "
              "(`bot/rasa_server.py`). Both run beside the product and take turns with it in "
              "the same rounds (idle, they only hold memory; the RSS figures are the product's). "
              "Raw numbers: `var/bench/load.json` of the run.", ""]
    return "\n".join(lines)


def _workers_alone(results: dict[str, Any]) -> list[str]:
    """The workers' own share: against one worker that has the product's fix too."""
    by = _levels_by_target(results)
    fixed = by.get((PLAIN_RASA_FIXED, 100))
    if fixed is None:
        return []
    ratios = [f"{target} {_ratio(by[(target, 100)]['per_second'], fixed['per_second']):.2f}x"
              for target in ("gateway", "rasa") if (target, 100) in by]
    return ["", f"What one worker per core adds by itself (100 concurrent, against "
            f"\"{PLAIN_RASA_FIXED}\", {fixed['per_second']} msg/s): {', '.join(ratios)}."]


def _extra_tables(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if results.get("long_chat"):
        edge = EDGE_TURNS
        lines += ["", "One long chat of knowledge questions, one turn at a time (median ms); its "
                  f"last {edge} turns each sent right after a turn of a fresh chat (the first "
                  f"{edge} turns), so both sides see the same moment's load:", "",
                  f"| target | turns of the long chat | answered (both chats) | fresh chat, turns "
                  f"1-{edge} | long chat, middle {edge} | long chat, last {edge} | last / first |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for c in results["long_chat"]:
            lines.append(f"| {c['target']} | {c['turns']} | {c['answered']} | "
                         f"{c.get('first_ms')} | {c.get('middle_ms')} | {c.get('last_ms')} | "
                         f"{c.get('ratio')} |")
    capacity = results.get("capacity")
    if capacity:
        lines += ["", "Capacity, open loop over the gateway (think 10-30 s, 5-15 turns per "
                  "chat; a level passes with p95 < 1 s and no errors):", "",
                  "| concurrent citizens | citizens in all | messages | msg/s | p50 ms | "
                  "p95 ms | p99 ms | errors | passed |", "|---:|---:|---:|---:|---:|---:|---:|"
                  "---:|---|"]
        for r in capacity["levels"]:
            lines.append(f"| {r['concurrency']} | {r['citizens']} | {r['messages']} | "
                         f"{r['per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                         f"{r['errors']} | {'yes' if r['passed'] else 'no'} |")
        rows = capacity["levels"]
        bound = "at least " if rows and rows[-1]["passed"] else ""
        lines += ["", f"Capacity of this machine: **{bound}{capacity['capacity']} concurrent "
                  "citizens**" + (" (the highest level tried passed)." if bound else ".")]
    return lines


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


def _levels_by_target(results: dict[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    """Each measured level, by (target, concurrency)."""
    return {(r["target"], r["concurrency"]): r for r in results["levels"]}


def _ratio(numerator: float | None, denominator: float | None) -> float:
    return numerator / denominator if numerator is not None and denominator else float("nan")


def evaluate_targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """The targets of issue #14, each as (target, measured, met)."""
    by = _levels_by_target(results)
    targets: list[tuple[str, str, bool]] = []
    if ("gateway", 1) in by and ("rasa", 1) in by:
        g, r = by[("gateway", 1)]["p50_ms"], by[("rasa", 1)]["p50_ms"]
        met = g is not None and r is not None and g <= r + 5
        targets.append(("gateway p50 <= Rasa's p50 + 5 ms (1 concurrent)",
                        f"{g} vs {r} ms ({(g or 0) - (r or 0):+d} ms)", met))
    for level in (1, 20, 100):
        if ("gateway", level) in by and ("rasa", level) in by:
            g, r = by[("gateway", level)]["per_second"], by[("rasa", level)]["per_second"]
            ratio = _ratio(g, r)
            targets.append((f"gateway throughput >= 0.95x Rasa's ({level} concurrent)",
                            f"{g} vs {r} msg/s: {ratio:.2f}x", ratio >= 0.95))
    if ("gateway", 100) in by and ("rasa", 100) in by:
        g, r = by[("gateway", 100)]["p95_ms"], by[("rasa", 100)]["p95_ms"]
        ratio = _ratio(g, r)
        targets.append(("gateway p95 <= 1.1x Rasa's p95 (100 concurrent)",
                        f"{g} vs {r} ms: {ratio:.2f}x", ratio <= 1.1))
    plain = by.get((PLAIN_RASA, 100))
    if plain is not None:
        for target in ("gateway", "rasa"):
            if (target, 100) in by:
                mine = by[(target, 100)]["per_second"]
                ratio = _ratio(mine, plain["per_second"])
                targets.append((f"{target}, Rasa with one worker per core >= 1.5x plain "
                                "single-worker Rasa as shipped (100 concurrent)",
                                f"{mine} vs {plain['per_second']} msg/s: {ratio:.2f}x",
                                ratio >= 1.5))
    for chat in results.get("long_chat", []):
        if chat.get("ratio") is not None:
            targets.append((f"turn {chat['turns']} costs <= 1.3x turn 1 ({chat['target']})",
                            f"median of the last {EDGE_TURNS} turns {chat['last_ms']} ms, of a "
                            f"fresh chat's first {EDGE_TURNS} (interleaved) {chat['first_ms']} "
                            f"ms: {chat['ratio']}x", chat["ratio"] <= 1.3))
    training = results["figures"].get("training time, full (s)")
    if training is not None:
        targets.append(("make train <= 2 minutes", f"{training} s", training <= 120))
    capacity = results.get("capacity")
    if capacity is not None:
        targets.append(("capacity: open-loop citizens with p95 < 1 s, no errors (stated)",
                        f"{capacity['capacity']} concurrent citizens", capacity["capacity"] > 0))
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
        targets.append(("all processes < 4 GB RSS", f"{total} MB", total < 4096))
    return targets
