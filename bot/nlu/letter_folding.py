"""Fold æ/ø/å in the tokens, so "bøde", "boede" and "BØDE" are one word to the classifier.

Citizens often type without Danish letters ("hvornaar", "boedeforelaeg"); the knowledge base has
examples both ways. Without folding, the word featurizer sees two unrelated words and the char
n-grams share little ("bøde" / "boede"). This component runs right after the tokenizer and
rewrites each token's text and lemma with the knowledge base's own folding (`fold_question`:
lower case, æ/ø/å spelled out, doubled letters single, so "hvornår", "hvornaar" and "hvornar"
meet). Tokens with digits are left alone; the message text itself is untouched, so entity
offsets (journal numbers) and what the advisor sees stay as typed.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.normalize import fold_question
from bot.nlu.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class DanishLetterFolder(StatelessComponent):
    """Rewrites each token's text and lemma in folded form ("Bøden" -> "boden")."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                if any(char.isdigit() for char in token.text):
                    continue
                token.text = fold_question(token.text) or token.text
                token.lemma = fold_question(token.lemma or token.text) or token.text
        return messages
