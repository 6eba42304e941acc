"""The n-gram second opinion: learns from the training data, survives a save, blends with DIET."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ngram_vote import NgramIntentVote, blend

EXAMPLES = {
    "kb_hittegods": ["jeg har fundet en pung", "hvor afleverer jeg hittegods",
                     "jeg har mistet min taske", "glemt jakke i toget"],
    "kb_tolk": ["kan jeg få en tolk", "jeg taler ikke dansk", "tolk til afhøringen",
                "kan der være en tegnsprogstolk"],
}


def _training_data() -> TrainingData:
    return TrainingData([Message(data={"text": text, "intent": intent})
                         for intent, texts in EXAMPLES.items() for text in texts])


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _component(storage: LocalModelStorage, **config: Any) -> NgramIntentVote:
    return NgramIntentVote.create({**NgramIntentVote.get_default_config(), **config}, storage,
                                  Resource("ngram_vote"), ExecutionContext(None, "test"))


def _ask(component: NgramIntentVote, text: str, diet: list[dict[str, Any]]) -> Message:
    message = Message(data={"text": text, "intent_ranking": diet,
                            "intent": diet[0] if diet else None})
    return component.process([message])[0]


def test_blend_is_a_renormalised_weighted_geometric_mean() -> None:
    ranking = blend({"a": 0.8, "b": 0.2}, {"a": 0.2, "b": 0.8}, weight=0.5)
    assert [round(r["confidence"], 2) for r in ranking] == [0.5, 0.5]
    ranking = blend({"a": 0.9, "b": 0.1}, {"a": 0.6, "b": 0.4}, weight=0.5)
    assert ranking[0]["name"] == "a" and ranking[0]["confidence"] > 0.75  # agreement: surer
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_an_intent_missing_from_one_ranking_counts_as_nearly_impossible() -> None:
    ranking = blend({"a": 0.6, "b": 0.4}, {"b": 0.5, "c": 0.5}, weight=0.5)
    assert ranking[0]["name"] == "b"
    assert ranking[-1]["confidence"] < 0.01


def test_it_learns_the_intents_and_reads_text_without_danish_letters(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage, weight=1.0)
    component.train(_training_data())
    message = _ask(component, "kan jeg faa en tolk til afhoeringen", [])
    assert message.get("intent")["name"] == "kb_tolk"


def test_its_vote_is_blended_with_diets_ranking(storage: LocalModelStorage) -> None:
    component = _component(storage, weight=0.5)
    component.train(_training_data())
    diet = [{"name": "kb_tolk", "confidence": 0.55}, {"name": "kb_hittegods", "confidence": 0.45}]
    message = _ask(component, "hvor afleverer jeg en fundet pung", diet)
    ranking = message.get("intent_ranking")
    assert message.get("intent") == ranking[0]
    assert ranking[0]["name"] == "kb_hittegods"  # the n-grams outvote DIET's weak guess
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_saved_model_loads_and_answers_the_same(storage: LocalModelStorage) -> None:
    component = _component(storage)
    component.train(_training_data())
    loaded = NgramIntentVote.load(NgramIntentVote.get_default_config(), storage,
                                  Resource("ngram_vote"), ExecutionContext(None, "test"))
    diet = [{"name": "kb_tolk", "confidence": 0.5}, {"name": "kb_hittegods", "confidence": 0.5}]
    before = _ask(component, "jeg har fundet en cykel", diet).get("intent_ranking")
    after = _ask(loaded, "jeg har fundet en cykel", diet).get("intent_ranking")
    assert after == before


def test_without_a_trained_model_diet_decides_alone(storage: LocalModelStorage) -> None:
    loaded = NgramIntentVote.load(NgramIntentVote.get_default_config(), storage,
                                  Resource("never_trained"), ExecutionContext(None, "test"))
    diet = [{"name": "kb_tolk", "confidence": 0.9}, {"name": "kb_hittegods", "confidence": 0.1}]
    message = _ask(loaded, "kan jeg få en tolk", diet)
    assert message.get("intent_ranking") == diet
