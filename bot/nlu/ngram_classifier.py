"""The intent classifier: a logistic regression on TF-IDF character and word n-grams.

Citizens write short questions with typos and without æ/ø/å, and many knowledge entries differ
by one or two words. On data this small (about 100 intents, 3,000 examples) a linear model on
n-grams of the folded text ranks as well as DIET did, is rarely sure of a wrong answer, and
trains in seconds where DIET took half an hour on 2 cores (docs/KNOWLEDGE_EVAL.md,
docs/BENCHMARKS.md "Training"). The guards and the FallbackClassifier come after it and see how
sure it is.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from bot.formats import fold_danish_letters

logger = logging.getLogger(__name__)

# The only type in the saved model that skops does not trust by default (TF-IDF weights).
_TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
_MODEL_FILE = "ngram_classifier.skops"


def build_model(config: dict[str, Any]) -> Pipeline:
    """TF-IDF of char n-grams within words and of word n-grams, then a logistic regression."""
    char_low, char_high = config["char_ngrams"]
    word_low, word_high = config["word_ngrams"]
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(char_low, char_high), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(word_low, word_high), sublinear_tf=True,
                        token_pattern=r"(?u)\b\w+\b"),  # noqa: S106 (a regex, not a password)
    )
    # Balanced: the intents with many examples (emergency, out_of_scope) get no head start.
    classifier = LogisticRegression(C=config["C"], max_iter=3000, class_weight="balanced",
                                    random_state=config["seed"])
    return make_pipeline(features, classifier)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NgramIntentClassifier(GraphComponent):
    """Ranks the intents of a message by a TF-IDF n-gram logistic regression."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Inverse regularisation: higher is surer (fewer "Mente du"), and wrong a bit more
            # often; 100 was chosen on the held-out sets among 10, 30, 100 and 300.
            "C": 100.0,
            "char_ngrams": [2, 5],
            "word_ngrams": [1, 2],
            "ranking_length": 10,
            "seed": 1,
        }

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Pipeline | None = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> NgramIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("NgramIntentClassifier: fewer than two intents, nothing to learn.")
            return self._resource
        model = build_model(self.config)
        model.fit([fold_danish_letters(e.get(TEXT)) for e in examples],
                  [e.get(INTENT) for e in examples])
        self.model = model
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(model, directory / _MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> NgramIntentClassifier:
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / _MODEL_FILE
                untrusted = set(sio.get_untrusted_types(file=path)) - set(_TRUSTED_TYPES)
                if untrusted:
                    raise ValueError(f"untrusted types in {path}: {sorted(untrusted)}")
                model = sio.load(path, trusted=_TRUSTED_TYPES)
        except ValueError as error:  # no resource (nothing trained) or a file we do not trust
            logger.warning("NgramIntentClassifier not loaded, no intent is predicted: %s", error)
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            probabilities = self.model.predict_proba([fold_danish_letters(text)])[0]
            ranking = [{"name": str(name), "confidence": float(p)}
                       for p, name in sorted(zip(probabilities, self.model.classes_, strict=True),
                                             key=lambda pair: (-pair[0], pair[1]))]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[: self.config["ranking_length"]],
                        add_to_output=True)
        return messages
