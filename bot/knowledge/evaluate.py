"""Held-out benchmark of the knowledge answers (`python -m bot.cli eval-knowledge`, `make eval`).

Two held-out sets: part of every entry's example questions (deterministic, by hash), and an
independent file of questions written before the content was tuned
(`tests/data/knowledge_heldout.yml`, never part of the training data). An NLU model is trained
with the project's `config.yml` on the remaining examples plus all other NLU data in `data/nlu`,
then asked both sets. Reports top-1 (the answer the bot gives), top-3 (the entry is among the
three most likely intents, as in the "Mente du ...?" buttons), the confusion pairs, and that
emergencies and distress still win and report questions ("hvordan anmelder jeg et indbrud") do
not look like emergencies. The report is written to docs/KNOWLEDGE_EVAL.md.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.build import tensorflow_thread_env
from bot.knowledge.generate import nlu_yaml
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.safety import emergency_is_likely
from bot.knowledge.schema import KnowledgeEntry, entry_id_from_intent
from bot.settings import PROJECT_ROOT

TARGET_TOP1 = 0.95
FALLBACK_INTENT = "nlu_fallback"
EMERGENCY_INTENT = "emergency"
DISTRESS_INTENT = "sensitive_suicidal_thoughts"
EMERGENCY_PHRASINGS = PROJECT_ROOT / "tests" / "data" / "emergency_phrasings.txt"
DISTRESS_PHRASINGS = PROJECT_ROOT / "tests" / "data" / "distress_phrasings.txt"
INDEPENDENT_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout.yml"
HELD_OUT_SETS = ("split", "independent", "all")
# Questions about something that already happened: knowledge, never the emergency answer.
CONTRAST_QUESTIONS = (
    "hvordan anmelder jeg et indbrud",
    "der var indbrud hos mig i sidste uge, hvordan anmelder jeg det",
    "hvordan anmelder jeg vold",
    "jeg blev overfaldet i går kan jeg få erstatning",
    "min bil blev stjålet i weekenden hvad gør jeg",
    "skal man ringe 112 eller 114 når cyklen er stjålet",
    "hvad gør jeg hvis jeg har været vidne til et røveri",
    "kan jeg få en bistandsadvokat efter et overfald",
)


@dataclass(frozen=True)
class Split:
    train: dict[str, tuple[str, ...]]
    held_out: dict[str, tuple[str, ...]]


def load_independent_heldout(path: Path = INDEPENDENT_HELDOUT) -> dict[str, tuple[str, ...]]:
    """Entry id -> questions from the hand-written held-out file (empty if it is missing)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of entry id to a list of questions")
    return {
        str(entry_id): tuple(str(q).strip() for q in (questions or []) if str(q).strip())
        for entry_id, questions in data.items()
    }


def split_examples(entries: list[KnowledgeEntry], holdout: float) -> Split:
    """Hold out ceil(holdout * n) examples per entry, chosen by a stable hash of the text."""
    train: dict[str, tuple[str, ...]] = {}
    held: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        ranked = sorted(
            entry.examples,
            key=lambda text: hashlib.sha256(f"{entry.id}\n{text}".encode()).hexdigest(),
        )
        count = min(len(ranked) - 1, max(1, math.ceil(holdout * len(ranked))))
        chosen = set(ranked[:count])
        held[entry.id] = tuple(e for e in entry.examples if e in chosen)
        train[entry.id] = tuple(e for e in entry.examples if e not in chosen)
    return Split(train=train, held_out=held)


@dataclass
class Prediction:
    text: str
    expected: str
    chosen: str
    ranking: list[str]

    @property
    def top1(self) -> bool:
        return self.chosen == self.expected

    @property
    def top1_ranked(self) -> bool:
        """Right entry first once the "not sure" label is ignored (what "Mente du" offers first)."""
        return [i for i in self.ranking if i != FALLBACK_INTENT][:1] == [self.expected]

    @property
    def top3(self) -> bool:
        return self.expected in [i for i in self.ranking if i != FALLBACK_INTENT][:3]


@dataclass
class Results:
    predictions: list[Prediction] = field(default_factory=list)
    # Answers to the independent, hand-written held-out questions.
    independent: list[Prediction] = field(default_factory=list)
    emergency_total: int = 0
    emergency_missed: list[tuple[str, str, str]] = field(default_factory=list)
    # Unsure (nlu_fallback) but "Ring 112" is still said first by action_clarify.
    emergency_caught_by_clarify: int = 0
    contrast: list[tuple[str, str]] = field(default_factory=list)
    distress_total: int = 0
    distress_missed: list[tuple[str, str]] = field(default_factory=list)

    def rate(self, attribute: str, which: str = "split") -> float:
        """Share of predictions with `attribute` in the hash split, the independent set or all."""
        chosen = {
            "split": self.predictions,
            "independent": self.independent,
            "all": self.predictions + self.independent,
        }[which]
        if not chosen:
            return 0.0
        return sum(getattr(p, attribute) for p in chosen) / len(chosen)

    @property
    def fallback_rate(self) -> float:
        if not self.predictions:
            return 0.0
        hits = sum(p.chosen == FALLBACK_INTENT for p in self.predictions)
        return hits / len(self.predictions)

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter(
            (p.expected, p.chosen) for p in self.predictions + self.independent if not p.top1
        )


def _train_nlu(work: Path, split: Split, entries: list[KnowledgeEntry]) -> Path:
    nlu_dir = work / "nlu"
    nlu_dir.mkdir()
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        shutil.copy(path, nlu_dir / path.name)
    pairs = [(e.intent, split.train[e.id]) for e in sorted(entries, key=lambda e: e.id)]
    (nlu_dir / "knowledge_train.yml").write_text(nlu_yaml(pairs), encoding="utf-8")
    out = work / "models"
    subprocess.run(  # noqa: S603  (fixed argument list, no shell)
        [
            str(Path(sys.executable).parent / "rasa"),
            "train", "nlu",
            "--config", "config.yml",
            "--nlu", str(nlu_dir),
            "--out", str(out),
            "--fixed-model-name", "knowledge-eval",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, **tensorflow_thread_env()},
        check=True,
    )
    return out / "knowledge-eval.tar.gz"


def read_phrasings(path: Path) -> list[str]:
    """One phrasing per line; blank lines and # comments ignored."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


async def _predict(
    model: Path, split: Split, independent: dict[str, tuple[str, ...]]
) -> Results:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    results = Results()

    async def parse(text: str) -> dict[str, Any]:
        return await agent.parse_message(text)

    for target, questions_by_entry in (
        (results.predictions, split.held_out),
        (results.independent, independent),
    ):
        for entry_id, questions in sorted(questions_by_entry.items()):
            for text in questions:
                parsed = await parse(text)
                ranking = [r["name"] for r in parsed.get("intent_ranking") or []]
                target.append(
                    Prediction(
                        text=text,
                        expected=f"kb_{entry_id}",
                        chosen=parsed["intent"]["name"],
                        ranking=ranking,
                    )
                )
    distress = read_phrasings(DISTRESS_PHRASINGS)
    results.distress_total = len(distress)
    for text in distress:
        chosen = (await parse(text))["intent"]["name"]
        if chosen != DISTRESS_INTENT:
            results.distress_missed.append((text, chosen))
    phrasings = read_phrasings(EMERGENCY_PHRASINGS)
    results.emergency_total = len(phrasings)
    for text in phrasings:
        parsed = await parse(text)
        if parsed["intent"]["name"] != EMERGENCY_INTENT:
            if parsed["intent"]["name"] == FALLBACK_INTENT and emergency_is_likely(
                parsed.get("intent_ranking") or []
            ):
                results.emergency_caught_by_clarify += 1
            ranking = (parsed.get("intent_ranking") or [])[:3]
            top = ", ".join(f"{r['name']} {r['confidence']:.2f}" for r in ranking)
            results.emergency_missed.append((text, parsed["intent"]["name"], top))
    for text in CONTRAST_QUESTIONS:
        results.contrast.append((text, (await parse(text))["intent"]["name"]))
    return results


def _short(intent: str) -> str:
    return entry_id_from_intent(intent) or intent


def _metric_rows(results: Results) -> list[str]:
    """Top-1 / top-3 per held-out set; the headline figure (top-1 on all) in bold."""
    rows = []
    for label, attribute in (
        ("top-1 (the answer the bot gives)", "top1"),
        ('top-1 of the ranking, ignoring "not sure" (first "Mente du" button)', "top1_ranked"),
        ("top-3 (right entry among the 3 most likely intents)", "top3"),
    ):
        cells = [f"{results.rate(attribute, which):.3f}" for which in HELD_OUT_SETS]
        if attribute == "top1":
            cells[-1] = f"**{cells[-1]}**"
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return rows


def render_report(
    results: Results, split: Split, holdout: float, independent_total: int = 0
) -> str:
    """The Markdown report committed as docs/KNOWLEDGE_EVAL.md."""
    held = sum(len(v) for v in split.held_out.values())
    trained = sum(len(v) for v in split.train.values())
    top1 = results.rate("top1", "all")
    verdict = "meets" if top1 >= TARGET_TOP1 else "does NOT meet"
    caught = results.emergency_total - len(results.emergency_missed)
    ring_112 = caught + results.emergency_caught_by_clarify
    lines = [
        "# Knowledge base: held-out evaluation",
        "",
        f"Generated by `make eval` (`python -m bot.cli eval-knowledge`) on {dt.date.today()}.",
        "",
        "## How the held-out sets were made",
        "",
        "- **Split**: a stable hash picks a share of each entry's own example questions; they are",
        "  left out of training for this run only.",
        "- **Independent**: `tests/data/knowledge_heldout.yml`, written by hand on 2026-12-01",
        "  before the new entries' examples were written and before any tuning, the way citizens",
        "  type (informal, misspelt, without æ/ø/å). A test refuses any line that also appears,",
        "  after folding, among the training examples. When a question is answered wrong, the",
        "  fix is new or better *training* examples in other words, never a copy of the question.",
        "- **Emergency / distress**: `tests/data/emergency_phrasings.txt` and",
        "  `tests/data/distress_phrasings.txt`, never trained on; the distress lines were written",
        "  before the distress guard's patterns.",
        "",
        "## Results",
        "",
        f"- Entries: {len(split.held_out)}; training questions: {trained}.",
        f"- Split: {held} example questions held out ({holdout:.0%} per entry, stable hash).",
        f"- Independent: {independent_total} questions from tests/data/knowledge_heldout.yml,"
        " written before tuning and never trained on.",
        "- Model: the project's `config.yml`, trained with `rasa train nlu` on the remaining",
        "  examples plus all other NLU data in `data/nlu/` (so knowledge competes with every",
        "  other intent, including `emergency`).",
        "",
        "| metric | split | independent | all held-out |",
        "|---|---|---|---|",
        *_metric_rows(results),
        "",
        "| safety check | result |",
        "|---|---|",
        f"| held-out questions answered with \"Mente du ...?\" (nlu_fallback) | "
        f"{results.fallback_rate:.3f} |",
        f"| emergency phrasings classified as emergency | {caught}/{results.emergency_total} |",
        f"| emergency phrasings that still get \"Ring 112\" first (emergency, or unsure with "
        f"emergency likely: action_clarify) | {ring_112}/{results.emergency_total} |",
        f"| distress phrasings answered with 112 and Livslinien ({DISTRESS_INTENT}) | "
        f"{results.distress_total - len(results.distress_missed)}/{results.distress_total} |",
        f"| contrast questions classified as emergency | "
        f"{sum(c == EMERGENCY_INTENT for _, c in results.contrast)}/{len(results.contrast)} |",
        "",
        f"Target top-1 >= {TARGET_TOP1} on all held-out questions: the current content "
        f"**{verdict}** it.",
        "",
        "## Confusion pairs (expected -> chosen)",
        "",
    ]
    confusions = results.confusions()
    if not confusions:
        lines.append("None.")
    else:
        lines += ["| expected | chosen | count | held-out question(s) |", "|---|---|---|---|"]
        everything = results.predictions + results.independent
        for (expected, chosen), count in confusions.most_common():
            texts = "; ".join(
                f"\"{p.text}\""
                for p in everything
                if p.expected == expected and p.chosen == chosen
            )
            lines.append(f"| {_short(expected)} | {_short(chosen)} | {count} | {texts} |")
    lines += ["", "## Emergency phrasings not classified as emergency", ""]
    if results.emergency_missed:
        lines += [
            f"- \"{text}\" -> {chosen} (ranking: {top})"
            for text, chosen, top in results.emergency_missed
        ]
    else:
        lines.append("None: every held-out emergency phrasing still gets \"Ring 112\" first.")
    lines += ["", "## Distress phrasings not answered with Livslinien", ""]
    if results.distress_missed:
        lines += [f"- \"{text}\" -> {chosen}" for text, chosen in results.distress_missed]
    else:
        lines.append("None.")
    lines += ["", "## Contrast questions (about the past: must not be emergencies)", ""]
    lines += [f"- \"{text}\" -> {_short(chosen)}" for text, chosen in results.contrast]
    return "\n".join(lines) + "\n"


HISTORY_MARKER = "## History (kept across runs)"


def keep_history(new_report: str, old_report: str) -> str:
    """Append the hand-kept history section of the previous report (before/after figures)."""
    if HISTORY_MARKER not in old_report:
        return new_report
    return new_report + "\n" + old_report[old_report.index(HISTORY_MARKER):]


def run_evaluation(knowledge_dir: Path, holdout: float = 0.2, report: str | Path = "") -> int:
    """Train on the split, evaluate, write the report; returns a process exit code."""
    if not 0 < holdout < 1:
        print("ERROR: --holdout must be between 0 and 1", file=sys.stderr)
        return 2
    base = load_knowledge_base(knowledge_dir)
    entries = list(base.entries.values())
    split = split_examples(entries, holdout)
    independent = load_independent_heldout()
    with tempfile.TemporaryDirectory(prefix="knowledge-eval-") as tmp:
        model = _train_nlu(Path(tmp), split, entries)
        results = asyncio.run(_predict(model, split, independent))
    text = render_report(results, split, holdout, sum(len(q) for q in independent.values()))
    if report:
        path = Path(report)
        path = path if path.is_absolute() else PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(keep_history(text, old), encoding="utf-8")
        print(f"==> Report written to {path}", flush=True)
    for which in HELD_OUT_SETS:
        print(
            f"{which:12} top-1 {results.rate('top1', which):.3f}  "
            f"top-3 {results.rate('top3', which):.3f}",
            flush=True,
        )
    print(
        f"fallback {results.fallback_rate:.3f}  "
        f"emergency missed {len(results.emergency_missed)}/{results.emergency_total}  "
        f"distress missed {len(results.distress_missed)}/{results.distress_total}",
        flush=True,
    )
    return 0
