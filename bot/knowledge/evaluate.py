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

from bot.build import rasa_process_env
from bot.knowledge.emergency_help import emergency_follow_up
from bot.knowledge.eval_report import (
    HELD_OUT_SETS,
    keep_history,
    render_report,
)
from bot.knowledge.generate import nlu_yaml
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.safety import emergency_is_likely
from bot.knowledge.schema import KnowledgeEntry
from bot.requests.complaint_kinds import complaint_kind_named
from bot.requests.complaint_routes import ROUTE_ENTRY_IDS
from bot.safety.distress import ANSWERED_WITH_112_FIRST, DISTRESS_INTENT
from bot.safety.emergency import EMERGENCY_INTENT
from bot.settings import PROJECT_ROOT

FALLBACK_INTENT = "nlu_fallback"
EMERGENCY_PHRASINGS = PROJECT_ROOT / "tests" / "data" / "emergency_phrasings.txt"
DISTRESS_PHRASINGS = PROJECT_ROOT / "tests" / "data" / "distress_phrasings.txt"
INDEPENDENT_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout.yml"
# Written after the first evaluation of the new content and before the tuning that followed.
ROUND2_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout_round2.yml"
# Written by someone who saw only the entries' titles, never the training examples or errors.
ROUND3_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout_round3.yml"
# Written the same way a day later, and measured once before the tuning that followed.
ROUND4_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout_round4.yml"
# English questions on the same topics (issue #18), reported on their own.
ENGLISH_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout_en.yml"
ENGLISH_ROUND2_HELDOUT = PROJECT_ROOT / "tests" / "data" / "knowledge_heldout_en_round2.yml"
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


ALSO_CORRECT_KEY = "_also_correct"


def _read_heldout_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of entry id to a list of questions")
    return data


def load_independent_heldout(path: Path = INDEPENDENT_HELDOUT) -> dict[str, tuple[str, ...]]:
    """Entry id -> questions from the hand-written held-out file (empty if it is missing)."""
    return {
        str(entry_id): tuple(str(q).strip() for q in (questions or []) if str(q).strip())
        for entry_id, questions in _read_heldout_file(path).items()
        if entry_id != ALSO_CORRECT_KEY
    }


def load_also_correct(path: Path = INDEPENDENT_HELDOUT) -> dict[str, tuple[str, ...]]:
    """Entry id -> other intents whose answer is just as right (declared in the held-out file).

    A disclosure such as "min mand slår mig" may be answered by the sensitive-topic handover
    (the same hotline, plus a person) instead of the knowledge entry; both count as correct,
    and the report shows the strict figure too.
    """
    raw = _read_heldout_file(path).get(ALSO_CORRECT_KEY) or {}
    return {str(k): tuple(str(i) for i in (v or [])) for k, v in raw.items()}


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
        # English examples all train: English is measured on its own independent held-out file.
        english = entry.en.examples if entry.en else ()
        train[entry.id] = tuple(e for e in entry.examples if e not in chosen) + english
    return Split(train=train, held_out=held)


@dataclass
class Prediction:
    text: str
    expected: str
    chosen: str
    ranking: list[str]
    # Other intents whose answer is equally right for this topic (see load_also_correct).
    accepted: tuple[str, ...] = ()
    # The entry the emergency answer is followed by (bot.knowledge.emergency_help), if any.
    follow_up: str | None = None

    @property
    def top1(self) -> bool:
        return (self.chosen == self.expected or self.chosen in self.accepted
                or self.followed_by_expected)

    @property
    def followed_by_expected(self) -> bool:
        """Answered "Ring 112" and then this entry: the product's follow-up rule chose it."""
        return (self.chosen == EMERGENCY_INTENT and self.follow_up is not None
                and f"kb_{self.follow_up}" == self.expected)

    @property
    def top1_strict(self) -> bool:
        return self.chosen == self.expected

    @property
    def top1_ranked(self) -> bool:
        """Right entry first once the "not sure" label is ignored (what "Mente du" offers first)."""
        return [i for i in self.ranking if i != FALLBACK_INTENT][:1] == [self.expected]

    @property
    def wrong(self) -> bool:
        """Answered with another intent: neither right nor "Mente du ...?"."""
        return not self.top1 and self.chosen != FALLBACK_INTENT

    @property
    def top3(self) -> bool:
        return self.expected in [i for i in self.ranking if i != FALLBACK_INTENT][:3]


@dataclass
class Results:
    predictions: list[Prediction] = field(default_factory=list)
    # Answers to the independent, hand-written held-out questions.
    independent: list[Prediction] = field(default_factory=list)
    # Answers to the second hand-written set (tests/data/knowledge_heldout_round2.yml).
    round2: list[Prediction] = field(default_factory=list)
    # Answers to the third, written from the entries' titles only (knowledge_heldout_round3.yml).
    round3: list[Prediction] = field(default_factory=list)
    # Answers to the fourth, written like the third (knowledge_heldout_round4.yml).
    round4: list[Prediction] = field(default_factory=list)
    # Answers to the English sets (knowledge_heldout_en.yml and knowledge_heldout_en_round2.yml);
    # not part of "all".
    english: list[Prediction] = field(default_factory=list)
    emergency_total: int = 0
    emergency_missed: list[tuple[str, str, str]] = field(default_factory=list)
    # Unsure (nlu_fallback) but "Ring 112" is still said first by action_clarify.
    emergency_caught_by_clarify: int = 0
    contrast: list[tuple[str, str]] = field(default_factory=list)
    distress_total: int = 0
    distress_missed: list[tuple[str, str]] = field(default_factory=list)
    # Emergency phrasings whose "Ring 112" is followed by an entry's help: (text, entry id).
    emergency_follow_ups: list[tuple[str, str]] = field(default_factory=list)

    def subset(self, which: str) -> list[Prediction]:
        """The predictions of one held-out set (HELD_OUT_SETS), "all" being every Danish one."""
        return {
            "split": self.predictions,
            "independent": self.independent,
            "round2": self.round2,
            "round3": self.round3,
            "round4": self.round4,
            "all": self.everything,
            "english": self.english,
        }[which]

    def rate(self, attribute: str, which: str = "split") -> float:
        """Share of predictions with `attribute` in the hash split, the independent set or all."""
        chosen = self.subset(which)
        if not chosen:
            return 0.0
        return sum(getattr(p, attribute) for p in chosen) / len(chosen)

    def followed_by_expected(self, which: str) -> list[Prediction]:
        """Predictions counted right because "Ring 112" was followed by their own entry."""
        return [p for p in self.subset(which) if p.followed_by_expected]

    @property
    def everything(self) -> list[Prediction]:
        return self.predictions + self.independent + self.round2 + self.round3 + self.round4

    @property
    def fallback_rate(self) -> float:
        if not self.predictions:
            return 0.0
        hits = sum(p.chosen == FALLBACK_INTENT for p in self.predictions)
        return hits / len(self.predictions)

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter(
            (p.expected, p.chosen) for p in self.everything + self.english if not p.top1
        )


def _train_nlu(work: Path, split: Split, entries: list[KnowledgeEntry],
               config: Path = PROJECT_ROOT / "config.yml") -> Path:
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
            "--config", str(config),
            "--nlu", str(nlu_dir),
            "--out", str(out),
            "--fixed-model-name", "knowledge-eval",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, **rasa_process_env()},
        check=True,
    )
    return out / "knowledge-eval.tar.gz"


# Entry id -> questions, and entry id -> other intents whose answer is just as right.
HeldOut = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]


def complaint_answers(entry_id: str, text: str) -> tuple[str, ...]:
    """("complain",) when the complaint form would answer `text` with this entry's route: it
    gives the route of the kind a message names at once, from the same knowledge entry."""
    kind = complaint_kind_named(text)
    return ("complain",) if kind and entry_id in ROUTE_ENTRY_IDS[kind] else ()


def _questions_of(*paths: Path) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for path in paths:
        for entry_id, questions in load_independent_heldout(path).items():
            merged[entry_id] = merged.get(entry_id, ()) + questions
    return merged


def held_out_sets(split: Split) -> dict[str, HeldOut]:
    """Every held-out set by the Results attribute its answers go to."""
    danish, english = load_also_correct(), load_also_correct(ENGLISH_HELDOUT)
    return {
        "predictions": (split.held_out, danish),
        "independent": (_questions_of(INDEPENDENT_HELDOUT), danish),
        "round2": (_questions_of(ROUND2_HELDOUT), danish),
        "round3": (_questions_of(ROUND3_HELDOUT), danish),
        "round4": (_questions_of(ROUND4_HELDOUT), danish),
        "english": (_questions_of(ENGLISH_HELDOUT, ENGLISH_ROUND2_HELDOUT), english),
    }


def read_phrasings(path: Path) -> list[str]:
    """One phrasing per line; blank lines and # comments ignored."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _follow_up(parsed: dict[str, Any]) -> str | None:
    """The entry action_emergency_help gives after "Ring 112" for this parsed message."""
    if parsed["intent"]["name"] != EMERGENCY_INTENT:
        return None
    return emergency_follow_up(parsed.get("text") or "", parsed.get("intent_ranking") or [])


async def _predict(model: Path, held_out: dict[str, HeldOut]) -> Results:
    """Ask the model every held-out set (`held_out`: Results attribute -> questions)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    results = Results()

    async def parse(text: str) -> dict[str, Any]:
        return await agent.parse_message(text)

    for attribute, (questions_by_entry, accepted) in held_out.items():
        target: list[Prediction] = getattr(results, attribute)
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
                        accepted=accepted.get(entry_id, ()) + complaint_answers(entry_id, text),
                        follow_up=_follow_up(parsed),
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
        if (follow_up := _follow_up(parsed)) is not None:
            results.emergency_follow_ups.append((text, follow_up))
        if parsed["intent"]["name"] not in ANSWERED_WITH_112_FIRST:
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


def run_evaluation(knowledge_dir: Path, holdout: float = 0.2, report: str | Path = "",
                   config: Path = PROJECT_ROOT / "config.yml") -> int:
    """Train on the split, evaluate, write the report; returns a process exit code.

    `config` other than the project's lets a pipeline change be measured before it is made.
    """
    if not 0 < holdout < 1:
        print("ERROR: --holdout must be between 0 and 1", file=sys.stderr)
        return 2
    base = load_knowledge_base(knowledge_dir)
    entries = list(base.entries.values())
    split = split_examples(entries, holdout)
    with tempfile.TemporaryDirectory(prefix="knowledge-eval-") as tmp:
        model = _train_nlu(Path(tmp), split, entries, config)
        results = asyncio.run(_predict(model, held_out_sets(split)))
    text = render_report(results, split, holdout)
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
