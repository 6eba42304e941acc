"""Token folding: "bøde", "boede" and "Bøde" are one word to the classifier; text stays as typed."""

from __future__ import annotations

from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.letter_folding import DanishLetterFolder


def _message(text: str) -> Message:
    message = Message(data={TEXT: text})
    tokens, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        tokens.append(Token(word, start, lemma=word))
        start += len(word)
    message.set(TOKENS_NAMES[TEXT], tokens)
    return message


def _words(message: Message) -> list[str]:
    return [token.text for token in message.get(TOKENS_NAMES[TEXT])]


def test_danish_letters_and_their_spelled_out_forms_become_the_same_token() -> None:
    folder = DanishLetterFolder()
    with_letters, without = _message("Hvornår får jeg BØDEN"), _message("hvornaar faar jeg boeden")
    folder.process([with_letters, without])
    assert _words(with_letters) == _words(without) == ["hvornar", "far", "jeg", "boeden"]


def test_the_text_and_tokens_with_digits_stay_as_typed() -> None:
    message = _message("sag 0100-80150-01234-26 på nettet")
    DanishLetterFolder().process([message])
    assert message.get(TEXT) == "sag 0100-80150-01234-26 på nettet"
    assert _words(message)[1] == "0100-80150-01234-26"
    assert [t.start for t in message.get(TOKENS_NAMES[TEXT])] == [0, 4, 24, 27]


def test_training_data_is_folded_the_same_way() -> None:
    message = _message("hvad er et bødeforlæg")
    DanishLetterFolder().process_training_data(TrainingData([message]))
    assert _words(message)[-1] == "boedeforlaeg"
