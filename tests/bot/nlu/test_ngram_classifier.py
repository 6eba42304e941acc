"""The n-gram intent classifier: learns from the training data, reads text without æ/ø/å,
ranks every intent, and survives a save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ngram_classifier import NgramIntentClassifier

EXAMPLES = {
    "kb_hittegods": ["jeg har fundet en pung", "hvor afleverer jeg hittegods",
                     "jeg har mistet min taske", "glemt jakke i toget"],
    "kb_tolk": ["kan jeg få en tolk", "jeg taler ikke dansk", "tolk til afhøringen",
                "kan der være en tegnsprogstolk"],
    "greet": ["hej", "goddag", "hejsa", "god morgen"],
}


def _training_data() -> TrainingData:
    return TrainingData([Message(data={"text": text, "intent": intent})
                         for intent, texts in EXAMPLES.items() for text in texts])


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _component(storage: LocalModelStorage, **config: Any) -> NgramIntentClassifier:
    return NgramIntentClassifier.create(
        {**NgramIntentClassifier.get_default_config(), **config}, storage,
        Resource("ngram_classifier"), ExecutionContext(None, "test"))


def _ask(component: NgramIntentClassifier, text: str) -> Message:
    return component.process([Message(data={"text": text})])[0]


def test_it_learns_the_intents_and_reads_text_without_danish_letters(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage)
    component.train(_training_data())
    assert _ask(component, "kan jeg faa en tolk til afhoeringen").get("intent")["name"] == "kb_tolk"
    assert _ask(component, "hvor afleverer jeg en fundet pung").get("intent")["name"] == (
        "kb_hittegods")


def test_the_ranking_holds_every_intent_best_first_and_sums_to_one(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage)
    component.train(_training_data())
    message = _ask(component, "hejsa")
    ranking = message.get("intent_ranking")
    assert message.get("intent") == ranking[0] and ranking[0]["name"] == "greet"
    assert sorted(r["name"] for r in ranking) == sorted(EXAMPLES)
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0)


def test_the_ranking_is_cut_at_its_length(storage: LocalModelStorage) -> None:
    component = _component(storage, ranking_length=2)
    component.train(_training_data())
    assert len(_ask(component, "hej").get("intent_ranking")) == 2


def test_a_saved_model_loads_and_answers_the_same(storage: LocalModelStorage) -> None:
    component = _component(storage)
    component.train(_training_data())
    loaded = NgramIntentClassifier.load(NgramIntentClassifier.get_default_config(), storage,
                                        Resource("ngram_classifier"),
                                        ExecutionContext(None, "test"))
    before = _ask(component, "jeg har fundet en cykel").get("intent_ranking")
    assert _ask(loaded, "jeg har fundet en cykel").get("intent_ranking") == before


def test_without_a_trained_model_the_message_is_left_as_it_came(
    storage: LocalModelStorage,
) -> None:
    loaded = NgramIntentClassifier.load(NgramIntentClassifier.get_default_config(), storage,
                                        Resource("never_trained"),
                                        ExecutionContext(None, "test"))
    assert _ask(loaded, "kan jeg få en tolk").get("intent") is None
