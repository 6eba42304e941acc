"""The n-gram intent classifier: learns from the training data, reads text without æ/ø/å,
ranks every intent, and survives a save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ngram_classifier import (
    NgramIntentClassifier,
    build_model,
    load_model,
    save_model,
)

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


def test_the_saved_file_holds_only_plain_arrays_and_rebuilds_the_same_margins(
    tmp_path: Path,
) -> None:
    texts = [text for examples in EXAMPLES.values() for text in examples]
    labels = [intent for intent, examples in EXAMPLES.items() for _ in examples]
    fitted = build_model(NgramIntentClassifier.get_default_config()).fit(texts, labels)
    path = tmp_path / "model.npz"
    save_model(fitted, path)
    with np.load(path, allow_pickle=False) as arrays:  # raises on any pickled object
        assert all(arrays[name].dtype != object for name in arrays.files)
    loaded = load_model(path, NgramIntentClassifier.get_default_config())
    unseen = ["hvor er min pung", "tolk", "hej med dig", "xyz"]
    assert np.array_equal(loaded.decision_function(unseen), fitted.decision_function(unseen))
    assert list(loaded.classes_) == list(fitted.classes_)


def test_a_model_file_with_pickled_objects_is_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    np.savez(path, terms_0=np.array([object()], dtype=object))
    with pytest.raises(ValueError, match="allow_pickle"):
        load_model(path, NgramIntentClassifier.get_default_config())


def test_a_trained_model_whose_file_does_not_fit_stops_rasa_with_a_clear_error(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage)
    component.train(_training_data())
    with storage.write_to(Resource("ngram_classifier")) as directory:
        np.savez(directory / "ngram_classifier.npz", classes=np.array(["a", "b", "c"]),
                 coef=np.zeros((3, 2)), intercept=np.zeros(3),
                 terms_0=np.array(["ab"]), idf_0=np.ones(1),
                 terms_1=np.array(["hej", "nej"]), idf_1=np.ones(2))
    with pytest.raises(RuntimeError, match="make train"):
        NgramIntentClassifier.load(NgramIntentClassifier.get_default_config(), storage,
                                   Resource("ngram_classifier"), ExecutionContext(None, "test"))


def test_without_a_trained_model_the_message_is_left_as_it_came(
    storage: LocalModelStorage,
) -> None:
    loaded = NgramIntentClassifier.load(NgramIntentClassifier.get_default_config(), storage,
                                        Resource("never_trained"),
                                        ExecutionContext(None, "test"))
    assert _ask(loaded, "kan jeg få en tolk").get("intent") is None


def test_a_higher_temperature_is_surer_of_the_same_first_intent(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage)
    component.train(_training_data())
    component.config["temperature"] = 2.0
    mild = _ask(component, "kan jeg faa en tolk").get("intent")
    component.config["temperature"] = 10.0
    sure = _ask(component, "kan jeg faa en tolk").get("intent")
    assert mild["name"] == sure["name"] == "kb_tolk"
    assert mild["confidence"] < sure["confidence"]


class _ExitWordsWin:
    """A stand-in model for which the exit words decide: anything starting with them is "deny"."""

    classes_ = np.array(["deny", "kb_tolk"])

    def decision_function(self, texts: list[str]) -> np.ndarray:
        return np.array([[5.0, 0.0] if text.startswith(("glem det", "nej")) else [0.0, 5.0]
                         for text in texts])


def test_what_follows_the_exit_words_decides_when_they_alone_would_say_no(
    storage: LocalModelStorage,
) -> None:
    component = _component(storage)
    component.model = _ExitWordsWin()  # type: ignore[assignment]
    assert _ask(component, "glem det").get("intent")["name"] == "deny"
    assert _ask(component, "glem det, kan jeg få en tolk").get("intent")["name"] == "kb_tolk"
    # Too short to be a question of its own: still a plain no.
    assert _ask(component, "nej tak, tolk").get("intent")["name"] == "deny"
