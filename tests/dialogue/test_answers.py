"""Short typed answers: exits, yes/no, corrections, codes, ratings, and the offered buttons."""

from __future__ import annotations

import pytest

from bot.dialogue.answers import (
    correction,
    exit_phrase,
    looks_like_code,
    offered_button_for,
    rating_from_text,
    says_dont_have,
    text_after_exit,
)

YES_NO = [{"title": "Ja, ring mig op", "payload": "/request_callback"},
          {"title": "Nej tak", "payload": "/deny"}]
RATING = [{"title": str(n), "payload": f'/rate_chat{{"rating": "{n}"}}'} for n in range(1, 6)]
TIMES = [{"title": "Formiddag (kl. 8-12)", "payload": "formiddag kl. 8-12"},
         {"title": "Eftermiddag (kl. 12-16)", "payload": "eftermiddag kl. 12-16"}]


@pytest.mark.parametrize("text", ["stop", "Stop!", "afbryd", "GLEM DET", "nej tak", "annuller",
                                  "fortryd", "nej"])
def test_exit_words_are_recognised(text: str) -> None:
    assert exit_phrase(text)


@pytest.mark.parametrize("text", ["Anna Hansen", "stoppested ved Nørreport", "20 30 40 50",
                                  "jeg er utryg ved min nabo"])
def test_answers_are_not_exits(text: str) -> None:
    assert exit_phrase(text) is None


def test_what_follows_an_exit_is_kept_for_the_question() -> None:
    text = "glem det, jeg vil hellere vide noget om erstatning"
    assert text_after_exit(text) == "jeg vil hellere vide noget om erstatning"


@pytest.mark.parametrize("text", ["det har jeg ikke", "jeg har ikke min kvittering",
                                  "Jeg har ikke mit journalnummer", "jeg kan ikke finde den"])
def test_not_having_the_answer_is_recognised(text: str) -> None:
    assert says_dont_have(text)


def test_a_correction_keeps_the_new_value_as_typed() -> None:
    fix = correction("Nej, mit nummer er 20 30 40 50")
    assert fix is not None and (fix.what, fix.value) == ("nummer", "20 30 40 50")
    assert correction("nej tak") is None


@pytest.mark.parametrize(("text", "code"), [("DDDD-4444", True), ("M4NP-6QRS", True),
                                            ("k7qm 4tzp", True), ("stop", False),
                                            ("20304050", False), ("hvad er en sag", False)])
def test_code_like_input(text: str, code: bool) -> None:
    assert looks_like_code(text) is code


@pytest.mark.parametrize(("text", "rating"), [("4", 4), ("fire", 4), ("5 stjerner", 5),
                                              ("rigtig god", 5), ("to", 2), ("hej", None),
                                              ("12", None)])
def test_ratings_in_numbers_and_words(text: str, rating: int | None) -> None:
    assert rating_from_text(text) == rating


@pytest.mark.parametrize(("text", "payload"), [
    ("ja", "/request_callback"), ("Ja tak", "/request_callback"), ("ok", "/request_callback"),
    ("nej tak", "/deny"), ("Nej", "/deny"), ("ja, ring mig op", "/request_callback"),
])
def test_typed_yes_and_no_mean_the_offered_buttons(text: str, payload: str) -> None:
    button = offered_button_for(text, YES_NO)
    assert button is not None and button["payload"] == payload


def test_typed_ratings_and_day_parts_mean_their_buttons() -> None:
    assert offered_button_for("fire", RATING) == RATING[3]
    assert offered_button_for("formiddag", TIMES) == TIMES[0]
    assert offered_button_for("eftermiddag", TIMES) == TIMES[1]


@pytest.mark.parametrize("text", ["måske", "jeg vil tale om min sag", "DDDD-4444", ""])
def test_anything_else_is_not_a_button(text: str) -> None:
    assert offered_button_for(text, YES_NO) is None


def test_yes_takes_a_single_offer() -> None:
    offer = [{"title": "Giv en karakter", "payload": "/rate_chat"}]
    assert offered_button_for("ja tak", offer) == offer[0]
    assert offered_button_for("nej", offer) is None


def test_yes_to_a_re_prompt_is_not_its_stop_button() -> None:
    assert offered_button_for("ja", [{"title": "Stop", "payload": "stop"}]) is None
