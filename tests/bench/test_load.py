"""Smoke test of the load benchmark's own arithmetic and report writing (not a benchmark)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import load, measure
from bench.conversations import SCRIPT, run_level, script_for
from bench.extras import PLAIN_RASA, PLAIN_RASA_FIXED
from bench.measure import CpuMeter, LevelResult, RssSampler, process_tree_cpu, process_tree_rss
from bench.report import REPORT_START, evaluate_targets, render_report, write_report
from bot.dashboard.queries import percentile


def test_percentiles_pick_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) in (50.0, 51.0)
    assert percentile(values, 0.99) == 99.0
    assert percentile([3.0], 0.95) == 3.0


def test_a_level_summary_counts_messages_per_second_and_errors() -> None:
    result = LevelResult("gateway", 20, seconds=10, latencies=[0.1] * 50)
    result.error("timeout")
    summary = result.summary()
    assert (summary["messages"], summary["per_second"], summary["p50_ms"]) == (50, 5.0, 100)
    assert summary["errors"] == 1 and summary["error_kinds"] == {"timeout": 1}


def test_rss_of_this_process_is_read_from_proc() -> None:
    assert 10 * 2**20 < process_tree_rss(os.getpid()) < 8 * 2**30


def test_the_rss_sampler_counts_a_services_child_started_after_its_first_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(measure, "TREE_REFRESH_SECONDS", 0.0)
    sampler = RssSampler({"service": os.getpid()})
    sampler.sample()
    alone = sampler.peak["service"]
    # A child that holds 200 MB (written, so resident) until it is killed.
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nblock = b'x' * (200 * 2**20)\n"
         "print('ready', flush=True)\ntime.sleep(30)"], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        sampler.sample()
    finally:
        child.kill()
        child.wait()
    assert sampler.peak["service"] >= alone + 200 * 2**20
    assert sampler.peak_total == sampler.peak["service"]


def test_the_cpu_meter_charges_a_services_work_to_it_per_message() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.process_time() + 0.4\n"
         "while time.process_time() < end: pass\ntime.sleep(30)"])
    try:
        meter = CpuMeter({"service": child.pid})
        meter.start()
        deadline = time.monotonic() + 10
        while process_tree_cpu(child.pid) < 0.4 and time.monotonic() < deadline:
            time.sleep(0.05)
        meter.stop()
        figures = meter.per_message_ms(4)
    finally:
        child.kill()
        child.wait()
    # About 400 ms of the child's CPU (less what it used before start), over 4 messages.
    assert 40 <= figures["service"] <= 110
    assert figures["load generator"] >= 0
    assert 0 <= figures["idle %"] <= 100
    assert CpuMeter({"service": os.getpid()}).per_message_ms(0) == {}


def test_a_level_in_rounds_sums_the_rounds_messages_seconds_and_cpu() -> None:
    async def conversation(_number: int, deadline: float, result: LevelResult) -> None:
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
            result.latencies.append(0.05)

    result, meter = LevelResult("gateway", 2), CpuMeter({})
    for _ in range(2):
        asyncio.run(run_level(2, 0.3, conversation, result, meter))
    assert 0.6 <= result.seconds < 1.5
    assert 16 <= len(result.latencies) <= 26  # 2 citizens x 2 rounds x about 6 turns
    assert set(result.summary()["cpu_ms_per_message"]) == {"load generator", "idle %"}


def test_the_report_shows_where_each_paths_cpu_goes() -> None:
    levels = [
        {**LevelResult("gateway", 100, seconds=1, latencies=[0.1]).summary(),
         "cpu_ms_per_message": {"rasa": 100.0, "gateway": 9.5, "idle %": 3.0}},
        {**LevelResult("rasa", 100, seconds=1, latencies=[0.1]).summary(),
         "cpu_ms_per_message": {"rasa": 101.0, "gateway": 0.5, "idle %": 8.0}},
    ]
    text = render_report({"machine": {}, "when": "now", "duration": 1, "rounds": 3,
                          "levels": levels, "figures": {}, "targets": []})
    assert "| target | concurrent | gateway | rasa | idle % |" in text
    assert "| gateway | 100 | 9.5 | 100.0 | 3.0 |" in text
    assert "in 3 rounds" in text


def test_each_citizen_uses_a_demo_login_in_the_script() -> None:
    lines = script_for(3, [("A-1", "CODE-1"), ("B-2", "CODE-2")])
    assert "B-2" in lines and "CODE-2" in lines and "{journal}" not in " ".join(lines)


def test_citizens_start_at_staggered_lines_so_every_level_sends_the_scripts_mix() -> None:
    logins = [("A-1", "CODE-1")]
    first_lines = [script_for(citizen * 1000, logins)[0] for citizen in range(len(SCRIPT))]
    assert first_lines == [line.format(journal="A-1", code="CODE-1") for line in SCRIPT]
    # From its second conversation on, a citizen says the whole script.
    assert len(script_for(7 * 1000 + 1, logins)) == len(SCRIPT)
    assert script_for(7 * 1000 + 1, logins)[0] == "hej"


def test_the_report_replaces_its_own_section_and_keeps_the_others(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Benchmarks\n\n## Dashboard\n\nkept\n\n{REPORT_START}\n\nold\n\n"
                      "## Load: analysis\n\nalso kept\n")
    write_report(report, f"{REPORT_START}\n\nnew numbers\n", "")
    text = report.read_text()
    assert "new numbers" in text and "old" not in text
    assert "## Dashboard\n\nkept" in text and "## Load: analysis\n\nalso kept" in text


def test_targets_are_judged_from_the_measured_levels() -> None:
    results = {
        "levels": [
            {"target": "gateway", "concurrency": 1, "p50_ms": 104, "p95_ms": 0,
             "per_second": 9.6},
            {"target": "rasa", "concurrency": 1, "p50_ms": 100, "p95_ms": 0, "per_second": 10.0},
            {"target": "gateway", "concurrency": 100, "per_second": 19.0, "errors": 0,
             "p50_ms": 1, "p95_ms": 1200},
            {"target": "rasa", "concurrency": 100, "per_second": 21.0, "errors": 0,
             "p50_ms": 1, "p95_ms": 1000},
        ],
        "long_chat": [{"target": "rasa", "turns": 200, "first_ms": 50.0, "last_ms": 60.0,
                       "ratio": 1.2}],
        "figures": {"cold start, all processes healthy (s)": 45.0,
                    "training time, full (s)": 130.0},
    }
    verdicts = {name: met for name, _, met in evaluate_targets(results)}
    assert verdicts["gateway p50 <= Rasa's p50 + 5 ms (1 concurrent)"] is True
    assert verdicts["gateway throughput >= 0.95x Rasa's (1 concurrent)"] is True
    assert verdicts["gateway throughput >= 0.95x Rasa's (100 concurrent)"] is False
    assert verdicts["gateway p95 <= 1.1x Rasa's p95 (100 concurrent)"] is False
    assert verdicts["turn 200 costs <= 1.3x turn 1 (rasa)"] is True
    assert verdicts["make train <= 2 minutes"] is False
    assert verdicts["cold start < 60 s"] is True


def test_the_workers_target_is_judged_against_rasa_as_shipped_and_the_fix_alone_reported(
) -> None:
    levels = [{**LevelResult(target, 100, seconds=10, latencies=[0.1] * n).summary()}
              for target, n in (("gateway", 150), ("rasa", 160), (PLAIN_RASA, 90),
                                (PLAIN_RASA_FIXED, 120))]
    results = {"machine": {}, "when": "now", "duration": 1, "levels": levels, "figures": {}}
    verdicts = {name: (measured, met) for name, measured, met in evaluate_targets(results)}
    shipped = "single-worker Rasa as shipped (100 concurrent)"
    assert verdicts[f"gateway, Rasa with one worker per core >= 1.5x plain {shipped}"] == (
        "15.0 vs 9.0 msg/s: 1.67x", True)
    assert verdicts[f"rasa, Rasa with one worker per core >= 1.5x plain {shipped}"][1] is True
    text = render_report({**results, "targets": evaluate_targets(results)})
    assert f"against \"{PLAIN_RASA_FIXED}\", 12.0 msg/s): gateway 1.25x, rasa 1.33x" in text


def test_plain_rasa_levels_outside_the_levels_are_refused_before_anything_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Plain Rasa takes turns with the product in the same rounds, so it needs those levels.
    with pytest.raises(SystemExit) as exit_info:
        load.main(["--levels", "20", "--plain-rasa-levels", "100"])
    assert exit_info.value.code == 2
    assert "must be among --levels" in capsys.readouterr().err
