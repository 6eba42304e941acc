"""The held-out split is deterministic, disjoint and leaves every entry something to learn."""

from __future__ import annotations

from bot.knowledge.evaluate import (
    Prediction,
    Results,
    complaint_answers,
    render_report,
    split_examples,
)
from bot.knowledge.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT

ENTRIES = list(load_knowledge_base(PROJECT_ROOT / "knowledge", environ={}).entries.values())


def test_split_holds_out_a_fifth_per_entry_and_never_trains_on_it() -> None:
    split = split_examples(ENTRIES, 0.2)
    for entry in ENTRIES:
        held, train = split.held_out[entry.id], split.train[entry.id]
        assert set(held).isdisjoint(train)
        # Danish examples are split; English ones all train (English has its own held-out file).
        assert len(held) + len(train) == len(entry.all_examples)
        assert len(held) == -(-len(entry.examples) // 5)  # ceil(n / 5)
        assert set(held) <= set(entry.examples)


def test_split_is_the_same_every_time() -> None:
    assert split_examples(ENTRIES, 0.2) == split_examples(ENTRIES, 0.2)


def test_top3_ignores_the_fallback_intent_and_report_lists_confusions() -> None:
    results = Results(
        predictions=[
            Prediction("a", "kb_en", "kb_en", ["kb_en", "kb_to"]),
            Prediction("b", "kb_to", "nlu_fallback", ["nlu_fallback", "kb_en", "greet", "kb_to"]),
        ],
        emergency_total=1,
    )
    assert results.rate("top1") == 0.5
    assert results.rate("top3") == 1.0
    assert results.fallback_rate == 0.5
    split = split_examples(ENTRIES[:2], 0.2)
    report = render_report(results, split, 0.2)
    assert '| to | nlu_fallback | 1 | "b" |' in report
    assert "**0.500**" in report


def test_a_wrong_topic_is_counted_apart_from_mente_du_and_a_named_complaint_is_its_route() -> None:
    results = Results(predictions=[
        Prediction("a", "kb_en", "kb_to", ["kb_to", "kb_en"]),
        Prediction("b", "kb_en", "nlu_fallback", ["nlu_fallback", "kb_en"]),
        Prediction("c", "kb_en", "kb_en", ["kb_en"]),
    ])
    assert results.rate("wrong") == 1 / 3
    assert complaint_answers("klage_betjent", "jeg vil klage over en betjent") == ("complain",)
    assert complaint_answers("klage_service", "jeg vil klage over en betjent") == ()
    assert complaint_answers("klage_betjent", "jeg vil klage") == ()


def test_an_emergency_counts_only_when_the_follow_up_rule_gives_the_expected_entry() -> None:
    results = Results(predictions=[
        Prediction("a", "kb_stalking", "emergency", ["emergency"], follow_up="stalking"),
        # A blanket "emergency is fine for stalking" is not enough: the rule must choose it.
        Prediction("b", "kb_stalking", "emergency", ["emergency"], follow_up=None),
        Prediction("c", "kb_stalking", "emergency", ["emergency"],
                   follow_up="vold_i_naere_relationer"),
        Prediction("d", "kb_stalking", "kb_stalking", ["kb_stalking"], follow_up="stalking"),
    ], emergency_total=2, emergency_follow_ups=[("en fyr følger efter mig", "stalking")])

    assert [p.top1 for p in results.predictions] == [True, False, False, True]
    assert [p.top1_strict for p in results.predictions] == [False, False, False, True]
    assert [p.wrong for p in results.predictions] == [False, True, True, False]
    assert [p.text for p in results.followed_by_expected("all")] == ["a"]
    report = render_report(results, split_examples(ENTRIES[:2], 0.2), 0.2)
    assert "counted in top-1, all Danish / English | 1 / 0 |" in report
    assert '- counted right: "a" -> stalking' in report
    assert '- emergency phrasing: "en fyr følger efter mig" -> stalking' in report
    assert "followed by an entry | 1/2 |" in report
    # The confusion table names only the questions answered wrong.
    assert '| stalking | emergency | 2 | "b"; "c" |' in report
