"""The soak counts sent, answered, lost and answered-twice messages correctly (its own
bookkeeping, on made-up transcripts and Rasa trackers; the soak itself is `make soak`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from bench.load import write_report
from bench.soak import REPORT_HEADING, render_report
from bench.soak_count import Sent, classify, rasa_turns, summarise
from bot.chat import texts


def _sent(*texts_: str) -> list[Sent]:
    return [Sent("c", f"id-{n}", text, sent_at=100.0 + n) for n, text in enumerate(texts_)]


def _line(seq: int, sender: str, text: str, client_id: str | None = None) -> dict[str, Any]:
    return {"seq": seq, "sender": sender, "text": text, "client_id": client_id}


def _tracker(*turns: tuple[str, list[str]]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"event": "action", "name": "action_session_start"}]
    for user, bots in turns:
        events.append({"event": "user", "text": user})
        events.append({"event": "action", "name": "action_listen"})
        events += [{"event": "bot", "text": bot} for bot in bots]
    return events


def test_an_answer_after_the_kept_notice_counts_as_answered_once() -> None:
    sent = _sent("hej", "hvad er en henlæggelse")
    transcript = [
        _line(1, "citizen", "hej", "id-0"), _line(2, "bot", "Hej!"),
        _line(3, "citizen", "hvad er en henlæggelse", "id-1"),
        _line(4, "system", texts.BOT_QUEUED),
        _line(5, "bot", "En henlæggelse er ..."), _line(6, "bot", "Kan jeg hjælpe med mere?"),
    ]
    turns = rasa_turns(_tracker(("hej", ["Hej!"]), ("hvad er en henlæggelse",
                                                     ["En henlæggelse er ...",
                                                      "Kan jeg hjælpe med mere?"])))
    outcomes = classify(sent, transcript, turns)
    assert [(o.answered, o.lost, o.answered_twice, o.rasa_runs) for o in outcomes] == [
        (True, False, False, 1), (True, False, False, 1)]


def test_a_message_never_stored_or_never_answered_is_lost() -> None:
    sent = _sent("hej", "tak", "farvel")
    transcript = [
        _line(1, "citizen", "hej", "id-0"), _line(2, "bot", "Hej!"),
        # "tak" never reached the gateway; "farvel" was kept but never answered.
        _line(3, "citizen", "farvel", "id-2"), _line(4, "system", texts.BOT_QUEUED),
    ]
    outcomes = classify(sent, transcript, rasa_turns(_tracker(("hej", ["Hej!"]))))
    assert [(o.stored, o.lost) for o in outcomes] == [(True, False), (False, True), (True, True)]


def test_a_final_notice_is_an_answer_of_its_own_kind_not_a_loss() -> None:
    sent = _sent("hvad er en henlæggelse")
    transcript = [_line(1, "citizen", "hvad er en henlæggelse", "id-0"),
                  _line(2, "system", texts.BOT_NO_ANSWER)]
    outcome = classify(sent, transcript, rasa_turns(_tracker(("hvad er en henlæggelse", []))))
    assert [(o.answered, o.notice_only, o.lost) for o in outcome] == [(False, True, False)]


def test_two_runs_shown_to_the_citizen_are_answered_twice_and_one_shown_is_not() -> None:
    answer = ["En henlæggelse er ...", "Kan jeg hjælpe med mere?"]
    turns = _tracker(("hvad er en henlæggelse", answer), ("hvad er en henlæggelse", answer))
    both_shown = [_line(1, "citizen", "hvad er en henlæggelse", "id-0"),
                  *(_line(2 + n, "bot", text) for n, text in enumerate(answer + answer))]
    one_shown = both_shown[:3]
    twice = classify(_sent("hvad er en henlæggelse"), both_shown, rasa_turns(turns))[0]
    once = classify(_sent("hvad er en henlæggelse"), one_shown, rasa_turns(turns))[0]
    assert (twice.answered_twice, twice.rasa_runs) == (True, 2)
    assert (once.answered_twice, once.rasa_runs) == (False, 2)


def test_the_summary_counts_and_waits_add_up() -> None:
    sent = _sent("hej", "tak", "farvel")
    sent[0].first_reply_at, sent[0].answered_at = 101.0, 101.0
    sent[2].first_reply_at, sent[2].answered_at = 103.5, 160.0  # kept, answered a minute later
    transcript = [_line(1, "citizen", "hej", "id-0"), _line(2, "bot", "Hej!"),
                  _line(3, "citizen", "farvel", "id-2"), _line(4, "system", texts.BOT_QUEUED),
                  _line(5, "bot", "Farvel")]
    turns = rasa_turns(_tracker(("hej", ["Hej!"]), ("farvel", ["Farvel"])))
    summary = summarise(sent, classify(sent, transcript, turns))
    assert {k: summary[k] for k in ("sent", "stored", "answered", "lost", "answered_twice",
                                    "notice_only")} == {
        "sent": 3, "stored": 2, "answered": 2, "lost": 1, "answered_twice": 0,
        "notice_only": 0}
    assert summary["wait_first_line_max_s"] == 1.5
    assert summary["wait_bot_answer_max_s"] == 58.0


def test_the_report_goes_into_its_own_section_and_keeps_the_others(tmp_path: Path) -> None:
    args = argparse.Namespace(think_min=3.0, think_max=10.0, kill_every=180.0,
                              lock_every=600.0, lock_seconds=10.0, seed=19,
                              json="var/bench/soak.json")
    results = {
        "summary": summarise([], []), "faults": [{"kind": "kill -9", "service": "rasa"}],
        "restarts": {"rasa": 1}, "memory": {"start_mb": {"rasa": 900}, "end_mb": {"rasa": 910},
                                            "growth_mb_per_hour": {}},
        "client_errors": {}, "trackers_missing": 0, "minutes": 1, "citizens": 2,
        "conversations": 3, "machine": {"cores": "2"}, "when": "2026-12-01 10:00",
    }
    section = render_report(results, args)
    assert section.startswith(REPORT_HEADING)
    assert "| **lost** (no answer at all) | 0 |" in section
    assert "| processes killed (kill -9) | 1 (actions 0, rasa 1, gateway 0) |" in section
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\n## Load (embedded profile)\n\nload numbers\n")
    write_report(report, section, "", heading=REPORT_HEADING)
    write_report(report, section.replace("| 0 |", "| 0 |", 1), "", heading=REPORT_HEADING)
    text = report.read_text()
    assert text.count(REPORT_HEADING) == 1 and "load numbers" in text


def test_a_process_gone_when_sampled_adds_no_memory_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bench import soak

    class _Product:
        process = None

        def status(self) -> dict[str, Any]:
            return {"services": {"gateway": {"pid": 11, "state": "up"},
                                 "rasa": {"pid": 12, "state": "up"}}}

    sizes = {11: 80 * 2**20, 12: 0}  # rasa was killed after the status was read
    monkeypatch.setattr(soak, "process_tree_rss", lambda pid: sizes[pid])
    memory = soak.Memory(_Product())  # type: ignore[arg-type]
    memory.sample()
    assert [(name, pid) for _, name, pid, _ in memory.samples] == [("gateway", 11)]
    assert memory.summary()["end_mb"] == {"gateway": 80}
