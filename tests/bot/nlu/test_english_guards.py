"""English in the safety nets (issue #18): danger now gets 112 first, distress the crisis answer.

The same guards serve both languages; questions about the past or about the police stay with
the classifier, and Danish texts with look-alike words ("fire uger") are not taken for English.
"""

from __future__ import annotations

import pytest

from bot.nlu.distress_guard import looks_like_distress
from bot.nlu.emergency_guard import looks_like_emergency


@pytest.mark.parametrize(
    "text",
    [
        "There is a man with a knife outside, help",
        "someone is breaking into my house right now",
        "my neighbours house is on fire",
        "he has a gun",
        "my friend is bleeding and unconscious",
        "help!!",
        "he is hitting me",
        "i am being followed by a man",
        "he says he is going to kill me",
        "send the police please",
        "shots fired near the station",
    ],
)
def test_english_danger_now_is_an_emergency(text: str) -> None:
    assert looks_like_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "i was robbed yesterday how do i report it",
        "how do i report a burglary",
        "i was stabbed last year can i get compensation",
        "what should i do if my ex follows me",
        "my husband hits me sometimes what can i do",
        "it is not happening right now but how do i report my partner",
        "when is the court hearing in my case",
        "du kan klage inden fire uger",
    ],
)
def test_english_questions_about_the_past_are_left_to_the_classifier(text: str) -> None:
    assert not looks_like_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "i want to die",
        "I dont want to live anymore",
        "im thinking about suicide",
        "i want to kill myself",
        "i cut myself again",
        "everyone would be better off without me",
        "i cant go on",
        "i took all my pills",
    ],
)
def test_english_distress_is_recognised(text: str) -> None:
    assert looks_like_distress(text)


@pytest.mark.parametrize(
    "text",
    [
        "how do i report a crime",
        "can i get compensation from the state",
        "my case was dropped what can i do",
        "i want to talk to a person",
    ],
)
def test_english_questions_are_not_distress(text: str) -> None:
    assert not looks_like_distress(text)
