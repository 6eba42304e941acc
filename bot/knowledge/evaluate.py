"""Held-out benchmark of the knowledge answers (`python -m bot.cli eval-knowledge`, `make eval`).

Part of every entry's example questions (deterministic, by hash) is held out; an NLU model is
trained with the project's `config.yml` on the rest plus all other NLU data in `data/nlu`, then
asked the held-out questions. Reports top-1 (the answer the bot gives), top-3 (the entry is among
the three most likely intents, as in the "Mente du ...?" buttons), the confusion pairs, and that
emergencies still win and report questions ("hvordan anmelder jeg et indbrud") do not look like
emergencies. The report is written to docs/KNOWLEDGE_EVAL.md.
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

from bot.build import tensorflow_thread_env
from bot.knowledge.generate import nlu_yaml
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.safety import emergency_is_likely
from bot.knowledge.schema import KnowledgeEntry, entry_id_from_intent
from bot.settings import PROJECT_ROOT

TARGET_TOP1 = 0.92
FALLBACK_INTENT = "nlu_fallback"
EMERGENCY_INTENT = "emergency"
EMERGENCY_PHRASINGS = PROJECT_ROOT / "tests" / "data" / "emergency_phrasings.txt"
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
    emergency_total: int = 0
    emergency_missed: list[tuple[str, str, str]] = field(default_factory=list)
    # Unsure (nlu_fallback) but "Ring 112" is still said first by action_clarify.
    emergency_caught_by_clarify: int = 0
    contrast: list[tuple[str, str]] = field(default_factory=list)

    def rate(self, attribute: str) -> float:
        if not self.predictions:
            return 0.0
        return sum(getattr(p, attribute) for p in self.predictions) / len(self.predictions)

    @property
    def fallback_rate(self) -> float:
        if not self.predictions:
            return 0.0
        hits = sum(p.chosen == FALLBACK_INTENT for p in self.predictions)
        return hits / len(self.predictions)

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter((p.expected, p.chosen) for p in self.predictions if not p.top1)


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


def _emergency_phrasings() -> list[str]:
    if not EMERGENCY_PHRASINGS.exists():
        return []
    lines = EMERGENCY_PHRASINGS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


async def _predict(model: Path, split: Split) -> Results:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    results = Results()

    async def parse(text: str) -> dict[str, Any]:
        return await agent.parse_message(text)

    for entry_id, questions in sorted(split.held_out.items()):
        for text in questions:
            parsed = await parse(text)
            ranking = [r["name"] for r in parsed.get("intent_ranking") or []]
            results.predictions.append(
                Prediction(
                    text=text,
                    expected=f"kb_{entry_id}",
                    chosen=parsed["intent"]["name"],
                    ranking=ranking,
                )
            )
    phrasings = _emergency_phrasings()
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


def render_report(results: Results, split: Split, holdout: float) -> str:
    """The Markdown report committed as docs/KNOWLEDGE_EVAL.md."""
    held = sum(len(v) for v in split.held_out.values())
    trained = sum(len(v) for v in split.train.values())
    top1, top3 = results.rate("top1"), results.rate("top3")
    verdict = "meets" if top1 >= TARGET_TOP1 else "does NOT meet"
    caught = results.emergency_total - len(results.emergency_missed)
    ring_112 = caught + results.emergency_caught_by_clarify
    lines = [
        "# Knowledge base: held-out evaluation",
        "",
        f"Generated by `make eval` (`python -m bot.cli eval-knowledge`) on {dt.date.today()}.",
        "",
        f"- Entries: {len(split.held_out)}; training questions: {trained}; "
        f"held-out questions: {held} ({holdout:.0%} per entry, chosen by a stable hash).",
        "- Model: the project's `config.yml`, trained with `rasa train nlu` on the remaining",
        "  examples plus all other NLU data in `data/nlu/` (so knowledge competes with every",
        "  other intent, including `emergency`).",
        "",
        "| metric | value |",
        "|---|---|",
        f"| top-1 (the answer the bot gives) | **{top1:.3f}** |",
        f"| top-1 of the ranking, ignoring \"not sure\" (first \"Mente du\" button) | "
        f"{results.rate('top1_ranked'):.3f} |",
        f"| top-3 (right entry among the 3 most likely intents) | {top3:.3f} |",
        f"| held-out questions answered with \"Mente du ...?\" (nlu_fallback) | "
        f"{results.fallback_rate:.3f} |",
        f"| emergency phrasings classified as emergency | "
        f"{results.emergency_total - len(results.emergency_missed)}/{results.emergency_total} |",
        f"| emergency phrasings that still get \"Ring 112\" first (emergency, or unsure with "
        f"emergency likely: action_clarify) | "
        f"{ring_112}/{results.emergency_total} |",
        f"| contrast questions classified as emergency | "
        f"{sum(c == EMERGENCY_INTENT for _, c in results.contrast)}/{len(results.contrast)} |",
        "",
        f"Target top-1 >= {TARGET_TOP1}: the current content **{verdict}** it.",
        "",
        "## Confusion pairs (expected -> chosen)",
        "",
    ]
    confusions = results.confusions()
    if not confusions:
        lines.append("None.")
    else:
        lines += ["| expected | chosen | count | held-out question(s) |", "|---|---|---|---|"]
        for (expected, chosen), count in confusions.most_common():
            texts = "; ".join(
                f"\"{p.text}\""
                for p in results.predictions
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
    lines += ["", "## Contrast questions (about the past: must not be emergencies)", ""]
    lines += [f"- \"{text}\" -> {_short(chosen)}" for text, chosen in results.contrast]
    return "\n".join(lines) + "\n"


def run_evaluation(knowledge_dir: Path, holdout: float = 0.2, report: str | Path = "") -> int:
    """Train on the split, evaluate, write the report; returns a process exit code."""
    if not 0 < holdout < 1:
        print("ERROR: --holdout must be between 0 and 1", file=sys.stderr)
        return 2
    base = load_knowledge_base(knowledge_dir)
    entries = list(base.entries.values())
    split = split_examples(entries, holdout)
    with tempfile.TemporaryDirectory(prefix="knowledge-eval-") as tmp:
        model = _train_nlu(Path(tmp), split, entries)
        results = asyncio.run(_predict(model, split))
    text = render_report(results, split, holdout)
    if report:
        path = Path(report)
        path = path if path.is_absolute() else PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"==> Report written to {path}", flush=True)
    print(
        f"top-1 {results.rate('top1'):.3f}  top-3 {results.rate('top3'):.3f}  "
        f"fallback {results.fallback_rate:.3f}  "
        f"emergency missed {len(results.emergency_missed)}/{results.emergency_total}",
        flush=True,
    )
    return 0
